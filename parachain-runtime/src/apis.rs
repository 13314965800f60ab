//! The runtime API entry points the blob exports, each forwarding to FRAME or cumulus; the
//! solochain's, less GRANDPA's and the misbehaviour reports', plus what collators and
//! polkadot-omni-node ask a parachain.

use crate::{
	configs::{ConsensusHook, RuntimeBlockLength},
	genesis_checks, genesis_config_presets, opaque, AccountId, Aura, Balance, Block, Executive,
	InherentDataExt, ParachainInfo, ParachainSystem, Runtime, RuntimeCall, RuntimeGenesisConfig,
	SessionKeys, System, TransactionPayment, UncheckedExtrinsic, VERSION,
};
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::get_preset,
	traits::{BuildGenesisConfig, Get},
	view_functions::{ViewFunctionDispatchError, ViewFunctionId},
	weights::Weight,
};
use mvp_chain_runtime_common::{extrinsic_decoding, inherents};
use pallet_transaction_payment::{FeeDetails, RuntimeDispatchInfo};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_inherents::{CheckInherentsResult, InherentData};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity, TransactionValidityError},
	ApplyExtrinsicResult, ExtrinsicInclusionMode, OpaqueExtrinsic,
};
use sp_version::RuntimeVersion;

/// Transactions arrive as opaque extrinsics (exactly the bytes a node frames), so bytes that
/// are not an extrinsic of this runtime get an `InvalidTransaction` answer, not a trap.
fn decode(opaque: &OpaqueExtrinsic) -> Result<UncheckedExtrinsic, TransactionValidityError> {
	let max = extrinsic_decoding::max_length(&RuntimeBlockLength::get());
	extrinsic_decoding::decode_extrinsic(opaque, max)
}

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<opaque::Block> for Runtime {
		fn apply_extrinsic(extrinsic: OpaqueExtrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(decode(&extrinsic)?)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: InherentData) -> Vec<OpaqueExtrinsic> {
			data.create_extrinsics().into_iter().map(Into::into).collect()
		}

		fn check_inherents(
			block: <opaque::Block as BlockT>::LazyBlock,
			data: InherentData,
		) -> CheckInherentsResult {
			inherents::check_inherents::<Block>(&block, |block| data.check_extrinsics(block))
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<opaque::Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: OpaqueExtrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, decode(&tx)?, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

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

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	// Answered as a plain u32, the nonce's wire type: `TypeWithDefault` serialises to JSON as a
	// pair, which a node's `system_accountNextIndex` would hand wallets instead of a number.
	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, u32> for Runtime {
		fn account_nonce(account: AccountId) -> u32 {
			u32::try_from(System::account_nonce(account)).unwrap_or_else(|never| match never {})
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(uxt: <Block as BlockT>::Extrinsic, len: u32) -> RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(uxt: <Block as BlockT>::Extrinsic, len: u32) -> FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(call: RuntimeCall, len: u32) -> RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(call: RuntimeCall, len: u32) -> FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			// FRAME's `build_state` helper, with the config checked between parsing and
			// building, so that what the pallets would trap on is refused with a message.
			let config = serde_json::from_slice::<RuntimeGenesisConfig>(&config)
				.map_err(|e| alloc::format!("Invalid JSON blob: {e}"))?;
			genesis_checks::check(&config)?;
			config.build();
			Ok(())
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}
}
