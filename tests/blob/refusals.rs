//! Inputs FRAME's own code traps on, which the runtime refuses with an error value instead:
//! found by the fuzzer (`fuzz/`), checked here one by one with the error each gets.

use crate::{
	chain::{dev_chain, genesis_config, Ours},
	host::{blob, in_hosts, state_with_code, Host, HostExt, Wasmtime},
};
use mvp_chain_runtime::{Header, EXISTENTIAL_DEPOSIT, UNDECODABLE_EXTRINSIC};
use serde_json::{json, Value};
use sp_core::storage::Storage;
use sp_inherents::CheckInherentsResult;
use sp_runtime::{generic::LazyBlock, OpaqueExtrinsic};

fn check_inherents_answers_a_block_with_an_undecodable_extrinsic_with_a_fatal_error<H: Host>(
	new: fn(Storage) -> H,
) {
	let (mut chain, _) = dev_chain(new);
	let header = chain.next_header();
	let data = chain.inherent_data(&header);
	let mut extrinsics: Vec<OpaqueExtrinsic> =
		chain.inherents(&header).into_iter().map(Into::into).collect();
	extrinsics.push(OpaqueExtrinsic::from_blob(vec![0xff, 0x13, 0x37]));
	let block = LazyBlock::<Header, OpaqueExtrinsic>::new(header, extrinsics);
	let result: CheckInherentsResult =
		chain.host.query("BlockBuilder_check_inherents", (block, data));
	assert!(!result.ok() && result.fatal_error(), "a fatal error, not a trap");
	let errors: Vec<_> = result.into_errors().map(|(id, _)| id).collect();
	assert_eq!(errors, vec![UNDECODABLE_EXTRINSIC]);
}

in_hosts!(check_inherents_answers_a_block_with_an_undecodable_extrinsic_with_a_fatal_error: wasmtime, native);

type Change = Box<dyn FnOnce(&mut Value)>;

/// The development config with `change` applied to it.
fn config_with(change: impl FnOnce(&mut Value)) -> Vec<u8> {
	let dev = genesis_config(&mut Wasmtime::new(state_with_code(blob())), "development");
	let mut config: Value = serde_json::from_slice(&dev).expect("JSON");
	change(&mut config);
	serde_json::to_vec(&config).expect("JSON")
}

fn build_state_names_what_the_pallets_genesis_would_trap_on<H: Host>(new: fn(Storage) -> H) {
	let alice = json!("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	let cases: Vec<(&str, Change, &str)> = vec![
		(
			"a balance below the existential deposit",
			Box::new(|c| c["balances"]["balances"][0][1] = json!(EXISTENTIAL_DEPOSIT - 1)),
			"below the existential deposit",
		),
		(
			"an account endowed twice",
			Box::new(|c| {
				let first = c["balances"]["balances"][0].clone();
				c["balances"]["balances"].as_array_mut().unwrap().push(first);
			}),
			"is endowed twice",
		),
		(
			"balances adding up past u128",
			Box::new(|c| {
				for entry in c["balances"]["balances"].as_array_mut().unwrap() {
					entry[1] = json!(u128::MAX / 2);
				}
			}),
			"the total issuance overflows",
		),
		(
			"no dev accounts asked for",
			Box::new(|c| c["balances"]["devAccounts"] = json!([0, 1_000_000_000_000u64, null])),
			"devAccounts asks for 0 accounts",
		),
		(
			"a billion dev accounts",
			Box::new(|c| {
				c["balances"]["devAccounts"] = json!([1_000_000_000, 1_000_000_000_000u64, null])
			}),
			"devAccounts asks for 1000000000 accounts",
		),
		(
			"a dev derivation without an index",
			Box::new(|c| {
				c["balances"]["devAccounts"] = json!([3, 1_000_000_000_000u64, "//Sender"])
			}),
			"has no `{}` for the index",
		),
		(
			"Aura authorities besides the validators' session keys",
			Box::new(move |c| c["aura"]["authorities"] = json!(vec![alice])),
			"leave theirs empty",
		),
		(
			"a validator without session keys",
			Box::new(move |c| c["session"]["keys"] = json!([])),
			"has no session keys",
		),
	];
	for (name, change, expected) in cases {
		let mut host = new(state_with_code(blob()));
		let built: Result<(), String> =
			host.query("GenesisBuilder_build_state", config_with(change));
		let error = built.expect_err(name);
		assert!(error.contains(expected), "{name}: {error}");
	}
	let mut host = new(state_with_code(blob()));
	let dev_accounts =
		config_with(|c| c["balances"]["devAccounts"] = json!([3, 1_000_000_000_000u64, null]));
	let built: Result<(), String> = host.query("GenesisBuilder_build_state", dev_accounts);
	assert_eq!(built, Ok(()), "a few dev accounts build");
}

in_hosts!(build_state_names_what_the_pallets_genesis_would_trap_on: wasmtime, native);
