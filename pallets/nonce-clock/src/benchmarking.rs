//! Benchmarks for the nonce clock: reading the floor, which every account creation does (the
//! pallets that create or reap accounts measure the clock again in their own weights, since
//! they run over this runtime's `Nonce` and `OnKilledAccount`).

use super::*;
use frame_benchmarking::v2::*;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn now() {
		Floor::<T>::put(1_000_000);
		let start;

		#[block]
		{
			start = Pallet::<T>::now();
		}

		assert_eq!(start, 1_000_000);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
