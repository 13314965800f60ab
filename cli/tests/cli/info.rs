//! `mvp-chain info` (also what `mvp-chain` alone runs): the embedded blob's version, sizes and
//! file, as read from the blob.

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
		"runtime     mvp-chain (impl mvp-chain)".to_string(),
		"version     spec 100, impl 1, transaction 1, system 1".to_string(),
		format!("size        {compact} bytes compact, {compressed} bytes compressed (:code)"),
		format!("file        {}", mvp_chain::WASM_BINARY_PATH.unwrap()),
		"memory      env.memory imported".to_string(),
	] {
		assert!(printed.contains(&line), "no {line:?} in\n{printed}");
	}
	assert_eq!(run(&[]), printed, "info is the default command");
	let on_disk = std::fs::read(mvp_chain::WASM_BINARY_PATH.unwrap()).expect("the blob's file");
	assert_eq!(on_disk, mvp_chain::WASM_BINARY.unwrap());
}

#[test]
fn an_unknown_command_is_named() {
	let output =
		Command::new(env!("CARGO_BIN_EXE_mvp-chain")).arg("deploy").output().expect("runs");
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("unrecognized subcommand 'deploy'"), "{stderr}");
}
