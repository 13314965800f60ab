//! Benchmarks: checking an Aura equivocation proof, two seals.

use super::*;
use frame_benchmarking::v2::*;
use sp_runtime::RuntimeAppPublic;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn check_equivocation_proof() {
		let offender = T::AuthorityId::generate_pair(None);
		let slot = Slot::from(42);
		let proof = sp_consensus_slots::EquivocationProof {
			offender: offender.clone(),
			slot,
			first_header: testing::sealed_header::<T>(&offender, slot, 1),
			second_header: testing::sealed_header::<T>(&offender, slot, 2),
		};
		let valid;

		#[block]
		{
			valid = aura::check_equivocation_proof(&proof);
		}

		assert!(valid);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
