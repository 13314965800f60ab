//! One scenario in two independent executors, `sc-executor` (wasmtime) and smoldot (wasmi), and
//! in the runtime compiled natively, compared byte for byte: genesis, every runtime API answer,
//! every block, every event, every imported state root. It runs the probe fixture (the shipped
//! pallets and the probe's), whose edge calls go where the executors are most likely to part.

use crate::{
	chain::{chain_at, genesis_in, sign_as, sudo, transfer, Chain, EventRecord, Ours, TxParams},
	host::{
		probe_blob, state_with_code, Host, HostExt, Native, RecordedCall, Recorder, Smoldot,
		Wasmtime,
	},
	runtime_apis::equivocation_report,
};
use codec::{Decode, Encode};
use frame_support::{storage::storage_prefix, view_functions::ViewFunction};
use mvp_chain_runtime::{
	Block, Header, Nonce, ProbeCall, Runtime, RuntimeCall, UncheckedExtrinsic, UNIT, VERSION,
};
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{bytes::to_hex, storage::Storage, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring, Sr25519Keyring::*};
use sp_runtime::{traits::Header as _, StateVersion::V1, Weight};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const SENDERS: [Sr25519Keyring; 6] = [Alice, Bob, Charlie, Dave, Eve, Ferdie];
const BLOCKS: usize = 5;

/// Everything a run produced that must be the same in every executor.
struct Run {
	host: &'static str,
	genesis: BTreeMap<Vec<u8>, Vec<u8>>,
	calls: Vec<RecordedCall>,
	blocks: Vec<Block>,
	/// `System::Events` as stored after each block.
	events: Vec<Vec<u8>>,
	/// The state root after importing each block with `Core_execute_block` on fresh genesis.
	imported_roots: Vec<H256>,
}

/// The extrinsics of each block, signed once so that every host sees the same bytes
/// (sr25519 signatures are randomised): transfers between six dev accounts, and a probe call
/// through sudo in every block.
fn plan(genesis: H256) -> Vec<Vec<UncheckedExtrinsic>> {
	let mut nonces: HashMap<Sr25519Keyring, u32> = HashMap::new();
	let mut sign = |who: Sr25519Keyring, call: RuntimeCall| {
		let nonce = nonces.entry(who).or_default();
		let params = TxParams {
			nonce: (*nonce).into(),
			tip: 0,
			genesis,
			spec_version: VERSION.spec_version,
			transaction_version: VERSION.transaction_version,
			mortality: None,
			metadata_hash: None,
		};
		*nonce += 1;
		sign_as(&who.pair(), who.to_account_id(), call, &params)
	};
	(0..BLOCKS)
		.map(|block| {
			let mut xts: Vec<_> = (0..3)
				.map(|i| {
					let (from, to) = (SENDERS[(block + i) % 6], SENDERS[(block + i + 1) % 6]);
					sign(from, transfer(to, (10 * block + i + 1) as u128 * UNIT))
				})
				.collect();
			let probe = match block {
				0 => ProbeCall::recurse { depth: 500 },
				1 => ProbeCall::allocate { len: 256 * 1024 },
				2 => ProbeCall::storage_rollback { value: 7 },
				3 => ProbeCall::allocate { len: 1024 * 1024 },
				_ => ProbeCall::recurse { depth: 1_000 },
			};
			xts.push(sign(Alice, sudo(RuntimeCall::Probe(probe))));
			xts
		})
		.collect()
}

/// Calls every runtime API that every host supports. `SessionKeys_generate_session_keys`
/// is left out: it needs a keystore, which smoldot, a light client, does not have.
fn query_every_api<H: Host>(chain: &mut Chain<H>, sample: &UncheckedExtrinsic) {
	let host = &mut chain.host;
	let len = sample.encoded_size() as u32;
	let call = transfer(Bob, UNIT);
	let () = host.query("OffchainWorkerApi_offchain_worker", &chain.head);
	let calls: Vec<(&str, Vec<u8>)> = vec![
		("Core_version", vec![]),
		("Metadata_metadata", vec![]),
		("Metadata_metadata_versions", vec![]),
		("Metadata_metadata_at_version", 14u32.encode()),
		("Metadata_metadata_at_version", 15u32.encode()),
		("Metadata_metadata_at_version", 16u32.encode()),
		("GenesisBuilder_preset_names", vec![]),
		("GenesisBuilder_get_preset", None::<String>.encode()),
		("GenesisBuilder_get_preset", Some("local_testnet".to_string()).encode()),
		("AuraApi_slot_duration", vec![]),
		("AuraApi_authorities", vec![]),
		("GrandpaApi_grandpa_authorities", vec![]),
		("GrandpaApi_current_set_id", vec![]),
		(
			"GrandpaApi_generate_key_ownership_proof",
			(0u64, GrandpaId::from(Ed25519Keyring::Alice.public())).encode(),
		),
		(
			"GrandpaApi_submit_report_equivocation_unsigned_extrinsic",
			(equivocation_report(), vec![1u8, 2, 3]).encode(),
		),
		("SessionKeys_decode_session_keys", ([1u8; 32], [2u8; 32]).encode().encode()),
		("TransactionPaymentApi_query_info", (sample, len).encode()),
		("TransactionPaymentApi_query_fee_details", (sample, len).encode()),
		("TransactionPaymentApi_query_weight_to_fee", Weight::from_parts(7, 8).encode()),
		("TransactionPaymentApi_query_length_to_fee", 99u32.encode()),
		("TransactionPaymentCallApi_query_call_info", (&call, len).encode()),
		("TransactionPaymentCallApi_query_call_fee_details", (&call, len).encode()),
		("TransactionPaymentCallApi_query_weight_to_fee", Weight::from_parts(7, 8).encode()),
		("TransactionPaymentCallApi_query_length_to_fee", 99u32.encode()),
		(
			"RuntimeViewFunction_execute_view_function",
			(pallet_probe::ScratchViewFunction::<Runtime>::id(), ().encode()).encode(),
		),
	];
	for (method, input) in calls {
		host.dry_call(method, &input).unwrap_or_else(|e| panic!("{method}: {e}"));
	}
	for who in SENDERS {
		let _: Nonce = host.query("AccountNonceApi_account_nonce", who.to_account_id());
	}
}

fn run<H: Host>(
	name: &'static str,
	new: fn(Storage) -> H,
	plan: &[Vec<UncheckedExtrinsic>],
) -> Run {
	let mut host = Recorder::new(new(state_with_code(probe_blob())));
	let genesis = genesis_in(&mut host, "development");
	let mut chain = chain_at(host, &genesis);
	query_every_api(&mut chain, &plan[0][0]);

	let (mut blocks, mut events) = (Vec::new(), Vec::new());
	for xts in plan {
		for xt in xts {
			chain.validate(&xt.encode()).expect("planned transactions are valid");
		}
		let built = chain.build_block(xts.clone());
		assert!(built.results.iter().all(|r| *r == Ok(Ok(()))), "{:?}", built.results);
		let now = chain.inherent_data(&built.block.header);
		// At the block's own state, not its parent's: the answer is the recorder's to compare
		// across the hosts (runtime_apis.rs checks it at the parent).
		chain
			.host
			.dry_call("BlockBuilder_check_inherents", &(&built.block, now).encode())
			.expect("no trap");
		events.push(chain.host.storage(&storage_prefix(b"System", b"Events")).unwrap_or_default());
		blocks.push(built.block);
	}
	query_every_api(&mut chain, &plan[0][0]);

	let mut importer = new(genesis.storage.clone());
	let imported_roots = blocks
		.iter()
		.map(|block| {
			importer.call("Core_execute_block", &block.encode()).expect("the block imports");
			importer.state_root(V1)
		})
		.collect();
	Run {
		host: name,
		genesis: genesis.storage.top,
		calls: chain.host.calls,
		blocks,
		events,
		imported_roots,
	}
}

#[test]
fn wasmtime_smoldot_and_native_agree_byte_for_byte() {
	let genesis = crate::chain::genesis_of(probe_blob(), "development");
	let plan = plan(genesis.hash());
	let wasmtime = run("wasmtime", Wasmtime::new, &plan);
	assert_eq!(
		wasmtime.genesis, genesis.storage.top,
		"wasmtime's genesis is the reference genesis"
	);
	assert_eq!(wasmtime.blocks.len(), BLOCKS);
	// Every block carries the timestamp inherent and its planned extrinsics.
	for (block, xts) in wasmtime.blocks.iter().zip(&plan) {
		assert_eq!(block.extrinsics.len(), 1 + xts.len());
	}
	let state_roots: Vec<H256> = headers(&wasmtime).iter().map(|h| *h.state_root()).collect();
	assert_eq!(wasmtime.imported_roots, state_roots, "wasmtime imports to the authored roots");
	assert_same(&wasmtime, &run("smoldot", Smoldot::new, &plan));
	assert_same(&wasmtime, &run("native", Native::new, &plan));
}

fn headers(run: &Run) -> Vec<Header> {
	run.blocks.iter().map(|b| b.header.clone()).collect()
}

/// `other` produced byte for byte what `reference` did.
fn assert_same(reference: &Run, other: &Run) {
	let names = (reference.host, other.host);
	if let Some(difference) = first_difference(&reference.genesis, &other.genesis) {
		panic!("genesis storage differs ({} vs {}): {difference}", names.0, names.1);
	}
	assert_eq!(reference.calls.len(), other.calls.len(), "{names:?}: calls made");
	for (i, (r, o)) in reference.calls.iter().zip(&other.calls).enumerate() {
		assert!(
			r == o,
			"call #{i} ({}) answered differently:\n {:<8} {}\n {:<8} {}",
			r.method,
			names.0,
			shown(&r.output),
			names.1,
			shown(&o.output)
		);
	}
	assert_eq!(headers(reference), headers(other), "{names:?}: headers");
	for (i, (r, o)) in reference.blocks.iter().zip(&other.blocks).enumerate() {
		assert_eq!(r.extrinsics, o.extrinsics, "{names:?}: block {}'s extrinsics", i + 1);
	}
	assert_eq!(reference.events.len(), other.events.len(), "{names:?}: blocks with events");
	for (i, (r, o)) in reference.events.iter().zip(&other.events).enumerate() {
		let decoded = |bytes: &Vec<u8>| Vec::<EventRecord>::decode(&mut &bytes[..]).ok();
		assert_eq!(decoded(r), decoded(o), "{names:?}: block {}'s events", i + 1);
		assert!(
			r == o,
			"block {}'s events:\n {:<8} {}\n {:<8} {}",
			i + 1,
			names.0,
			to_hex(r, false),
			names.1,
			to_hex(o, false)
		);
	}
	assert_eq!(reference.imported_roots, other.imported_roots, "{names:?}: imported roots");
}

/// The first key whose value differs between `a` and `b`, or that only one holds.
fn first_difference(
	a: &BTreeMap<Vec<u8>, Vec<u8>>,
	b: &BTreeMap<Vec<u8>, Vec<u8>>,
) -> Option<String> {
	let keys: BTreeSet<&Vec<u8>> = a.keys().chain(b.keys()).collect();
	keys.into_iter().find(|key| a.get(*key) != b.get(*key)).map(|key| {
		let value = |map: &BTreeMap<Vec<u8>, Vec<u8>>| {
			map.get(key).map_or("absent".into(), |v| to_hex(v, false))
		};
		format!("key {}: {} against {}", to_hex(key, false), value(a), value(b))
	})
}

/// An answer for a failure message: its bytes, or that it trapped.
fn shown(output: &Result<Vec<u8>, ()>) -> String {
	match output {
		Ok(bytes) => to_hex(bytes, false),
		Err(()) => "trapped".into(),
	}
}
