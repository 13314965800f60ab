//! Living under a relay chain: the relay chain's state each block reads (`ParachainSystem`),
//! the parachain's id, and how far ahead of the relay chain its blocks may run. No XCM: the
//! chain neither sends nor takes messages (a downward message is dropped).

use crate::{Runtime, RuntimeEvent};
use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use frame_support::traits::ConstU32;

/// The relay chain's slot, which the parachain's slot must match. polkadot-omni-node's dev
/// mode assumes it too.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6_000;
/// Parachain blocks a relay chain block may back.
const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Blocks built ahead of what the relay chain has included (asynchronous backing).
const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;

/// Checks that the parachain's slot is the relay chain's, and bounds blocks per relay slot and
/// the unincluded segment.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = staging_parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = ();
	type DmpQueue = frame_support::traits::EnqueueWithOrigin<(), sp_core::ConstU8<0>>;
	type ReservedDmpWeight = ();
	type XcmpMessageHandler = ();
	type ReservedXcmpWeight = ();
	/// Asynchronous backing: several parachain blocks may share a relay parent.
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = ConstU32<0>;
	/// Scheduling v3 is not enabled on relay chains yet; enabling it wrongly stalls the chain.
	type SchedulingSignatureVerifier = ();
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
}

impl staging_parachain_info::Config for Runtime {}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	/// The crate's own measurement (its `SubstrateWeight` is private; `()` has the same numbers).
	type WeightInfo = ();
}
