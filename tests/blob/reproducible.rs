//! The blobs (the solochain's and the parachain's) do not depend on where they were built: the paths rustc embeds (panic locations of
//! core, alloc and the dependencies) are remapped to fixed ones, so no build machine's
//! checkout, cargo home, toolchain or target directory is in it. `scripts/reproduce.sh` checks
//! the bytes against a second build elsewhere.

use std::path::{Path, PathBuf};

/// The blob shipped at `shipped` as linked, before compaction, beside it.
fn linked(shipped: &str) -> (PathBuf, Vec<u8>) {
	let path = PathBuf::from(shipped.replace(".compact.compressed.wasm", ".wasm"));
	let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
	(path, bytes)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
	haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn home_dir(var: &str, default: &str) -> PathBuf {
	std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(default)
	})
}

#[test]
fn the_blobs_hold_no_path_of_the_machine_that_built_them() {
	let blobs = [
		(mvp_chain::WASM_BINARY_PATH, mvp_chain::WASM_BINARY_BLOATY),
		(mvp_chain::parachain::WASM_BINARY_PATH, mvp_chain::parachain::WASM_BINARY_BLOATY),
	];
	for (shipped, compact) in blobs {
		let shipped = shipped.expect("the blob is built");
		holds_no_path(shipped, compact.expect("the blob is built"));
	}
}

fn holds_no_path(shipped: &str, compact: &[u8]) {
	let (path, linked) = linked(shipped);
	let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
	let target = path.parent().and_then(Path::parent).expect("<target>/runtime/<blob>");
	let leaks = [
		("the checkout", checkout.to_path_buf()),
		("the target directory", target.to_path_buf()),
		("the cargo home", home_dir("CARGO_HOME", ".cargo")),
		("the rustup home", home_dir("RUSTUP_HOME", ".rustup")),
	];
	for (what, dir) in leaks {
		let dir = dir.to_string_lossy();
		assert!(!contains(&linked, &dir), "{} holds {what}, {dir}", path.display());
		assert!(!contains(compact, &dir), "the compact blob holds {what}, {dir}");
	}
	// The panic locations are there, under the fixed prefixes: the search above looked at the
	// strings a leak would be in.
	for fixed in ["/cargo/registry/src/", "/rustc/"] {
		assert!(contains(compact, fixed), "no {fixed} path in the compact blob");
	}
}
