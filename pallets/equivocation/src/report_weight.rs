//! What a report is charged. Only `check_equivocation_proof` is benchmarked (`benchmarking.rs`);
//! the rest of a report, checking a membership proof and reporting an offence, is charged what
//! `pallet-grandpa` charges for the same steps of its own reports, since measuring those needs a
//! whole session history set up in a benchmark.

use crate::{Config, WeightInfo};
use frame_support::{
	traits::Get,
	weights::{
		constants::{WEIGHT_REF_TIME_PER_MICROS, WEIGHT_REF_TIME_PER_NANOS},
		Weight,
	},
};

/// A report against a set of `validator_count` validators.
pub fn report_equivocation<T: Config>(validator_count: u32) -> Weight {
	let db = <T as frame_system::Config>::DbWeight::get();
	// pallet-grandpa's floor: a proof is charged as if for at least 100 validators.
	let validators = validator_count.max(100) as u64;
	let membership = Weight::from_parts(35 * WEIGHT_REF_TIME_PER_MICROS, 0)
		.saturating_add(
			Weight::from_parts(175 * WEIGHT_REF_TIME_PER_NANOS, 0).saturating_mul(validators),
		)
		.saturating_add(db.reads(5));
	let offence = Weight::from_parts(110 * WEIGHT_REF_TIME_PER_MICROS, 0)
		.saturating_add(db.reads_writes(6, 8));
	<T as Config>::WeightInfo::check_equivocation_proof()
		.saturating_add(membership)
		.saturating_add(offence)
}
