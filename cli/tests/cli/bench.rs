//! `mvp-chain bench` on tiny blocks, ours against another build of our runtime, so that it
//! never rots. It prints numbers for people to judge; this checks the figures a broken bench
//! would get wrong (what each block holds, one signature check per transfer in each host), never
//! how fast anything is.

use std::{path::PathBuf, process::Command};

fn bench(args: &[&str]) -> std::process::Output {
	Command::new(env!("CARGO_BIN_EXE_mvp-chain"))
		.arg("bench")
		.args(args)
		.output()
		.expect("the tool runs")
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
		bench(&["--transfers", "3,6", "--runs", "2", "--vs", other.to_str().unwrap(), "--json"]);
	let _ = std::fs::remove_file(&other);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(output.status.success(), "bench failed: {stderr}");
	assert!(stderr.contains("run 2/2"), "no progress shown: {stderr}");
	let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");

	let blobs = report["blobs"].as_array().expect("blobs");
	assert_eq!(blobs.len(), 2);
	assert_eq!(blobs[0]["spec_version"], 101);
	assert_eq!(blobs[1]["spec_version"], 102);
	let sizes = &blobs[0]["sizes"];
	assert_eq!(sizes["compressed"], mvp_chain::WASM_BINARY.unwrap().len());
	assert_eq!(sizes["compact"], mvp_chain::WASM_BINARY_BLOATY.unwrap().len());
	assert_eq!(
		sizes["code"], sizes["compact"],
		"the compact blob is the code :code decompresses to"
	);
	assert!(sizes["raw"].as_u64() > sizes["compact"].as_u64(), "compaction drops sections");

	let measurements = report["measurements"].as_array().expect("measurements");
	// Two blobs × two hosts × (loading + two block sizes).
	assert_eq!(measurements.len(), 12);
	// Host calls of each (blob, host) per block size.
	let mut calls = std::collections::BTreeMap::new();
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
		let transfers: f64 = m["size"].as_str().and_then(|s| s.parse().ok()).expect("a size");
		assert_eq!(figure("transfers"), transfers, "the block holds what it was offered: {m}");
		for name in ["initialize_block", "apply_extrinsic", "finalize_block", "execute_block"] {
			assert!(figure(name) > 0.0, "{name} took no time: {m}");
		}
		// Importing the block checks each transfer's signature once, in either host.
		assert_eq!(figure("execute_block.host_calls.crypto"), transfers, "{m}");
		if m["host"] == "wasmtime" {
			assert!(figure("heap_peak_execute") > 0.0, "{m}");
			assert!(figure("execute_block.host_calls.allocator") > transfers, "{m}");
			assert!(figure("execute_block.host_calls.storage") > transfers, "{m}");
		}
		assert_eq!(m["runs"]["execute_block"].as_array().map(Vec::len), Some(2), "{m}");
		if m["blob"] == 0 {
			// Blob 0's median over blob 1's, for the same host and size.
			let other = measurements
				.iter()
				.find(|o| o["blob"] == 1 && o["host"] == m["host"] && o["size"] == m["size"])
				.expect("the second blob's figures");
			let theirs = other["median"]["execute_block"].as_f64().expect("a median");
			let expected = figure("execute_block") / theirs;
			let ratio = m["ratio"]["execute_block"].as_f64().expect("a ratio for the first blob");
			assert!((ratio - expected).abs() <= 1e-9 * expected, "{ratio} is not {expected}: {m}");
		}
		let key =
			(m["blob"].as_u64().expect("a blob index"), m["host"].to_string(), transfers as u64);
		calls.insert(key, figure("execute_block.host_calls"));
	}
	// Three more transfers cost more host calls, and the same number in both builds of ours.
	for host in ["wasmtime", "smoldot"] {
		let per = |blob: u64| {
			let at = |n| calls[&(blob, serde_json::json!(host).to_string(), n)];
			at(6) - at(3)
		};
		assert!(per(0) > 0.0, "{host}: {calls:?}");
		assert_eq!(per(0), per(1), "{host}: {calls:?}");
	}
}

#[test]
fn counts_one_transfers_host_calls_by_function_and_storage_item() {
	let other = other_blob();
	let output = bench(&[
		"--calls",
		"--in-order",
		"--transfers",
		"4",
		"--vs",
		other.to_str().unwrap(),
		"--json",
	]);
	let _ = std::fs::remove_file(&other);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
	let blobs = report["calls"].as_array().expect("calls");
	assert_eq!(blobs.len(), 2);
	for blob in blobs {
		assert_eq!(blob["transfers"], 4, "{blob}");
		let per_transfer = blob["per_transfer"].as_f64().expect("a count");
		// Our transfers cost hundreds of host calls; a bench that traced nothing would say 0.
		assert!(per_transfer > 300.0, "{blob}");
		let function = |name: &str| blob["functions"][name].as_f64().unwrap_or(0.0);
		assert_eq!(function("ext_crypto_sr25519_verify_version_2"), 1.0, "{blob}");
		let item = |name: &str, operation: &str| {
			let entries = blob["storage"].as_array().expect("storage");
			entries
				.iter()
				.find(|e| e["item"] == name && e["operation"] == operation)
				.and_then(|e| e["per_transfer"].as_f64())
				.unwrap_or(0.0)
		};
		// Sender and destination are read and written; each transfer is noted once.
		assert!(item("System::Account", "get") >= 2.0, "{blob}");
		assert!(item("System::Account", "set") >= 2.0, "{blob}");
		assert_eq!(item(":extrinsic_index", "set"), 1.0, "{blob}");
		assert!(item("System::Events", "append") >= 3.0, "{blob}");
		// One transfer traced in order, cut at `:extrinsic_index`: one signature check, and most
		// of what the difference between the two blocks gives per transfer (the rest is the
		// block's per-extrinsic work at its end, such as clearing `ExtrinsicData`).
		let sequence: Vec<&str> = blob["sequence"]
			.as_array()
			.expect("a sequence")
			.iter()
			.filter_map(|l| l.as_str())
			.collect();
		assert_eq!(sequence.last(), Some(&"set :extrinsic_index"), "{sequence:?}");
		let verified =
			sequence.iter().filter(|l| l.starts_with("ext_crypto_sr25519_verify")).count();
		assert_eq!(verified, 1, "{sequence:?}");
		let traced: f64 = sequence
			.iter()
			.map(|line| line.rsplit_once(" ×").and_then(|(_, n)| n.parse().ok()).unwrap_or(1.0))
			.sum();
		assert!(traced <= per_transfer && traced > 0.9 * per_transfer, "{traced}: {sequence:?}");
	}
	// Two builds of one source cost the same calls.
	assert_eq!(blobs[0]["functions"], blobs[1]["functions"]);
	assert_eq!(blobs[0]["storage"], blobs[1]["storage"]);
}

#[test]
fn runs_a_parachain_block_as_validators_do() {
	let output = bench(&[
		"--blob",
		mvp_chain::parachain::WASM_BINARY_PATH.expect("the parachain blob is built"),
		"--vs",
		mvp_chain::WASM_BINARY_PATH.expect("our blob is built"),
		"--transfers",
		"4",
		"--runs",
		"1",
		"--hosts",
		"wasmtime",
		"--json",
	]);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
	assert_eq!(report["blobs"][0]["spec_name"], "mvp-parachain");
	let measurements = report["measurements"].as_array().expect("measurements");
	let find = |blob: u64, host: &str, size: &str| {
		measurements.iter().find(|m| m["blob"] == blob && m["host"] == host && m["size"] == size)
	};
	// Only the parachain is run by validators.
	assert!(find(1, "pvf", "load").is_none() && find(1, "pvf", "4").is_none());
	let prepared = find(0, "pvf", "load").expect("the parachain's code prepared as a PVF");
	assert!(prepared["median"]["pvf_prepare"].as_f64() > Some(0.0), "{prepared}");

	let validated = find(0, "pvf", "4").expect("the parachain's block validated");
	assert_eq!(validated["error"], serde_json::Value::Null, "{validated}");
	let figure = |name: &str| {
		validated["median"][name].as_f64().unwrap_or_else(|| panic!("no {name}: {validated}"))
	};
	assert_eq!(figure("transfers"), 4.0);
	assert!(figure("validate_block") > 0.0, "{validated}");
	// The proof of validity holds the block and its storage proof; it compresses.
	let (pov, proof, sent) =
		(figure("pov_size"), figure("pov_size.proof"), figure("pov_size.sent"));
	assert!(0.0 < proof && proof < pov, "{validated}");
	assert!(0.0 < sent && sent < pov, "{validated}");
	// The collator's block, built with its proof recorded, imports with recording too.
	let imported = find(0, "wasmtime", "4").expect("the parachain's block in wasmtime");
	assert_eq!(imported["median"]["transfers"], 4.0, "{imported}");
	assert!(imported["median"]["execute_block"].as_f64() > Some(0.0), "{imported}");
}

#[test]
fn table_names_blobs_and_figures() {
	let output = bench(&["--transfers", "2", "--runs", "1", "--hosts", "wasmtime"]);
	let stdout = String::from_utf8_lossy(&output.stdout);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	for row in
		["ours: mvp-chain spec 101", "a block of 2 transfers", "Core_execute_block", "heap peak"]
	{
		assert!(stdout.contains(row), "no {row:?} in\n{stdout}");
	}
}

#[test]
fn bad_arguments_are_named() {
	// Our value parsers (options.rs): clap reports them, in our words.
	crate::refused_by_clap(
		&bench(&["--transfers", "0"]),
		&["--transfers", "neither a positive number nor `max`"],
	);
	crate::refused_by_clap(
		&bench(&["--genesis-patch", "/nonexistent/p.json"]),
		&["--genesis-patch", "cannot read /nonexistent/p.json"],
	);
	// Ours, after parsing.
	crate::refused_by_us(
		&bench(&["--blob", "/nonexistent/blob.wasm"]),
		"cannot read /nonexistent/blob.wasm",
	);
	crate::refused_by_us(
		&bench(&["--calls", "--transfers", "max"]),
		"--calls needs a number of transfers",
	);
	// clap's own.
	for (args, names) in [
		(&["--runs", "x"][..], &["--runs", "x"][..]),
		(&["--hosts", "v8"][..], &["--hosts", "v8"][..]),
		(&["--frobnicate"][..], &["--frobnicate"][..]),
		(&["--in-order"][..], &["--calls"][..]),
	] {
		crate::refused_by_clap(&bench(args), names);
	}
}

#[test]
fn a_file_that_is_not_a_runtime_is_refused() {
	let path = std::env::temp_dir().join(format!("bench-not-a-blob-{}.wasm", std::process::id()));
	std::fs::write(&path, b"\0asm\x01\0\0\0").expect("writing");
	let output = bench(&["--blob", path.to_str().unwrap(), "--runs", "1"]);
	let _ = std::fs::remove_file(&path);
	crate::refused_by_us(&output, "bench-not-a-blob");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!stderr.contains("cannot read"), "read, then refused: {stderr}");
}
