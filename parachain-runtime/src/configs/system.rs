use crate::{
	Block, Nonce, NonceClock, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	RuntimeTask, VERSION,
};
use cumulus_primitives_core::relay_chain::MAX_POV_SIZE;
use frame_support::{
	derive_impl, parameter_types,
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use mvp_chain_runtime_common::weights;
use sp_version::RuntimeVersion;

/// Two seconds of compute, as with asynchronous backing the relay chain's validators allow, and
/// a proof of validity no larger than the relay chain accepts.
pub const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, MAX_POV_SIZE as u64);

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
}

mvp_chain_runtime_common::block_limits!(
	MAXIMUM_BLOCK_WEIGHT,
	crate::weights::block_weights::BlockExecutionWeight,
	crate::weights::extrinsic_weights::ExtrinsicBaseWeight
);

#[derive_impl(mvp_chain_runtime_common::configs::SystemDefaults)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type Nonce = Nonce;
	type Version = Version;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	/// Raises the nonce clock's floor, that new accounts' nonces start at, to a reaped
	/// account's nonce.
	type OnKilledAccount = NonceClock;
	/// New code waits for the relay chain's go-ahead (`ParachainSystem`).
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
}
