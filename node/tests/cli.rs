//! The node's command line as an operator meets it: its name and subcommands, and a chain spec
//! it cannot load refused with a message naming it. (Its networks are `tests/network/`, which
//! run this binary; cargo builds it for them through this test.)

use std::process::Command;

fn node(args: &[&str]) -> std::process::Output {
	Command::new(env!("CARGO_BIN_EXE_mvp-chain-node")).args(args).output().expect("the node runs")
}

#[test]
fn it_names_itself_and_has_sc_clis_subcommands() {
	let version = node(&["--version"]);
	assert!(version.status.success());
	assert!(String::from_utf8_lossy(&version.stdout).starts_with("mvp-chain-node "));
	let help = String::from_utf8_lossy(&node(&["--help"]).stdout).to_string();
	for command in [
		"key",
		"build-spec",
		"export-chain-spec",
		"check-block",
		"export-blocks",
		"import-blocks",
		"purge-chain",
		"revert",
	] {
		assert!(help.contains(&format!("  {command} ")), "{command} is missing from:\n{help}");
	}
}

#[test]
fn a_chain_spec_it_cannot_load_is_named() {
	let output = node(&["build-spec", "--chain", "/nonexistent/spec.json"]);
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("/nonexistent/spec.json"), "{stderr}");
}
