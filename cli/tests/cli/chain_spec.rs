//! `mvp-chain chain-spec`: plain and raw chain specs from the blob and its presets, with the
//! extensions polkadot-omni-node needs, and clear errors for bad options.

use mvp_host_kit::{
	genesis::{self, Preset},
	host::{state_with_code, Wasmtime},
};
use sp_core::{bytes::to_hex, storage::well_known_keys};
use std::process::{Command, Output};

fn chain_spec(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_mvp-chain"))
		.arg("chain-spec")
		.args(args)
		.output()
		.expect("the tool runs")
}

fn json(args: &[&str]) -> serde_json::Value {
	let output = chain_spec(args);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).expect("the spec is JSON")
}

fn hex(bytes: &[u8]) -> String {
	to_hex(bytes, false)
}

#[test]
fn the_raw_spec_holds_exactly_the_genesis_state_the_blob_builds() {
	let spec = json(&["--preset", "development", "--raw"]);
	assert_eq!(spec["id"], "development");
	assert_eq!(spec["chainType"], "Development");
	assert_eq!(spec["properties"]["tokenSymbol"], "UNIT");
	assert_eq!(spec["properties"]["tokenDecimals"], 12);
	let top = spec["genesis"]["raw"]["top"].as_object().expect("genesis.raw.top");
	let mut host = Wasmtime::new(state_with_code(mvp_chain::WASM_BINARY.unwrap()));
	let config = genesis::config(&mut host, Preset::Named("development")).expect("the preset");
	let expected = genesis::build(&mut host, &config).expect("genesis").storage.top;
	assert_eq!(top.len(), expected.len());
	for (key, value) in &expected {
		assert_eq!(top.get(&hex(key)).and_then(|v| v.as_str()), Some(hex(value).as_str()));
	}
	assert_eq!(
		top.get(&hex(well_known_keys::CODE)).and_then(|v| v.as_str()),
		Some(hex(mvp_chain::WASM_BINARY.unwrap()).as_str())
	);
}

#[test]
fn the_plain_spec_names_the_preset_and_carries_the_code() {
	let spec = json(&["--preset", "local_testnet", "--name", "Test Net"]);
	assert_eq!(spec["name"], "Test Net");
	assert_eq!(spec["id"], "local_testnet");
	assert_eq!(spec["chainType"], "Local");
	let genesis = &spec["genesis"]["runtimeGenesis"];
	assert_eq!(genesis["code"].as_str(), Some(hex(mvp_chain::WASM_BINARY.unwrap()).as_str()));
	let authorities = &genesis["patch"]["aura"]["authorities"];
	assert_eq!(authorities.as_array().map(Vec::len), Some(2), "{genesis}");
	assert!(spec.get("relay_chain").is_none());
}

#[test]
fn omni_node_extensions_are_added_on_request() {
	let spec = json(&["--relay-chain", "rococo-local", "--para-id", "1000"]);
	assert_eq!(spec["relay_chain"], "rococo-local");
	assert_eq!(spec["para_id"], 1000);
}

#[test]
fn bad_options_get_a_message_naming_the_problem() {
	crate::refused_by_us(
		&chain_spec(&["--preset", "mainnet"]),
		"the runtime has no preset \"mainnet\"; it has",
	);
	for (args, names) in [
		(&["--para-id", "ten", "--relay-chain", "x"][..], &["--para-id", "ten"][..]),
		(&["--relay-chain", "rococo-local"][..], &["--para-id"][..]),
		(&["--chain-type", "prod"][..], &["--chain-type", "prod"][..]),
		(&["--frobnicate"][..], &["--frobnicate"][..]),
		(&["--name"][..], &["--name"][..]),
	] {
		crate::refused_by_clap(&chain_spec(args), names);
	}
}
