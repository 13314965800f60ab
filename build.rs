//! Builds `runtime/` (the solochain) and `parachain-runtime/` into MVP-Wasm blobs with the
//! target declared in `wasm-target.json`, compacts each (drops custom sections no host reads)
//! and zstd-compresses it in the `sp-maybe-compressed-blob` format, then exposes both forms as
//! `WASM_BINARY` / `WASM_BINARY_BLOATY` (the parachain's under `parachain::`).
//!
//! Each runtime is built by a separate cargo invocation: its no_std feature set cannot share a
//! feature resolution with a native (std) build. Both share one wasm target directory.
//!
//! With this crate's `fixtures` feature (the tests and the bench enable it), more builds of the
//! same sources, each with one runtime feature, become `fixtures::*` (five of the solochain's)
//! and `parachain::fixtures::*` (one); a plain `cargo build` builds the two runtimes.
//!
//! `SKIP_WASM_BUILD=1` skips the blobs for native-only iteration; the constants are then `None`.
//!
//! Each blob carries its RFC-78 metadata hash, so that offline signers (`CheckMetadataHash`
//! mode 1) can sign for it: the runtime is built, its metadata hashed
//! (`build/metadata_hash.rs`), and built again with the hash (`RUNTIME_METADATA_HASH`); the
//! second build recompiles only the extension's crate and the runtime. Of the fixtures, only
//! the upgrades (the next spec versions) are built with theirs: no test signs for the others in
//! mode 1.
//!
//! The blob is reproducible: the paths rustc would embed (panic locations of core, alloc and
//! the crates.io dependencies) are remapped to fixed ones, so the checkout's path, the cargo
//! home and the toolchain's install path leave no trace.

#[path = "build/metadata_hash.rs"]
mod metadata_hash;

use std::{
	env, fs,
	path::{Path, PathBuf},
	process::Command,
	time::Instant,
};

/// Custom sections a host reads: the runtime version and API list, read without instantiating.
const KEPT_CUSTOM_SECTIONS: [&str; 2] = ["runtime_version", "runtime_apis"];
/// The cargo profile (root `Cargo.toml`) the blob is built with.
const WASM_PROFILE: &str = "wasm";

/// A runtime crate built into a blob: where its manifest is, the name of the wasm file it links
/// to, and the other builds of it for tests and tools, shipped as `fixtures/<prefix><name>`.
struct RuntimeCrate {
	manifest: &'static str,
	artifact: &'static str,
	fixtures: &'static [Fixture],
	fixture_prefix: &'static str,
}

/// Another build of a runtime, for tests and tools: its constant's name and the runtime
/// feature it is built with (the runtime's `Cargo.toml` says what each does).
struct Fixture {
	name: &'static str,
	doc: &'static str,
	feature: &'static str,
	/// Built a second time with its RFC-78 metadata hash: a chain may upgrade to it, and its
	/// wallets then sign in mode 1. The other fixtures are never signed for in mode 1, and the
	/// second build would cost each its fat-LTO link again.
	metadata_hash: bool,
}

const SOLOCHAIN: RuntimeCrate = RuntimeCrate {
	manifest: "runtime/Cargo.toml",
	artifact: "mvp_chain_runtime",
	fixture_prefix: "",
	fixtures: &[
		Fixture {
			name: "NEXT_SPEC_VERSION",
			doc: "The runtime with `spec_version` one above the blob's: a valid upgrade.",
			feature: "next-spec-version",
			metadata_hash: true,
		},
		Fixture {
			name: "FOREIGN_SPEC_NAME",
			doc: "The runtime under another `spec_name` (and a higher `spec_version`): not an \
			      upgrade.",
			feature: "foreign-spec-name",
			metadata_hash: false,
		},
		Fixture {
			name: "PROBE",
			doc: "The runtime with the probe pallet's Root-only edge probes, for the tests.",
			feature: "probe",
			metadata_hash: false,
		},
		Fixture {
			name: "BENCHMARKS",
			doc: "The runtime with `runtime-benchmarks`: the `Benchmark` API, for weight \
			      generation.",
			feature: "runtime-benchmarks",
			metadata_hash: false,
		},
		Fixture {
			name: "TRY_RUNTIME",
			doc: "The runtime with `try-runtime`: FRAME's upgrade checks and every pallet's \
			      `try_state`.",
			feature: "try-runtime",
			metadata_hash: false,
		},
	],
};

const PARACHAIN: RuntimeCrate = RuntimeCrate {
	manifest: "parachain-runtime/Cargo.toml",
	artifact: "mvp_chain_parachain_runtime",
	fixture_prefix: "parachain_",
	fixtures: &[Fixture {
		name: "NEXT_SPEC_VERSION",
		doc: "The parachain runtime with `spec_version` one above the blob's: a valid upgrade.",
		feature: "next-spec-version",
		metadata_hash: true,
	}],
};

fn main() {
	let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
	let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
	let generated = out_dir.join("wasm_binary.rs");
	let with_fixtures = env::var_os("CARGO_FEATURE_FIXTURES").is_some();
	println!("cargo:rerun-if-env-changed=SKIP_WASM_BUILD");
	println!("cargo:rerun-if-env-changed=CARGO_HOME");

	if env::var_os("SKIP_WASM_BUILD").is_some_and(|v| !v.is_empty() && v != "0") {
		println!("cargo:warning=SKIP_WASM_BUILD is set: WASM_BINARY is None");
		let mut code = skipped(&SOLOCHAIN, with_fixtures);
		code += &format!("pub mod parachain {{\n{}}}\n", skipped(&PARACHAIN, with_fixtures));
		write(&generated, code);
		return;
	}
	for watched in [
		"runtime",
		"runtime-common",
		"parachain-runtime",
		"pallets",
		"build",
		"wasm-target.json",
		"Cargo.toml",
		"Cargo.lock",
	] {
		println!("cargo:rerun-if-changed={}", root.join(watched).display());
	}

	let target_dir = outer_target_dir(&out_dir);
	let wasm_target_dir = target_dir.join("wasm-runtime");
	let blob_dir = target_dir.join("runtime");
	fs::create_dir_all(blob_dir.join("fixtures")).expect("creating the blob directory");

	// Each build appends what it took (`build_runtime`).
	let _ = fs::remove_file(wasm_target_dir.join("build-times.txt"));
	let mut code = blobs(&SOLOCHAIN, &root, &wasm_target_dir, &blob_dir, with_fixtures);
	code += &format!(
		"/// The parachain runtime's blob (`parachain-runtime/`), and its other builds.\n\
		 pub mod parachain {{\n{}}}\n",
		blobs(&PARACHAIN, &root, &wasm_target_dir, &blob_dir, with_fixtures)
	);
	write(&generated, code);
}

/// The constants of `runtime`'s blob (and, `with_fixtures`, its fixtures), each built, shipped
/// under `blob_dir` and included.
fn blobs(
	runtime: &RuntimeCrate,
	root: &Path,
	wasm_target_dir: &Path,
	blob_dir: &Path,
	with_fixtures: bool,
) -> String {
	let main = build_hashed(root, wasm_target_dir, runtime, "");
	let (compact, compressed, raw_size) = ship(&main, blob_dir, runtime.artifact);
	let mut code = format!(
		"/// The compressed blob, as stored under `:code`.\n\
		 pub const WASM_BINARY: Option<&[u8]> = Some(include_bytes!({compressed:?}));\n\
		 /// The compact blob before compression.\n\
		 pub const WASM_BINARY_BLOATY: Option<&[u8]> = Some(include_bytes!({compact:?}));\n\
		 /// Where the build wrote `WASM_BINARY`: the file a chain builder deploys.\n\
		 pub const WASM_BINARY_PATH: Option<&str> = Some({compressed:?});\n\
		 /// The size of the blob as linked, before compaction.\n\
		 pub const WASM_BINARY_RAW_SIZE: Option<usize> = Some({raw_size});\n"
	);
	if with_fixtures {
		code += "/// Other builds of the same runtime for tests and tools (compressed). Not for \
		         deployment.\npub mod fixtures {\n";
		for fixture in runtime.fixtures {
			let linked = if fixture.metadata_hash {
				build_hashed(root, wasm_target_dir, runtime, fixture.feature)
			} else {
				build_runtime(root, wasm_target_dir, runtime, fixture.feature, None)
			};
			let stem =
				format!("fixtures/{}{}", runtime.fixture_prefix, fixture.name.to_lowercase());
			let (_, compressed, _) = ship(&linked, blob_dir, &stem);
			code += &format!(
				"\t/// {}\n\tpub const {}: Option<&[u8]> = Some(include_bytes!({compressed:?}));\n",
				fixture.doc, fixture.name
			);
		}
		code += "}\n";
	}
	code
}

/// The constants of `runtime`'s blob when `SKIP_WASM_BUILD` is set: all `None`.
fn skipped(runtime: &RuntimeCrate, with_fixtures: bool) -> String {
	let mut code = String::new();
	for name in ["WASM_BINARY", "WASM_BINARY_BLOATY"] {
		code += &format!("pub const {name}: Option<&[u8]> = None;\n");
	}
	code += "pub const WASM_BINARY_PATH: Option<&str> = None;\n";
	code += "pub const WASM_BINARY_RAW_SIZE: Option<usize> = None;\n";
	if with_fixtures {
		code += "pub mod fixtures {\n";
		for fixture in runtime.fixtures {
			code += &format!("\tpub const {}: Option<&[u8]> = None;\n", fixture.name);
		}
		code += "}\n";
	}
	code
}

/// Writes the linked, compact and compressed blob under `dir` as `<stem>[.compact[.compressed]].wasm`
/// and returns the paths of the last two and the size of the first.
fn ship(linked: &Path, dir: &Path, stem: &str) -> (PathBuf, PathBuf, usize) {
	let raw = fs::read(linked).unwrap_or_else(|e| panic!("reading {}: {e}", linked.display()));
	let compact = compact(&raw);
	let compressed = sp_maybe_compressed_blob::compress_strongly(
		&compact,
		sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT,
	)
	.expect("the compact blob is below the decompression bomb limit");
	let compact_path = dir.join(format!("{stem}.compact.wasm"));
	let compressed_path = dir.join(format!("{stem}.compact.compressed.wasm"));
	write(&dir.join(format!("{stem}.wasm")), &raw);
	write(&compact_path, &compact);
	write(&compressed_path, &compressed);
	(compact_path, compressed_path, raw.len())
}

/// `OUT_DIR` is `<target>[/<triple>]/<profile>/build/<pkg>-<hash>/out`.
fn outer_target_dir(out_dir: &Path) -> PathBuf {
	out_dir.ancestors().nth(4).expect("OUT_DIR is inside the target directory").to_path_buf()
}

/// The runtime with `features`, built twice: the second time with the first's metadata hash.
fn build_hashed(root: &Path, target_dir: &Path, runtime: &RuntimeCrate, features: &str) -> PathBuf {
	let unhashed = build_runtime(root, target_dir, runtime, features, None);
	let wasm = fs::read(&unhashed).unwrap_or_else(|e| panic!("{}: {e}", unhashed.display()));
	let hash = metadata_hash::of(&wasm);
	build_runtime(root, target_dir, runtime, features, Some(hash))
}

fn build_runtime(
	root: &Path,
	target_dir: &Path,
	runtime: &RuntimeCrate,
	features: &str,
	metadata_hash: Option<[u8; 32]>,
) -> PathBuf {
	let target_spec = root.join("wasm-target.json");
	let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
	let mut cmd = Command::new(cargo);
	cmd.current_dir(root)
		.args(["build", "--locked", "--no-default-features", "--profile", WASM_PROFILE])
		.args(["--features", features])
		.arg("--manifest-path")
		.arg(root.join(runtime.manifest))
		.arg("--target")
		.arg(&target_spec)
		.arg("--target-dir")
		.arg(target_dir)
		// The precompiled core/alloc of the stock wasm targets use post-MVP features.
		.args([
			"-Zbuild-std=core,alloc",
			"-Zbuild-std-features=compiler-builtins-mem",
			"-Zjson-target-spec",
		])
		.env("RUSTC_BOOTSTRAP", "1")
		// sp-io installs its allocator and panic handler only under this cfg.
		.env("CARGO_ENCODED_RUSTFLAGS", rustflags(root, target_dir).join("\x1f"));
	match metadata_hash {
		Some(hash) => {
			let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
			cmd.env("RUNTIME_METADATA_HASH", format!("0x{hex}"))
		},
		None => cmd.env_remove("RUNTIME_METADATA_HASH"),
	};
	// What the outer build runs under must not reach the blob's: `cargo clippy` sets a rustc
	// wrapper for workspace members, which would build a different blob from the same source.
	for var in [
		"RUSTFLAGS",
		"CARGO_TARGET_DIR",
		"CARGO_BUILD_TARGET",
		"CARGO_BUILD_RUSTFLAGS",
		"RUSTC_WRAPPER",
		"RUSTC_WORKSPACE_WRAPPER",
		"CARGO_BUILD_RUSTC_WRAPPER",
		"CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
		"CLIPPY_ARGS",
		"CLIPPY_CONF_DIR",
	] {
		cmd.env_remove(var);
	}
	let started = Instant::now();
	let status = cmd.status().expect("running cargo for the wasm runtime");
	assert!(status.success(), "building the wasm runtime failed (see the cargo output above)");
	// What each build cost, for `scripts/test.sh` to print: the blobs are one build step to the
	// outer cargo, and the costliest of a cold build.
	let build = format!(
		"{} [{}]{}",
		runtime.artifact,
		features,
		if metadata_hash.is_some() { " with its metadata hash" } else { "" }
	);
	let times = target_dir.join("build-times.txt");
	let line = format!("{:.1} s\t{build}\n", started.elapsed().as_secs_f64());
	let mut log = fs::read_to_string(&times).unwrap_or_default();
	log.push_str(&line);
	write(&times, log);
	let stem = target_spec.file_stem().expect("a file name").to_string_lossy().into_owned();
	target_dir.join(stem).join(WASM_PROFILE).join(format!("{}.wasm", runtime.artifact))
}

/// `--cfg substrate_runtime` and the path remaps that make the blob the same wherever it is
/// built. Cargo passes paths as it found them (not canonicalised), so the prefixes are taken
/// the same way; rustc applies the last matching remap.
fn rustflags(root: &Path, target_dir: &Path) -> Vec<String> {
	let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
	let output = |args: &[&str]| {
		let out = Command::new(&rustc).args(args).output().expect("running rustc");
		assert!(out.status.success(), "rustc {args:?} failed");
		String::from_utf8(out.stdout).expect("rustc prints UTF-8")
	};
	let sysroot = output(&["--print", "sysroot"]).trim().to_string();
	let commit = output(&["-vV"])
		.lines()
		.find_map(|l| l.strip_prefix("commit-hash: ").map(str::to_string))
		.expect("rustc -vV names its commit");
	let cargo_home = env::var_os("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(env::var_os("HOME").expect("HOME or CARGO_HOME is set")).join(".cargo")
	});
	// build-std compiles core and alloc from the toolchain's sources: the same remap as the
	// precompiled standard library's.
	let remaps = [
		(root.to_path_buf(), "/build".to_string()),
		(PathBuf::from(sysroot).join("lib/rustlib/src/rust"), format!("/rustc/{commit}")),
		(cargo_home.join("registry/src"), "/cargo/registry/src".to_string()),
		(cargo_home.join("git/checkouts"), "/cargo/git/checkouts".to_string()),
		(target_dir.to_path_buf(), "/build/target".to_string()),
	];
	let mut flags = vec!["--cfg".to_string(), "substrate_runtime".to_string()];
	// compiler_builtins' memcpy assembles misaligned source words with shifts unless told the
	// target reads unaligned words natively, as wasm does (any load may be unaligned). Copies
	// run through it at every SCALE read and struct move; smoldot interprets each instruction,
	// and spends about 6% less time executing a block of transfers with the plain word copy.
	flags.extend(["--cfg".to_string(), "feature=\"mem-unaligned\"".to_string()]);
	for (from, to) in remaps {
		flags.push("--remap-path-prefix".to_string());
		flags.push(format!("{}={to}", from.display()));
	}
	flags
}

/// The module with every section but the custom sections hosts don't read (names, producers,
/// debug info, target features), copied as they are.
fn compact(raw: &[u8]) -> Vec<u8> {
	let mut module = wasm_encoder::Module::new();
	for payload in wasmparser::Parser::new(0).parse_all(raw) {
		let payload = payload.expect("the linker wrote a valid module");
		let keep = match &payload {
			wasmparser::Payload::CustomSection(reader) => {
				KEPT_CUSTOM_SECTIONS.contains(&reader.name())
			},
			_ => true,
		};
		if let (true, Some((id, range))) = (keep, payload.as_section()) {
			module.section(&wasm_encoder::RawSection { id, data: &raw[range] });
		}
	}
	module.finish()
}

fn write(path: &Path, contents: impl AsRef<[u8]>) {
	fs::write(path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
