//! `mvp-chain chain-spec`: plain and raw chain specs from the blob and its presets, with the
//! extensions polkadot-omni-node needs, and clear errors for bad options.

use frame_system::AccountInfo;
use mvp_chain_runtime::{genesis_config_presets::ENDOWMENT, AccountId, Balance, UNIT};
use mvp_host_kit::host::HostExt;
use mvp_host_kit::{
	genesis::{self, Preset},
	host::{state_with_code, Wasmtime},
};
use pallet_balances::AccountData;
use serde_json::json;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityList;
use sp_core::{
	bytes::to_hex,
	hexdisplay::HexDisplay,
	storage::{well_known_keys, Storage},
};
use sp_crypto_hashing::{blake2_128, twox_128};
use sp_keyring::{Ed25519Keyring as Ed, Sr25519Keyring as Sr};
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
	for preset in ["local_testnet", "local"] {
		let spec = json(&["--preset", preset, "--name", "Test Net"]);
		assert_eq!(spec["name"], "Test Net");
		assert_eq!(spec["id"], "local_testnet");
		assert_eq!(spec["chainType"], "Local");
		let genesis = &spec["genesis"]["runtimeGenesis"];
		let code = hex(mvp_chain::WASM_BINARY.unwrap());
		assert_eq!(genesis["code"].as_str(), Some(code.as_str()));
		// The preset, expanded: four validators.
		let validators = &genesis["patch"]["validatorSet"]["validators"];
		assert_eq!(validators.as_array().map(Vec::len), Some(4), "{}", genesis["patch"]);
		assert!(spec.get("relay_chain").is_none());
	}
}

/// The raw spec's genesis, loaded into sc-executor as a node loads it.
fn genesis_host(spec: &serde_json::Value) -> Wasmtime {
	let top = spec["genesis"]["raw"]["top"].as_object().expect("genesis.raw.top");
	let bytes = |v: &str| sp_core::bytes::from_hex(v).expect("hex");
	let top = top.iter().map(|(k, v)| (bytes(k), bytes(v.as_str().expect("a hex value"))));
	Wasmtime::new(Storage { top: top.collect(), children_default: Default::default() })
}

/// An account's free balance at genesis (`None`: no such account), read from raw storage.
fn free_balance(spec: &serde_json::Value, who: &AccountId) -> Option<Balance> {
	let key = [
		twox_128(b"System").as_slice(),
		&twox_128(b"Account"),
		&blake2_128(who.as_ref()),
		who.as_ref(),
	]
	.concat();
	let value = spec["genesis"]["raw"]["top"].get(hex(&key))?.as_str()?;
	let info: AccountInfo<u32, AccountData<Balance>> =
		codec::Decode::decode(&mut &sp_core::bytes::from_hex(value).unwrap()[..]).unwrap();
	Some(info.data.free)
}

#[test]
fn a_network_spec_has_exactly_the_given_validators_sudo_and_endowments() {
	use sp_core::crypto::Ss58Codec;
	let (charlie_aura, charlie_grandpa) = (Sr::Charlie.public(), Ed::Charlie.public());
	// Every key form: a dev URI, SS58 and hex.
	let charlie =
		format!("{},0x{}", charlie_aura.to_ss58check(), HexDisplay::from(&charlie_grandpa.0));
	let ferdie = Sr::Ferdie.to_account_id().to_ss58check();
	let spec = json(&[
		"--validator",
		"//Bob,//Bob",
		"--validator",
		&charlie,
		"--sudo",
		&ferdie,
		"--endow",
		&format!("{ferdie}=1000"),
		"--endow",
		"//Eve=0.5",
		"--name",
		"Staging",
		"--id",
		"staging",
		"--raw",
	]);
	assert_eq!(
		(&spec["name"], &spec["id"], &spec["chainType"]),
		(&json!("Staging"), &json!("staging"), &json!("Live"))
	);
	let mut host = genesis_host(&spec);
	let aura: Vec<AuraId> = host.query("AuraApi_authorities", ());
	assert_eq!(aura, vec![Sr::Bob.public().into(), charlie_aura.into()]);
	let grandpa: AuthorityList = host.query("GrandpaApi_grandpa_authorities", ());
	assert_eq!(grandpa, vec![(Ed::Bob.public().into(), 1), (charlie_grandpa.into(), 1)]);
	assert_eq!(free_balance(&spec, &Sr::Ferdie.to_account_id()), Some(1000 * UNIT));
	assert_eq!(free_balance(&spec, &Sr::Eve.to_account_id()), Some(UNIT / 2));
	// No development accounts unless asked.
	assert_eq!(free_balance(&spec, &Sr::Alice.to_account_id()), None);
	let sudo_key = [twox_128(b"Sudo"), twox_128(b"Key")].concat();
	assert_eq!(
		spec["genesis"]["raw"]["top"][hex(&sudo_key)],
		json!(hex(Sr::Ferdie.to_account_id().as_ref()))
	);

	let with_dev = json(&[
		"--validator",
		"//Bob,//Bob",
		"--sudo",
		"//Bob",
		"--dev-accounts",
		"--name",
		"T",
		"--id",
		"t",
		"--raw",
	]);
	assert_eq!(free_balance(&with_dev, &Sr::Alice.to_account_id()), Some(ENDOWMENT));
}

#[test]
fn a_bad_network_is_refused_with_a_message_naming_the_problem() {
	let net = |extra: &[&str]| {
		let mut args = vec!["--sudo", "//Alice", "--name", "N", "--id", "n"];
		args.extend_from_slice(extra);
		chain_spec(&args)
	};
	let alice_twice = ["--validator", "//Alice,//Alice", "--validator", "//Bob,//Alice"];
	crate::refused_by_us(&net(&alice_twice), "validators 1 and 2 have the same GRANDPA key 5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
	let endowed_twice =
		["--validator", "//Alice,//Alice", "--endow", "//Bob=1", "--endow", "//Bob=2"];
	crate::refused_by_us(
		&net(&endowed_twice),
		"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty is endowed twice",
	);
	let dust = ["--validator", "//Alice,//Alice", "--endow", "//Bob=0.000000001"];
	crate::refused_by_us(&net(&dust), "endowment of 1000 is below the existential deposit");
	let bad_id = ["--validator", "//Alice,//Alice", "--id", "my chain"];
	let mut args = vec!["--sudo", "//Alice", "--name", "N"];
	args.extend_from_slice(&bad_id);
	crate::refused_by_us(&chain_spec(&args), "the chain id \"my chain\" must be");
	for (args, names) in [
		// No validator at all: the set would be empty.
		(&["--sudo", "//Alice", "--name", "N", "--id", "n"][..], &["--validator"][..]),
		(
			&["--validator", "5Grw,//Alice", "--sudo", "//Alice", "--name", "N", "--id", "n"][..],
			&["the Aura key \"5Grw\""][..],
		),
		(
			&["--validator", "//Alice", "--sudo", "//Alice", "--name", "N", "--id", "n"][..],
			&["AURA,GRANDPA"][..],
		),
		(&["--validator", "//Alice,//Alice", "--name", "N", "--id", "n"][..], &["--sudo"][..]),
		(&["--validator", "//Alice,//Alice", "--sudo", "//Alice"][..], &["--name", "--id"][..]),
		(
			&["--preset", "local", "--validator", "//Alice,//Alice"][..],
			&["--preset", "--validator"][..],
		),
		(
			&[
				"--validator",
				"//Alice,//Alice",
				"--sudo",
				"//A",
				"--name",
				"N",
				"--id",
				"n",
				"--endow",
				"//Bob=lots",
			][..],
			&["\"lots\" is not an amount"][..],
		),
	] {
		crate::refused_by_clap(&chain_spec(args), names);
	}
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

/// The runtime a chain ran before sessions (spec 100), committed as a test fixture.
const OLD_RUNTIME: &str = concat!(
	env!("CARGO_MANIFEST_DIR"),
	"/../tests/fixtures/mvp_chain_runtime-100.compact.compressed.wasm"
);

#[test]
fn a_preset_of_another_runtime_build_carries_that_build() {
	let spec = json(&["--preset", "local", "--runtime", OLD_RUNTIME]);
	let genesis = &spec["genesis"]["runtimeGenesis"];
	let code = hex(&std::fs::read(OLD_RUNTIME).unwrap());
	assert_eq!(genesis["code"].as_str(), Some(code.as_str()));
	// That build's own preset: fixed Aura authorities, no sessions.
	let authorities = &genesis["patch"]["aura"]["authorities"];
	assert_eq!(authorities.as_array().map(Vec::len), Some(4), "{}", genesis["patch"]);
	assert!(genesis["patch"].get("session").is_none());

	let missing = chain_spec(&["--preset", "local", "--runtime", "/nonexistent.wasm"]);
	assert!(!missing.status.success());
	let error = String::from_utf8_lossy(&missing.stderr);
	assert!(error.contains("reading the runtime /nonexistent.wasm"), "{error}");
}

#[test]
fn a_parachain_spec_carries_the_parachain_blob_and_its_para_id_in_genesis_and_extensions() {
	let args = ["--parachain", "--preset", "dev", "--relay-chain", "rococo-local", "--para-id"];
	let spec = json(&[&args[..], &["4321"]].concat());
	assert_eq!(spec["relay_chain"], "rococo-local");
	assert_eq!(spec["para_id"], 4321);
	assert_eq!(spec["name"], "MVP Parachain Development");
	let genesis = &spec["genesis"]["runtimeGenesis"];
	let code = hex(mvp_chain::parachain::WASM_BINARY.unwrap());
	assert_eq!(genesis["code"].as_str(), Some(code.as_str()));
	// The preset, with the relay chain's id for the parachain.
	assert_eq!(genesis["patch"]["parachainInfo"]["parachainId"], 4321, "{}", genesis["patch"]);
	assert_eq!(genesis["patch"]["aura"]["authorities"].as_array().map(Vec::len), Some(1));

	// Raw: the id is in the genesis state the parachain runtime builds.
	let raw = json(&[&args[..], &["4321", "--raw"]].concat());
	let top = raw["genesis"]["raw"]["top"].as_object().expect("genesis.raw.top");
	let key = hex(&[twox_128(b"ParachainInfo"), twox_128(b"ParachainId")].concat());
	assert_eq!(top.get(&key).and_then(|v| v.as_str()), Some(hex(&4321u32.to_le_bytes()).as_str()));

	// A parachain's spec without its id is refused; so is --parachain without a relay chain.
	let runtime = ["--runtime", mvp_chain::parachain::WASM_BINARY_PATH.unwrap()];
	crate::refused_by_us(&chain_spec(&runtime), "the runtime is a parachain's: its spec needs");
	crate::refused_by_clap(&chain_spec(&["--parachain"]), &["--relay-chain"]);
}
