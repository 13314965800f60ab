//! Benchmarks for the validator set: governance's two calls over a set of `v` validators, and
//! acting on `o` offenders reported at once.

use super::*;
use alloc::vec::Vec;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::*, traits::EnsureOrigin};
use sp_runtime::traits::TrailingZeroInput;
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

/// `n` validators, each with (placeholder) session keys, approved and active.
fn validators<T: Config>(n: u32) -> Vec<T::AccountId> {
	let set: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	for v in &set {
		give_keys::<T>(v);
	}
	Validators::<T>::put(BoundedVec::try_from(set.clone()).expect("within the maximum"));
	pallet_session::Validators::<T>::put(set.clone());
	set
}

fn give_keys<T: Config>(who: &T::AccountId) {
	let keys = <T as pallet_session::Config>::Keys::decode(&mut TrailingZeroInput::zeroes())
		.expect("keys decode from zeroes");
	pallet_session::NextKeys::<T>::insert(who, keys);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		validators::<T>(v);
		let who: T::AccountId = account("candidate", 0, 0);
		give_keys::<T>(&who);
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let set = validators::<T>(v);
		// The first: the rest of the set moves down.
		let who = set[0].clone();
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn on_offence(
		o: Linear<1, { T::MaxValidators::get() / 2 }>,
		v: Linear<
			{ T::MaxValidators::get() / 2 + T::MinValidators::get() },
			{ T::MaxValidators::get() },
		>,
	) {
		let set = validators::<T>(v);
		let offenders: Vec<_> = set[..o as usize]
			.iter()
			.map(|v| OffenceDetails { offender: (v.clone(), ()), reporters: Vec::new() })
			.collect();

		#[block]
		{
			<Pallet<T> as OnOffenceHandler<_, _, _>>::on_offence(&offenders, &[], 0);
		}

		assert_eq!(Validators::<T>::get().len() as u32, v - o);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
