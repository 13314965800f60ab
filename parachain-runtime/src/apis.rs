//! The runtime API entry points the blob exports, each forwarding to FRAME or cumulus: the ones
//! both runtimes answer alike (`mvp_chain_runtime_common::impl_runtime_apis_with_shared!`), then
//! what collators and polkadot-omni-node ask a parachain.

use crate::{
	configs::{ConsensusHook, RuntimeBlockLength},
	genesis_checks, genesis_config_presets, opaque, AccountId, Aura, Balance, Block, Executive,
	InherentDataExt, ParachainInfo, ParachainSystem, Runtime, RuntimeCall, RuntimeGenesisConfig,
	SessionKeys, System, TransactionPayment, UncheckedExtrinsic, VERSION,
};
use frame_support::traits::Get;
use mvp_chain_runtime_common::extrinsic_decoding;
use sp_runtime::{
	traits::Block as BlockT, transaction_validity::TransactionValidityError, OpaqueExtrinsic,
};

/// An extrinsic of this runtime within the longest a block can hold, or an `InvalidTransaction`.
fn decode(opaque: &OpaqueExtrinsic) -> Result<UncheckedExtrinsic, TransactionValidityError> {
	let max = extrinsic_decoding::max_length(&RuntimeBlockLength::get());
	extrinsic_decoding::decode_extrinsic(opaque, max)
}

mvp_chain_runtime_common::impl_runtime_apis_with_shared! {
	decode_extrinsic: decode,
	check_genesis: genesis_checks::check,
	get_preset: genesis_config_presets::get_preset,
	preset_names: genesis_config_presets::preset_names,

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(
			header: &<Block as BlockT>::Header,
		) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			<Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset::get()
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}
}
