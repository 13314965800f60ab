//! `mvp-chain info [BLOB]` (also what `mvp-chain` alone runs): a blob's version, sizes and
//! file, as read from the blob, and the digests an upgrade needs, each checked against the
//! runtime's own types.

use codec::Encode;
use mvp_chain_runtime::{AccountId, RuntimeCall, SystemCall, VERSION};
use mvp_host_kit::{
	genesis::{self, Preset},
	host::{state_with_code, HostExt, Wasmtime},
	sign::ours::{sign_as, TxParams},
};
use serde_json::Value;
use sp_core::{bytes::to_hex, sr25519, Pair, H256};
use sp_crypto_hashing::{blake2_256, sha2_256};
use sp_runtime::transaction_validity::{
	InvalidTransaction, TransactionSource, TransactionValidity,
};
use std::process::Command;

fn run(args: &[&str]) -> String {
	let output = Command::new(env!("CARGO_BIN_EXE_mvp-chain")).args(args).output().expect("runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn info_reads_the_version_and_sizes_from_the_blob() {
	let printed = run(&["info"]);
	let compressed = mvp_chain::WASM_BINARY.unwrap().len();
	let compact = mvp_chain::WASM_BINARY_BLOATY.unwrap().len();
	for line in [
		"runtime      mvp-chain (impl mvp-chain)".to_string(),
		"version      spec 101, impl 1, transaction 1, system 1".to_string(),
		format!("size         {compact} bytes compact, {compressed} bytes compressed (:code)"),
		format!("file         {}", mvp_chain::WASM_BINARY_PATH.unwrap()),
		"memory       env.memory imported".to_string(),
	] {
		assert!(printed.contains(&line), "no {line:?} in\n{printed}");
	}
	assert_eq!(run(&[]), printed, "info is the default command");
	let on_disk = std::fs::read(mvp_chain::WASM_BINARY_PATH.unwrap()).expect("the blob's file");
	assert_eq!(on_disk, mvp_chain::WASM_BINARY.unwrap());
}

/// Each digest of `info --json` against the runtime's own `RuntimeCall` and the blob's bytes;
/// the text report shows the same.
#[test]
fn info_json_gives_the_digests_an_upgrade_needs() {
	let report: Value = serde_json::from_str(&run(&["info", "--json"])).expect("JSON");
	let blob = mvp_chain::WASM_BINARY.unwrap();
	let hex = |bytes: &[u8]| to_hex(bytes, false);
	let field = |path: &str| {
		report.pointer(path).unwrap_or_else(|| panic!("no {path} in {report:#}")).clone()
	};
	assert_eq!(field("/runtime/spec_name"), VERSION.spec_name.to_string());
	assert_eq!(field("/runtime/spec_version"), VERSION.spec_version);
	assert_eq!(field("/runtime/transaction_version"), VERSION.transaction_version);
	assert_eq!(field("/runtime/version_from"), "runtime_version section");
	assert_eq!(field("/code/size"), blob.len());
	assert_eq!(field("/code/compressed"), true);
	assert_eq!(field("/code/blake2_256"), hex(&blake2_256(blob)));
	assert_eq!(field("/code/sha256"), hex(&sha2_256(blob)));
	assert_eq!(field("/wasm/size"), mvp_chain::WASM_BINARY_BLOATY.unwrap().len());

	let authorize =
		RuntimeCall::System(SystemCall::authorize_upgrade { code_hash: H256(blake2_256(blob)) })
			.encode();
	assert_eq!(field("/authorize_upgrade/call"), hex(&authorize));
	assert_eq!(field("/authorize_upgrade/call_hash"), hex(&blake2_256(&authorize)));
	let set_code = RuntimeCall::System(SystemCall::set_code { code: blob.to_vec() }).encode();
	assert_eq!(field("/set_code/call_hash"), hex(&blake2_256(&set_code)));
	assert_eq!(field("/set_code/call_size"), set_code.len());

	use mvp_chain_runtime::chain_properties::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
	assert_eq!(field("/metadata_hash/token_symbol"), TOKEN_SYMBOL);
	assert_eq!(field("/metadata_hash/decimals"), TOKEN_DECIMALS);
	assert_eq!(field("/metadata_hash/ss58_prefix"), SS58_PREFIX);
	let digest = field("/metadata_hash/digest");
	assert_the_blob_checks(blob, &digest);

	let text = run(&["info"]);
	for path in ["/code/blake2_256", "/authorize_upgrade/call_hash", "/set_code/call_hash"] {
		let digest = field(path);
		assert!(text.contains(digest.as_str().unwrap()), "{path} not in\n{text}");
	}
	assert!(text.contains(&format!("metadata hash {}", digest.as_str().unwrap())), "{text}");
}

/// `info FILE` reports on another blob (here the next spec version, as a proposal would carry
/// it): compressed as `:code` holds it or raw, each digest of the file's own bytes.
#[test]
fn info_reports_on_a_given_blob() {
	let compressed = mvp_chain::fixtures::NEXT_SPEC_VERSION.unwrap();
	let raw = mvp_host_kit::blob::decompress(compressed).unwrap();
	let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
	let ours: Value = serde_json::from_str(&run(&["info", "--json"])).expect("JSON");
	let mut digests = Vec::new();
	for (name, bytes) in [("next.compact.compressed.wasm", compressed), ("next.wasm", &raw[..])] {
		let path = dir.join(name);
		std::fs::write(&path, bytes).unwrap();
		let path = path.to_str().unwrap();
		let report: Value = serde_json::from_str(&run(&["info", path, "--json"])).expect("JSON");
		let field =
			|p: &str| report.pointer(p).unwrap_or_else(|| panic!("no {p} in {report:#}")).clone();
		assert_eq!(field("/file"), path);
		assert_eq!(field("/runtime/spec_version"), VERSION.spec_version + 1);
		assert_eq!(field("/code/size"), bytes.len());
		assert_eq!(field("/code/compressed"), bytes.len() != raw.len());
		assert_eq!(field("/wasm/size"), raw.len());
		assert_eq!(field("/code/blake2_256"), to_hex(&blake2_256(bytes), false));
		let code_hash = H256(blake2_256(bytes));
		let authorize = RuntimeCall::System(SystemCall::authorize_upgrade { code_hash }).encode();
		assert_eq!(field("/authorize_upgrade/call"), to_hex(&authorize, false));
		let set_code = RuntimeCall::System(SystemCall::set_code { code: bytes.to_vec() }).encode();
		assert_eq!(field("/set_code/call_hash"), to_hex(&blake2_256(&set_code), false));
		digests.push(field("/metadata_hash/digest"));
		let text = run(&["info", path]);
		assert!(text.contains("version      spec 102,"), "{text}");
		let size =
			if bytes.len() == raw.len() { "not compressed" } else { "bytes compressed (:code)" };
		assert!(text.contains(size), "{text}");
	}
	assert_eq!(digests[0], digests[1], "one metadata, one hash, compressed or not");
	assert_the_blob_checks(compressed, &digests[0]);
	assert_ne!(digests[0], ours["metadata_hash"]["digest"], "the hash covers the spec version");
}

/// `info` on the parachain's blob: its own version, and digests from its own metadata. The
/// metadata hash it prints is the one the parachain blob checks signatures against (its
/// transaction extensions encode as the solochain's: weight reclaim adds no bytes).
#[test]
fn info_reports_on_the_parachain_blob() {
	let path = mvp_chain::parachain::WASM_BINARY_PATH.expect("the parachain blob is built");
	let blob = mvp_chain::parachain::WASM_BINARY.unwrap();
	let report: Value = serde_json::from_str(&run(&["info", path, "--json"])).expect("JSON");
	let ours: Value = serde_json::from_str(&run(&["info", "--json"])).expect("JSON");
	let field =
		|p: &str| report.pointer(p).unwrap_or_else(|| panic!("no {p} in {report:#}")).clone();
	assert_eq!(field("/runtime/spec_name"), "mvp-parachain");
	assert_eq!(field("/code/size"), blob.len());
	assert_eq!(field("/code/blake2_256"), to_hex(&blake2_256(blob), false));
	// System is pallet 0 in both runtimes, so the solochain's types encode the parachain's call.
	let code_hash = H256(blake2_256(blob));
	let authorize = RuntimeCall::System(SystemCall::authorize_upgrade { code_hash }).encode();
	assert_eq!(field("/authorize_upgrade/call"), to_hex(&authorize, false));
	let digest = field("/metadata_hash/digest");
	assert_ne!(digest, ours["metadata_hash"]["digest"], "each runtime's own metadata");
	assert_the_blob_checks(blob, &digest);
	let text = run(&["info", path]);
	assert!(text.contains("runtime      mvp-parachain"), "{text}");
}

#[test]
fn info_names_a_file_that_is_no_runtime() {
	for (file, expected) in [
		(env!("CARGO_MANIFEST_PATH"), "Cargo.toml: not a runtime blob"),
		("/nonexistent/blob.wasm", "cannot read /nonexistent/blob.wasm"),
	] {
		let output = Command::new(env!("CARGO_BIN_EXE_mvp-chain"))
			.args(["info", file])
			.output()
			.expect("runs");
		crate::refused_by_us(&output, expected);
	}
}

#[test]
fn an_unknown_command_is_named() {
	let output =
		Command::new(env!("CARGO_BIN_EXE_mvp-chain")).arg("deploy").output().expect("runs");
	crate::refused_by_clap(&output, &["deploy"]);
}

/// The pool's verdict, from `code` at its development genesis, on Alice's remark signed in
/// `CheckMetadataHash` mode 1 with `hash`. Every blob carries its own RFC-78 hash and compares,
/// so only the digest of its own metadata (and this chain's properties) validates.
fn verdict_with_metadata_hash(code: &[u8], hash: [u8; 32]) -> TransactionValidity {
	let mut host = Wasmtime::new(state_with_code(code));
	let config = genesis::config(&mut host, Preset::Named("development")).expect("the preset");
	let genesis = genesis::build(&mut host, &config).expect("genesis");
	let mut host = Wasmtime::new(genesis.storage.clone());
	let version: sp_version::RuntimeVersion = host.query("Core_version", ());
	let alice = sr25519::Pair::from_string("//Alice", None).expect("a dev seed");
	let who: AccountId = alice.public().into();
	let params = TxParams {
		nonce: host.query("AccountNonceApi_account_nonce", &who),
		tip: 0,
		genesis: genesis.hash(),
		spec_version: version.spec_version,
		transaction_version: version.transaction_version,
		mortality: None,
		metadata_hash: Some(hash),
	};
	let remark = RuntimeCall::System(SystemCall::remark { remark: vec![] });
	let xt = sign_as(&alice, who, remark, &params);
	host.query(
		"TaggedTransactionQueue_validate_transaction",
		(TransactionSource::External, xt, genesis.hash()),
	)
}

/// The printed metadata digest is the one `code` checks a signature against; one bit off is
/// a bad proof.
fn assert_the_blob_checks(code: &[u8], digest: &Value) {
	let printed: [u8; 32] = sp_core::bytes::from_hex(digest.as_str().expect("a hex string"))
		.expect("hex")
		.try_into()
		.expect("32 bytes");
	let verdict = verdict_with_metadata_hash(code, printed);
	assert!(verdict.is_ok(), "the blob refuses the printed metadata hash: {verdict:?}");
	let mut other = printed;
	other[31] ^= 1;
	assert_eq!(verdict_with_metadata_hash(code, other), Err(InvalidTransaction::BadProof.into()));
}
