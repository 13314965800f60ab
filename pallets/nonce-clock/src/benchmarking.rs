//! Benchmarks for the nonce clock: advancing it once per block, and reading it, which every
//! account creation does (the pallets that create accounts measure it again in their own
//! weights, since they run over this runtime's `Nonce`).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::storage::unhashed;
use sp_core::storage::well_known_keys::EXTRINSIC_INDEX;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn post_transactions() {
		Ticks::<T>::put(Clock { ticks: 1_000_000, block: 0u32.into() });
		// A block whose 100 extrinsics are done.
		unhashed::put(EXTRINSIC_INDEX, &100u32);
		frame_system::Pallet::<T>::note_finished_extrinsics();

		#[block]
		{
			<Pallet<T> as PostTransactions>::post_transactions();
		}

		assert_eq!(Ticks::<T>::get().ticks, 1_000_100);
	}

	#[benchmark]
	fn now() {
		Ticks::<T>::put(Clock { ticks: 1_000_000, block: 0u32.into() });
		frame_system::Pallet::<T>::note_finished_initialize();
		let start;

		#[block]
		{
			start = Pallet::<T>::now();
		}

		assert_eq!(start, 1_000_001);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
