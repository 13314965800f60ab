//! The runtime APIs both runtimes answer alike, in one `impl_runtime_apis!` with each runtime's
//! own: `impl_runtime_apis!` can be invoked once per runtime only, so the shared impls are a
//! macro that takes the rest.

/// `sp_api::impl_runtime_apis!` with the APIs both runtimes answer alike (Core, Metadata,
/// BlockBuilder, TaggedTransactionQueue, OffchainWorkerApi, AuraApi, SessionKeys,
/// AccountNonceApi, TransactionPaymentApi, TransactionPaymentCallApi, GenesisBuilder,
/// RuntimeViewFunction) followed by the runtime's own impls.
///
/// It names what `construct_runtime!` and a runtime's crate root declare, as the invoking
/// crate has them: `Runtime`, `Block`, `opaque::Block`, `Executive`, `System`, `Aura`,
/// `TransactionPayment`, `SessionKeys`, `VERSION`, `AccountId`, `Balance`, `RuntimeCall`,
/// `RuntimeGenesisConfig` and `InherentDataExt`. The runtime gives its bounded extrinsic decoder
/// (an `InvalidTransaction` for bytes that are not one of its extrinsics, not a trap), its
/// genesis checks and its presets.
#[macro_export]
macro_rules! impl_runtime_apis_with_shared {
	(
		decode_extrinsic: $decode:path,
		check_genesis: $check_genesis:path,
		get_preset: $get_preset:path,
		preset_names: $preset_names:path,
		$($own:tt)*
	) => {
		sp_api::impl_runtime_apis! {
			impl sp_api::Core<Block> for Runtime {
				fn version() -> sp_version::RuntimeVersion {
					VERSION
				}

				fn execute_block(block: <Block as sp_runtime::traits::Block>::LazyBlock) {
					Executive::execute_block(block);
				}

				fn initialize_block(
					header: &<Block as sp_runtime::traits::Block>::Header,
				) -> sp_runtime::ExtrinsicInclusionMode {
					Executive::initialize_block(header)
				}
			}

			impl sp_api::Metadata<Block> for Runtime {
				fn metadata() -> sp_core::OpaqueMetadata {
					sp_core::OpaqueMetadata::new(Runtime::metadata().into())
				}

				fn metadata_at_version(version: u32) -> Option<sp_core::OpaqueMetadata> {
					Runtime::metadata_at_version(version)
				}

				fn metadata_versions() -> alloc::vec::Vec<u32> {
					Runtime::metadata_versions()
				}
			}

			// Transactions arrive as opaque extrinsics (exactly the bytes a node frames), so
			// bytes that are not an extrinsic of this runtime get an `InvalidTransaction`
			// answer, not a trap.
			impl sp_block_builder::BlockBuilder<opaque::Block> for Runtime {
				fn apply_extrinsic(
					extrinsic: sp_runtime::OpaqueExtrinsic,
				) -> sp_runtime::ApplyExtrinsicResult {
					Executive::apply_extrinsic($decode(&extrinsic)?)
				}

				fn finalize_block() -> <Block as sp_runtime::traits::Block>::Header {
					Executive::finalize_block()
				}

				fn inherent_extrinsics(
					data: sp_inherents::InherentData,
				) -> alloc::vec::Vec<sp_runtime::OpaqueExtrinsic> {
					InherentDataExt::create_extrinsics(&data).into_iter().map(Into::into).collect()
				}

				fn check_inherents(
					block: <opaque::Block as sp_runtime::traits::Block>::LazyBlock,
					data: sp_inherents::InherentData,
				) -> sp_inherents::CheckInherentsResult {
					$crate::inherents::check_inherents::<Block>(&block, |block| {
						InherentDataExt::check_extrinsics(&data, block)
					})
				}
			}

			impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<opaque::Block> for Runtime {
				fn validate_transaction(
					source: sp_runtime::transaction_validity::TransactionSource,
					tx: sp_runtime::OpaqueExtrinsic,
					block_hash: <Block as sp_runtime::traits::Block>::Hash,
				) -> sp_runtime::transaction_validity::TransactionValidity {
					Executive::validate_transaction(source, $decode(&tx)?, block_hash)
				}
			}

			impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
				fn offchain_worker(header: &<Block as sp_runtime::traits::Block>::Header) {
					Executive::offchain_worker(header)
				}
			}

			impl sp_consensus_aura::AuraApi<Block, sp_consensus_aura::sr25519::AuthorityId> for Runtime {
				fn slot_duration() -> sp_consensus_aura::SlotDuration {
					sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
				}

				fn authorities() -> alloc::vec::Vec<sp_consensus_aura::sr25519::AuthorityId> {
					pallet_aura::Authorities::<Runtime>::get().into_inner()
				}
			}

			impl sp_session::SessionKeys<Block> for Runtime {
				fn generate_session_keys(
					owner: alloc::vec::Vec<u8>,
					seed: Option<alloc::vec::Vec<u8>>,
				) -> sp_session::OpaqueGeneratedSessionKeys {
					SessionKeys::generate(&owner, seed).into()
				}

				fn decode_session_keys(
					encoded: alloc::vec::Vec<u8>,
				) -> Option<alloc::vec::Vec<(alloc::vec::Vec<u8>, sp_core::crypto::KeyTypeId)>> {
					SessionKeys::decode_into_raw_public_keys(&encoded)
				}
			}

			// Answered as a plain u32, the nonce's wire type: `TypeWithDefault` serialises to
			// JSON as a pair, which a node's `system_accountNextIndex` would hand wallets
			// instead of a number.
			impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, u32> for Runtime {
				fn account_nonce(account: AccountId) -> u32 {
					u32::try_from(System::account_nonce(account)).unwrap_or_else(|never| match never {})
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance>
				for Runtime
			{
				fn query_info(
					uxt: <Block as sp_runtime::traits::Block>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
					TransactionPayment::query_info(uxt, len)
				}

				fn query_fee_details(
					uxt: <Block as sp_runtime::traits::Block>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment::FeeDetails<Balance> {
					TransactionPayment::query_fee_details(uxt, len)
				}

				fn query_weight_to_fee(weight: frame_support::weights::Weight) -> Balance {
					TransactionPayment::weight_to_fee(weight)
				}

				fn query_length_to_fee(length: u32) -> Balance {
					TransactionPayment::length_to_fee(length)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<
				Block,
				Balance,
				RuntimeCall,
			> for Runtime
			{
				fn query_call_info(
					call: RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
					TransactionPayment::query_call_info(call, len)
				}

				fn query_call_fee_details(
					call: RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment::FeeDetails<Balance> {
					TransactionPayment::query_call_fee_details(call, len)
				}

				fn query_weight_to_fee(weight: frame_support::weights::Weight) -> Balance {
					TransactionPayment::weight_to_fee(weight)
				}

				fn query_length_to_fee(length: u32) -> Balance {
					TransactionPayment::length_to_fee(length)
				}
			}

			impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
				fn build_state(config: alloc::vec::Vec<u8>) -> sp_genesis_builder::Result {
					// FRAME's `build_state` helper, with the config checked between parsing and
					// building, so that what the pallets would trap on is refused with a message.
					let config = serde_json::from_slice::<RuntimeGenesisConfig>(&config)
						.map_err(|e| alloc::format!("Invalid JSON blob: {e}"))?;
					$check_genesis(&config)?;
					frame_support::traits::BuildGenesisConfig::build(&config);
					Ok(())
				}

				fn get_preset(
					id: &Option<sp_genesis_builder::PresetId>,
				) -> Option<alloc::vec::Vec<u8>> {
					frame_support::genesis_builder_helper::get_preset::<RuntimeGenesisConfig>(
						id,
						$get_preset,
					)
				}

				fn preset_names() -> alloc::vec::Vec<sp_genesis_builder::PresetId> {
					$preset_names()
				}
			}

			impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
				fn execute_view_function(
					id: frame_support::view_functions::ViewFunctionId,
					input: alloc::vec::Vec<u8>,
				) -> Result<alloc::vec::Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
					Runtime::execute_view_function(id, input)
				}
			}

			$($own)*
		}
	};
}
