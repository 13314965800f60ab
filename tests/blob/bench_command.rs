//! The `bench` command on a tiny block, ours against another build of our runtime, so that it
//! never rots. It prints numbers for people to judge; this only checks that they are there and
//! consistent, never how fast anything is.

use std::{path::PathBuf, process::Command};

fn bench(args: &[&str]) -> std::process::Output {
	Command::new(env!("CARGO_BIN_EXE_bench")).args(args).output().expect("bench runs")
}

fn other_blob() -> PathBuf {
	let path = std::env::temp_dir().join(format!("bench-vs-{}.wasm", std::process::id()));
	let blob = mvp_chain::fixtures::NEXT_SPEC_VERSION.expect("the fixtures are built");
	std::fs::write(&path, blob).expect("writing the other blob");
	path
}

#[test]
fn measures_two_blobs_in_both_hosts() {
	let other = other_blob();
	let output =
		bench(&["--transfers", "3", "--runs", "2", "--vs", other.to_str().unwrap(), "--json"]);
	let _ = std::fs::remove_file(&other);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(output.status.success(), "bench failed: {stderr}");
	assert!(stderr.contains("run 2/2"), "no progress shown: {stderr}");
	let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");

	let blobs = report["blobs"].as_array().expect("blobs");
	assert_eq!(blobs.len(), 2);
	assert_eq!(blobs[0]["spec_version"], 100);
	assert_eq!(blobs[1]["spec_version"], 101);
	for size in ["raw", "compact", "compressed", "code"] {
		assert!(blobs[0]["sizes"][size].as_u64().unwrap_or(0) > 0, "no {size} size");
	}

	let measurements = report["measurements"].as_array().expect("measurements");
	// Two blobs × two hosts × (loading + one block size).
	assert_eq!(measurements.len(), 8);
	for m in measurements {
		let median = &m["median"];
		let figure = |name: &str| median[name].as_f64().unwrap_or_else(|| panic!("{m}: no {name}"));
		if m["size"] == "load" {
			assert!(figure("compile") > 0.0, "{m}");
			if m["host"] == "wasmtime" {
				assert!(figure("instantiate") > 0.0, "{m}");
			}
			continue;
		}
		assert_eq!(figure("transfers"), 3.0, "{m}");
		for name in ["initialize_block", "apply_extrinsic", "finalize_block", "execute_block"] {
			assert!(figure(name) > 0.0, "{name} took no time: {m}");
		}
		// Host time and the runtime's own time split the measured execution exactly.
		let whole = figure("execute_block.measured");
		let parts = figure("execute_block.host") + figure("execute_block.runtime");
		assert!((whole - parts).abs() <= 1.0, "{m}");
		if m["host"] == "wasmtime" {
			assert!(figure("heap_peak_execute") > 0.0, "{m}");
			assert!(figure("execute_block.host.crypto") > 0.0, "no signature checks: {m}");
			assert!(figure("execute_block.host.storage") > 0.0, "{m}");
		}
		assert_eq!(m["runs"]["execute_block"].as_array().map(Vec::len), Some(2), "{m}");
		if m["blob"] == 0 {
			let ratio = m["ratio"]["execute_block"].as_f64().expect("a ratio for the first blob");
			assert!(ratio > 0.0, "{m}");
		}
	}
}

#[test]
fn table_names_blobs_and_figures() {
	let output = bench(&["--transfers", "2", "--runs", "1", "--hosts", "wasmtime"]);
	let stdout = String::from_utf8_lossy(&output.stdout);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	for row in
		["ours: mvp-chain spec 100", "a block of 2 transfers", "Core_execute_block", "heap peak"]
	{
		assert!(stdout.contains(row), "no {row:?} in\n{stdout}");
	}
}

#[test]
fn bad_arguments_are_named() {
	for (args, says) in [
		(&["--transfers", "0"][..], "--transfers: \"0\""),
		(&["--runs", "x"][..], "--runs: \"x\""),
		(&["--hosts", "v8"][..], "unknown host \"v8\""),
		(&["--blob", "/nonexistent/blob.wasm"][..], "cannot read /nonexistent/blob.wasm"),
		(&["--frobnicate"][..], "unknown argument \"--frobnicate\""),
	] {
		let output = bench(args);
		let stderr = String::from_utf8_lossy(&output.stderr);
		assert!(!output.status.success(), "{args:?} succeeded");
		assert!(stderr.contains(says), "{args:?}: {stderr}");
	}
}

#[test]
fn a_file_that_is_not_a_runtime_is_refused() {
	let path = std::env::temp_dir().join(format!("bench-not-a-blob-{}.wasm", std::process::id()));
	std::fs::write(&path, b"\0asm\x01\0\0\0").expect("writing");
	let output = bench(&["--blob", path.to_str().unwrap(), "--runs", "1"]);
	let _ = std::fs::remove_file(&path);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success());
	assert!(stderr.contains("bench-not-a-blob"), "{stderr}");
}
