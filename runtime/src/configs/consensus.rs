use crate::{
	configs::validators::{ReportLongevity, MAX_VALIDATORS},
	Aura, Historical, Offences, Runtime, RuntimeEvent, Session, SLOT_DURATION,
};
use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = mvp_chain_runtime_common::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	/// A disabled validator's blocks are invalid.
	type DisabledValidators = Session;
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	// No staking: nobody nominates.
	type MaxNominators = ConstU32<0>;
	/// The sessions of as many sets as sessions are kept: a report's set maps to a session
	/// whose historical root is still there.
	type MaxSetIdSessionEntries = ConstU64<{ crate::HISTORY_DEPTH as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = pallet_equivocation::grandpa::CheckedReports<
		Runtime,
		pallet_grandpa::EquivocationReportSystem<Runtime, Offences, Historical, ReportLongevity>,
	>;
}
