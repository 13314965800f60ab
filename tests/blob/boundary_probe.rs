//! The probe pallet's Root-only calls, dispatched through `sudo`, push the blob against the
//! edges of its host: the host allocator, the stack, storage transactions and panics.

use crate::{
	chain::{probe_chain, sudo, BuiltBlock, Chain, Ours, OursBlock},
	host::{in_hosts, runtime_log, Host, HostExt, Wasmtime},
};
use codec::Encode;
use frame_support::view_functions::{ViewFunction, ViewFunctionDispatchError};
use mvp_chain_runtime::{ProbeCall, Runtime, RuntimeCall, RuntimeEvent};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::Alice;

fn probe(call: ProbeCall<Runtime>) -> RuntimeCall {
	sudo(RuntimeCall::Probe(call))
}

/// Builds a block with Alice's sudo call and returns the probe's events from it.
fn run<H: Host>(
	chain: &mut Chain<H>,
	call: ProbeCall<Runtime>,
) -> (BuiltBlock, Vec<pallet_probe::Event<Runtime>>) {
	let xt = chain.sign(Alice, probe(call), 0);
	let built = chain.build_block(vec![xt]);
	assert_eq!(built.results, vec![Ok(Ok(()))]);
	assert_eq!(built.sudo_results(), vec![Ok(())], "the probe call succeeds under sudo");
	let events = built
		.events
		.iter()
		.filter_map(|r| match &r.event {
			RuntimeEvent::Probe(e) => Some(e.clone()),
			_ => None,
		})
		.collect();
	(built, events)
}

fn a_large_allocation_round_trips_through_the_host_allocator<H: Host>(new: fn(Storage) -> H) {
	let mut chain = probe_chain(new).0;
	let len = 16 * 1024 * 1024;
	let (_, events) = run(&mut chain, ProbeCall::allocate { len });
	let expected: Vec<u8> = (0..len).map(pallet_probe::pattern_byte).collect();
	let hash = sp_io::hashing::blake2_256(&expected);
	assert_eq!(events, vec![pallet_probe::Event::Allocated { len, hash }]);
}

in_hosts!(a_large_allocation_round_trips_through_the_host_allocator: wasmtime, native);

/// Wasmtime only: natively the stack is the thread's, and its overflow aborts the process.
#[test]
fn recursion_beyond_the_stack_traps_cleanly_and_the_next_call_works() {
	let mut chain = probe_chain(Wasmtime::new).0;
	let mut block = chain.start_block().expect("initialize_block");
	let too_deep = block.sign(Alice, probe(ProbeCall::recurse { depth: 1_000_000 }), 0);
	let trapped = block.host.call("BlockBuilder_apply_extrinsic", &too_deep.encode());
	let error = trapped.expect_err("a million 256-byte frames do not fit in a 1 MiB stack");
	// The stack running out, as wasmtime reports it or as the shadow stack leaving linear
	// memory; not any trap (a panic traps too).
	let what = mvp_host_kit::host::first_line(&error);
	assert!(
		what.contains("call stack exhausted") || what.contains("out of bounds memory access"),
		"not a stack overflow: {error}"
	);

	// A fresh instance over the same state carries on where the trap left nothing behind.
	let shallow = block.sign(Alice, probe(ProbeCall::recurse { depth: 1_000 }), 0);
	assert_eq!(block.apply_xt(&shallow), Ok(Ok(())));
	let checksum =
		(1..=1_000u32).fold(0u64, |c, d| c.wrapping_mul(31).wrapping_add(u64::from(d as u8)));
	let recursed = block.events().iter().any(|r| {
		r.event == RuntimeEvent::Probe(pallet_probe::Event::Recursed { depth: 1_000, checksum })
	});
	assert!(recursed, "{:?}", block.events());
}

fn a_rolled_back_storage_transaction_leaves_no_trace<H: Host>(new: fn(Storage) -> H) {
	let mut chain = probe_chain(new).0;
	let (_, events) = run(&mut chain, ProbeCall::storage_rollback { value: 42 });
	assert_eq!(events, vec![pallet_probe::Event::RolledBack { seen: 42 }]);
	let key = pallet_probe::Scratch::<Runtime>::hashed_key();
	assert!(!chain.host.pairs().contains_key(&key[..]), "the rolled-back write reached the state");
	let id = pallet_probe::ScratchViewFunction::<Runtime>::id();
	let seen: Result<Vec<u8>, ViewFunctionDispatchError> =
		chain.host.query("RuntimeViewFunction_execute_view_function", (&id, ().encode()));
	assert_eq!(seen.expect("view function"), None::<u32>.encode());
}

in_hosts!(a_rolled_back_storage_transaction_leaves_no_trace: wasmtime, native);

fn a_panic_message_reaches_the_host_log<H: Host>(new: fn(Storage) -> H) {
	runtime_log(); // Starts capturing.
	let mut chain = probe_chain(new).0;
	let mut block = chain.start_block().expect("initialize_block");
	let message = b"boundary-probe-7f3a".to_vec();
	let xt = block.sign(Alice, probe(ProbeCall::panic { message: message.try_into().unwrap() }), 0);
	assert!(
		block.host.call("BlockBuilder_apply_extrinsic", &xt.encode()).is_err(),
		"a panic traps"
	);
	let lines = runtime_log();
	assert!(
		lines.iter().any(|l| l.contains("probe panic: boundary-probe-7f3a")),
		"the panic message is not in the host log: {lines:?}"
	);
}

in_hosts!(a_panic_message_reaches_the_host_log: wasmtime, native);
