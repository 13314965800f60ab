//! Authoring: Aura, with the parachain's slot the relay chain's (one block per relay block).

use crate::{Aura, Runtime, SLOT_DURATION};
use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// Aura's bound on its authority set: the collators.
pub const MAX_AUTHORITIES: u32 = 32;

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// The slot comes from the relay chain's (`ConsensusHook`), not from the time between
	/// blocks: blocks of one relay slot may share a timestamp's slot.
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = mvp_chain_runtime_common::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	/// With asynchronous backing a collator may build on a block of its own slot, which the
	/// consensus hook bounds (`BLOCK_PROCESSING_VELOCITY` + 1 blocks a relay slot).
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}
