//! The blob charges the weights measured on it (`runtime-common/src/weights`,
//! `runtime/src/weights`), not the pallets' defaults: a transfer's quoted weight, and the block limits its metadata announces.

use crate::{
	chain::{dev_chain, genesis, genesis_of, transfer, Ours},
	host::{in_hosts, Host, HostExt, Wasmtime},
};
use codec::Decode;
use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
use frame_system::limits::BlockWeights;
use mvp_chain_runtime::{
	weights::{block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight},
	Runtime, UNIT,
};
use mvp_chain_runtime_common::weights::pallet_balances::WeightInfo as Measured;
use pallet_balances::WeightInfo;
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::{Alice, Bob};

fn a_transfer_is_quoted_the_measured_weight<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let call = transfer(Bob, UNIT);
	let measured = Measured::<Runtime>::transfer_keep_alive();
	assert_ne!(
		measured,
		pallet_balances::weights::SubstrateWeight::<Runtime>::transfer_keep_alive(),
		"the measured weight is the default one: regenerate or drop this test"
	);
	assert_eq!(call.get_dispatch_info().call_weight, measured);

	let xt = chain.sign(Alice, call, 0);
	let info = chain.query_info(&xt);
	// The quote adds the transaction extensions' weights to the call's.
	assert_eq!(info.weight, xt.get_dispatch_info().total_weight());
	assert!(info.weight.ref_time() > measured.ref_time());
}

in_hosts!(a_transfer_is_quoted_the_measured_weight: wasmtime, native);

/// The block limits a blob's metadata announces (`System.BlockWeights`), in `host`.
fn announced_limits(host: &mut impl Host) -> BlockWeights {
	let raw: Option<Vec<u8>> = host.query("Metadata_metadata_at_version", 15u32);
	let metadata = subxt_metadata::Metadata::decode_from(&raw.expect("V15")[..]).expect("metadata");
	let constant = metadata
		.pallet_by_name("System")
		.and_then(|p| p.constant_by_name("BlockWeights"))
		.expect("System.BlockWeights");
	BlockWeights::decode(&mut constant.value()).expect("a BlockWeights")
}

fn the_announced_block_limits_use_the_measured_base_weights<H: Host>(new: fn(Storage) -> H) {
	let limits = announced_limits(&mut new(genesis("development").storage));
	assert_eq!(limits.base_block, BlockExecutionWeight::get());
	for class in DispatchClass::all() {
		assert_eq!(limits.get(*class).base_extrinsic, ExtrinsicBaseWeight::get());
	}
	assert_ne!(
		ExtrinsicBaseWeight::get(),
		frame_support::weights::constants::ExtrinsicBaseWeight::get()
	);
}

in_hosts!(the_announced_block_limits_use_the_measured_base_weights: wasmtime, native);

// The parachain's base weights as its source states them (the runtime is not built natively
// here).
#[path = "../../parachain-runtime/src/weights/block_weights.rs"]
mod parachain_block_weights;
#[path = "../../parachain-runtime/src/weights/extrinsic_weights.rs"]
mod parachain_extrinsic_weights;

/// An empty parachain block runs ParachainSystem's inherent and hooks: its blob announces the
/// base weights measured on it, not the solochain's.
#[test]
fn the_parachain_announces_its_own_measured_base_weights() {
	let blob = mvp_chain::parachain::WASM_BINARY.expect("the parachain blob is built");
	let limits = announced_limits(&mut Wasmtime::new(genesis_of(blob, "development").storage));
	let base_block = parachain_block_weights::BlockExecutionWeight::get();
	let base_extrinsic = parachain_extrinsic_weights::ExtrinsicBaseWeight::get();
	assert_eq!(limits.base_block, base_block);
	for class in DispatchClass::all() {
		assert_eq!(limits.get(*class).base_extrinsic, base_extrinsic);
	}
	assert_ne!(base_block, BlockExecutionWeight::get(), "the solochain's empty block");
	assert_ne!(base_extrinsic, ExtrinsicBaseWeight::get(), "the solochain's extrinsic");
}

/// The measured base weights are what a block books, not only what the metadata announces:
/// `initialize_block` books `BlockExecutionWeight` (with the pallets' `on_initialize`) as
/// mandatory, and the timestamp inherent adds exactly `ExtrinsicBaseWeight` and its call's
/// measured weight (a bare extrinsic has no extension weight).
fn a_block_books_the_measured_base_weights<H: Host>(new: fn(Storage) -> H) {
	use frame_system::ConsumedWeight;
	use mvp_chain_runtime::{RuntimeCall, TimestampCall};
	use sp_runtime::Weight;
	let key = frame_support::storage::storage_prefix(b"System", b"BlockWeight");
	let (mut chain, _) = dev_chain(new);
	let mut block = chain.start_block().expect("initialize_block");
	let initialised: ConsumedWeight = block.host().read(&key).expect("BlockWeight");
	let mandatory = *initialised.get(DispatchClass::Mandatory);
	assert!(mandatory.all_gte(BlockExecutionWeight::get()), "{initialised:?}");
	assert_eq!(*initialised.get(DispatchClass::Normal), Weight::zero());
	let inherents = block.apply_inherents().expect("the inherents are accepted");
	assert_eq!(inherents.len(), 1, "the timestamp");
	let applied: ConsumedWeight = block.host().read(&key).expect("BlockWeight");
	let set = RuntimeCall::Timestamp(TimestampCall::set { now: 0 }).get_dispatch_info();
	// The extrinsic's length counts towards the proof size.
	let length = Weight::from_parts(0, inherents[0].len() as u64);
	assert_eq!(
		*applied.get(DispatchClass::Mandatory) - mandatory,
		ExtrinsicBaseWeight::get() + set.call_weight + length
	);
}

in_hosts!(a_block_books_the_measured_base_weights: wasmtime, native);
