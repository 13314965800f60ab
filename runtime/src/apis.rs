//! The runtime API entry points the blob exports, each forwarding to FRAME: the ones both
//! runtimes answer alike (`mvp_chain_runtime_common::impl_runtime_apis_with_shared!`), then
//! GRANDPA's, the misbehaviour reports' and the benchmarking and try-runtime tools'.

use crate::{
	extrinsic_decoding::decode_extrinsic, genesis_checks, genesis_config_presets, opaque,
	AccountId, Aura, Balance, Block, Equivocation, Executive, Grandpa, Historical, InherentDataExt,
	Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};
#[cfg(feature = "runtime-benchmarks")]
use alloc::vec::Vec;
use codec::Encode;
use frame_support::traits::KeyOwnerProofSystem;
#[cfg(feature = "try-runtime")]
use frame_support::weights::Weight;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_runtime::traits::{Block as BlockT, NumberFor};

mvp_chain_runtime_common::impl_runtime_apis_with_shared! {
	decode_extrinsic: decode_extrinsic,
	check_genesis: genesis_checks::check,
	get_preset: genesis_config_presets::get_preset,
	preset_names: genesis_config_presets::preset_names,

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|proof| sp_consensus_grandpa::OpaqueKeyOwnershipProof::new(proof.encode()))
		}
	}

	impl pallet_equivocation::AuraEquivocationApi<Block, AuraId> for Runtime {
		fn generate_key_ownership_proof(
			_slot: sp_consensus_slots::Slot,
			authority_id: AuraId,
		) -> Option<sp_runtime::OpaqueValue> {
			Equivocation::key_ownership_proof::<Historical>(authority_id)
				.map(|proof| sp_runtime::OpaqueValue::new(proof.encode()))
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_slots::EquivocationProof<<Block as BlockT>::Header, AuraId>,
			key_owner_proof: sp_runtime::OpaqueValue,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Equivocation::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			// The macros name the pallets by their runtime aliases.
			use crate::*;
			use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use crate::*;
			use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkBatch};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};

			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	// A refusal traps with its reason, logged on the `runtime` target: the try-runtime tools
	// read it there.
	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|e| panic!("try-runtime: the upgrade is refused: {e:?}"));
			let limits = <crate::configs::RuntimeBlockWeights as frame_support::traits::Get<_>>::get();
			(weight, limits.max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|e| panic!("try-runtime: the block is refused: {e:?}"))
		}
	}

}
