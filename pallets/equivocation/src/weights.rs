//! Weights for `pallet_equivocation`. `check_equivocation_proof` is benchmarked
//! (`benchmarking.rs`); a report's weight adds to it what `pallet-grandpa` charges for the
//! same steps of its own reports (checking a membership proof, reporting an offence), since
//! measuring those needs a whole session history set up in a benchmark.
//! NOT YET MEASURED: `check_equivocation_proof` is a first estimate (two sr25519 checks)
//! until `scripts/weights.sh` runs the benchmark.

use frame_support::weights::{
	constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_MICROS, WEIGHT_REF_TIME_PER_NANOS},
	Weight,
};

pub trait WeightInfo {
	fn check_equivocation_proof() -> Weight;

	/// A report against a set of `validator_count` validators.
	fn report_equivocation(validator_count: u32) -> Weight {
		// pallet-grandpa's floor: a proof is charged as if for at least 100 validators.
		let validators = validator_count.max(100) as u64;
		let membership = Weight::from_parts(35 * WEIGHT_REF_TIME_PER_MICROS, 0)
			.saturating_add(
				Weight::from_parts(175 * WEIGHT_REF_TIME_PER_NANOS, 0).saturating_mul(validators),
			)
			.saturating_add(RocksDbWeight::get().reads(5));
		let offence = Weight::from_parts(110 * WEIGHT_REF_TIME_PER_MICROS, 0)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 8));
		Self::check_equivocation_proof().saturating_add(membership).saturating_add(offence)
	}
}

impl WeightInfo for () {
	fn check_equivocation_proof() -> Weight {
		Weight::from_parts(120 * WEIGHT_REF_TIME_PER_MICROS, 2_000)
	}
}
