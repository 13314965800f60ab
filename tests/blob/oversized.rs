//! Inputs far beyond what a block can hold, or nested deeper than the runtime decodes, are
//! refused with an error value, or at worst a clean trap, never by exhausting the host's heap
//! or the blob's stack; the executor goes on answering.

use crate::{
	chain::{dev_chain, sudo, Chain, OpenBlock, Ours, OursBlock},
	fuzz::Fixture,
	host::{in_hosts, runtime_log, Host, HostExt, Wasmtime},
};
use codec::Encode;
use mvp_chain_runtime::{Block, RuntimeCall};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::Alice;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
use sp_version::RuntimeVersion;

const MIB: usize = 1024 * 1024;

fn remark(len: usize) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![7; len] })
}

/// The executor still answers, with the version it answered before.
fn still_answers<H: Host>(chain: &mut Chain<H>) {
	let version: RuntimeVersion = chain.host.query("Core_version", ());
	assert_eq!(version, chain.version);
}

/// The pool's refusal of `xt`, checked to be block building's answer too.
fn refusal<H: Host>(block: &mut OpenBlock<H>, xt: &[u8]) -> TransactionValidityError {
	let validity = block.validate(xt).expect_err("refused by the pool");
	let applied = block.verdict(xt);
	assert_eq!(applied, Err(validity), "block building refuses it as the pool does");
	validity
}

fn extrinsics_past_the_block_length_are_refused_as_exhausting_resources<H: Host>(
	new: fn(Storage) -> H,
) {
	runtime_log(); // Starts capturing panic messages.
	let (mut chain, _) = dev_chain(new);
	let mut block = chain.start_block().expect("initialize_block");
	for len in [4 * MIB, 10 * MIB, 20 * MIB, 30 * MIB] {
		let xt = block.sign(Alice, remark(len), 0).encode();
		let error = refusal(&mut block, &xt);
		assert_eq!(error, InvalidTransaction::ExhaustsResources.into(), "{} MiB", len / MIB);
		still_answers(&mut block);
	}
}

in_hosts!(extrinsics_past_the_block_length_are_refused_as_exhausting_resources: wasmtime, native);

/// Wasmtime only: the limit is the executor's heap, which the native runtime does not have.
#[test]
fn a_50_mib_extrinsic_is_refused_by_the_host_before_the_runtime_runs() {
	let (mut chain, _) = dev_chain(Wasmtime::new);
	let xt = chain.sign(Alice, remark(50 * MIB), 0).encode();
	let input = [&[2u8][..], &xt, &chain.head.hash().encode()].concat();
	let error = chain
		.host
		.dry_call("TaggedTransactionQueue_validate_transaction", &input)
		.expect_err("no room for the input in the instance");
	assert!(error.contains("Requested allocation size is too large"), "{error}");
	still_answers(&mut chain);
}

/// `call` wrapped in `depth` layers of `sudo`.
fn nested(depth: usize, call: RuntimeCall) -> RuntimeCall {
	(0..depth).fold(call, |call, _| sudo(call))
}

/// Alice's extrinsic whose call is `depth` layers of `sudo` around a remark, encoded by hand:
/// a native encoder recurses as deep as the call nests. The signature covers a plain remark:
/// decoding must refuse it before any signature check.
fn nested_bytes<H: Host>(chain: &mut Chain<H>, depth: usize) -> Vec<u8> {
	let plain = remark(1);
	let signed = crate::chain::body(&chain.sign(Alice, plain.clone(), 0));
	let prefix = &signed[..signed.len() - plain.encoded_size()];
	let sudo_call = sudo(plain.clone()).encode();
	let layer = &sudo_call[..sudo_call.len() - plain.encoded_size()];
	let body = [prefix, &layer.repeat(depth), &plain.encode()].concat();
	body.encode()
}

fn sudo_nested_within_the_decoding_depth_dispatches_and_deeper_is_refused<H: Host>(
	new: fn(Storage) -> H,
) {
	runtime_log();
	let (mut chain, _) = dev_chain(new);
	let within = chain.sign(Alice, nested(100, remark(1)), 0);
	let built = chain.build_block(vec![within]);
	assert_eq!(built.results, vec![Ok(Ok(()))]);
	assert_eq!(built.sudo_results(), vec![Ok(()); 100]);

	let mut block = chain.start_block().expect("initialize_block");
	for depth in [300, 100_000, 1_000_000] {
		let xt = nested_bytes(&mut block, depth);
		let error = refusal(&mut block, &xt);
		assert_eq!(error, InvalidTransaction::Call.into(), "depth {depth}");
		still_answers(&mut block);
	}
}

in_hosts!(sudo_nested_within_the_decoding_depth_dispatches_and_deeper_is_refused: wasmtime, native);

fn a_block_of_100_000_extrinsics_is_refused_with_a_clean_trap<H: Host>(new: fn(Storage) -> H) {
	runtime_log();
	let fx = Fixture::build();
	let (mut chain, _) = dev_chain(new);
	// The block's own transfer, 100,000 times over: only the first can apply.
	let mut extrinsics = fx.block.extrinsics.clone();
	let transfer = extrinsics.pop().expect("the fixture block holds a transfer");
	extrinsics.extend(std::iter::repeat_n(transfer, 100_000));
	let block = Block { header: fx.block.header.clone(), extrinsics };
	let input = block.encode();
	assert!(input.len() > 10 * MIB, "{} bytes", input.len());
	let error = chain.host.dry_call("Core_execute_block", &input).expect_err("an invalid block");
	let said = runtime_log().join("\n");
	assert!(!error.contains("Allocator") && !said.contains("allocate"), "{error}\n{said}");
	assert!(said.contains("Transaction is outdated"), "refused for its second transfer: {said}");
	still_answers(&mut chain);
	// A good block of this host's own genesis (natively the tests' runtime has the probe
	// fixture's pallet, so its genesis is not the shipped blob's).
	let good = dev_chain(new).0.build_block(vec![]).block.encode();
	chain.host.dry_call("Core_execute_block", &good).expect("a good block after it");
}

in_hosts!(a_block_of_100_000_extrinsics_is_refused_with_a_clean_trap: wasmtime, native);
