//! Benchmarks for the probe pallet. `panic` has none: a call that aborts execution cannot be
//! timed; its weight is that of the cheapest call (`allocate` of nothing).

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Up to 1 MiB, the test runtime's `MaxAllocation`; the cost is linear beyond it.
	#[benchmark]
	fn allocate(n: Linear<0, { 1024 * 1024 }>) {
		#[extrinsic_call]
		_(RawOrigin::Root, n);

		assert!(frame_system::Pallet::<T>::events().len() == 1);
	}

	/// Up to 1,000 frames: deeper recursion risks the 1 MiB stack of the blob.
	#[benchmark]
	fn recurse(d: Linear<0, 1_000>) {
		#[extrinsic_call]
		_(RawOrigin::Root, d);
	}

	#[benchmark]
	fn storage_rollback() {
		#[extrinsic_call]
		_(RawOrigin::Root, 42);

		assert!(!Scratch::<T>::exists());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
