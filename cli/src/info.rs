//! `mvp-chain info [BLOB]`: the embedded blob's version (as a node reads it: the custom sections,
//! else `Core_version`), its sizes and file, the digests a runtime upgrade needs, and a summary
//! of the host functions it imports; `--json` for tools, in the spirit of srtool's report. Given
//! a file (a blob proposed for an upgrade, say), the same for that blob.

use crate::digests::{self, Digests};
use mvp_host_kit::blob::{self, Blob};
use serde_json::json;
use sp_version::RuntimeVersion;
use std::{collections::BTreeMap, io::Write, path::PathBuf};

#[derive(clap::Args, Default)]
pub struct Options {
	/// A runtime blob to report on instead of the embedded one: zstd-compressed as `:code`
	/// holds it, or a raw `.wasm` (e.g. a blob proposed for an upgrade).
	blob: Option<PathBuf>,
	/// Print JSON instead of text.
	#[arg(long)]
	json: bool,
}

/// What the report is about: the blob, where it came from, and its code uncompressed.
struct Subject {
	blob: Blob,
	file: Option<String>,
	raw: Vec<u8>,
	/// As a node reads it: the `runtime_version` section, else `Core_version`.
	version: RuntimeVersion,
	version_source: &'static str,
}

struct Imports {
	/// `ext_<group>_…` host functions, counted by group.
	groups: BTreeMap<String, usize>,
	memory: Option<(String, u64)>,
	other: Vec<String>,
}

pub fn run(options: &Options) -> Result<(), String> {
	let subject = subject(options)?;
	let digests = Digests::of(&subject.blob)?;
	let imports = imports(&subject.raw)?;
	let report = if options.json {
		json_report(&subject, &digests, &imports)
	} else {
		text(&subject, &digests, &imports)
	};
	// A closed pipe (`mvp-chain info | head`) is not an error of ours.
	match std::io::stdout().write_all(report.as_bytes()) {
		Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
		other => other.map_err(|e| format!("writing the report: {e}")),
	}
}

fn subject(options: &Options) -> Result<Subject, String> {
	let (blob, file) = match &options.blob {
		Some(path) => (Blob::from_file(path)?.0, Some(path.display().to_string())),
		None => {
			let code = crate::embedded_blob()?.to_vec();
			(
				Blob::load("ours".into(), code, Vec::new())?.0,
				mvp_chain::WASM_BINARY_PATH.map(Into::into),
			)
		},
	};
	let named = |e: String| format!("{}: {e}", blob.label);
	let raw = blob::decompress(&blob.code).map_err(named)?;
	let parsed = sc_executor_common::runtime_blob::RuntimeBlob::new(&raw)
		.map_err(|e| named(format!("the blob does not load: {e}")))?;
	let sections = sc_executor::read_embedded_version(&parsed)
		.map_err(|e| named(format!("the version sections do not decode: {e}")))?;
	let (version, version_source) = match sections {
		Some(version) => (version, SECTION),
		None => (blob.version.clone(), "Core_version; the blob has no runtime_version section"),
	};
	Ok(Subject { blob, file, raw, version, version_source })
}

fn text(subject: &Subject, d: &Digests, imports: &Imports) -> String {
	let v = &subject.version;
	let mut out = format!(
		"runtime      {} (impl {})\n\
		 version      spec {}, impl {}, transaction {}, system {}\n",
		v.spec_name,
		v.impl_name,
		v.spec_version,
		v.impl_version,
		v.transaction_version,
		v.system_version,
	);
	if subject.version_source != SECTION {
		out += &format!("             (from {})\n", subject.version_source);
	}
	out += &format!("runtime APIs {}\n", v.apis.len());
	let (code, raw) = (subject.blob.code.len(), subject.raw.len());
	out += &if code == raw {
		format!("size         {raw} bytes, not compressed (:code holds it as it is)\n")
	} else {
		format!("size         {raw} bytes compact, {code} bytes compressed (:code)\n")
	};
	if let Some(file) = &subject.file {
		out += &format!("file         {file}\n");
	}
	out += &format!(
		"blake2-256   {} (of the blob as :code holds it: authorize_upgrade's code_hash)\n\
		 sha256       {}\n",
		digests::hex(&d.blake2_256),
		digests::hex(&d.sha256),
	);
	out += &match &d.authorize_upgrade {
		Ok((call, hash)) => format!(
			"authorize_upgrade call {}\n\
			 \x20            its hash {}\n",
			digests::hex(call),
			digests::hex(hash),
		),
		Err(why) => format!("authorize_upgrade none: {why}\n"),
	};
	out += &format!(
		"set_code call hash     {} (a preimage's hash; the call is {} bytes)\n",
		digests::hex(&d.set_code_hash),
		d.set_code_size,
	);
	out += &match &d.metadata_hash {
		Ok((hash, p)) => format!(
			"metadata hash {} (RFC-78: {} {}, {} {} decimals, SS58 prefix {})\n",
			digests::hex(hash),
			p.spec_name,
			p.spec_version,
			p.token_symbol,
			p.decimals,
			p.base58_prefix,
		),
		Err(why) => format!("metadata hash none: {why}\n"),
	};
	if let Some((name, pages)) = &imports.memory {
		out += &format!("memory       {name} imported, {pages} pages initially\n");
	}
	for other in &imports.other {
		out += &format!("import       {other}\n");
	}
	out += &format!("host functions imported: {}\n", imports.groups.values().sum::<usize>());
	for (group, count) in &imports.groups {
		out += &format!("  {group:<12} {count}\n");
	}
	out
}

const SECTION: &str = "runtime_version section";

fn json_report(subject: &Subject, d: &Digests, imports: &Imports) -> String {
	let v = &subject.version;
	let report = json!({
		"runtime": {
			"spec_name": v.spec_name,
			"impl_name": v.impl_name,
			"spec_version": v.spec_version,
			"impl_version": v.impl_version,
			"transaction_version": v.transaction_version,
			"system_version": v.system_version,
			"apis": v.apis.len(),
			"version_from": subject.version_source,
		},
		"file": subject.file,
		"code": {
			"size": subject.blob.code.len(),
			"compressed": subject.blob.code.len() != subject.raw.len(),
			"blake2_256": digests::hex(&d.blake2_256),
			"sha256": digests::hex(&d.sha256),
		},
		"wasm": { "size": subject.raw.len() },
		"authorize_upgrade": match &d.authorize_upgrade {
			Ok((call, hash)) => json!({ "call": digests::hex(call), "call_hash": digests::hex(hash) }),
			Err(why) => json!({ "call": null, "none_because": why }),
		},
		"set_code": { "call_hash": digests::hex(&d.set_code_hash), "call_size": d.set_code_size },
		"metadata_hash": match &d.metadata_hash {
			Ok((hash, p)) => json!({
				"digest": digests::hex(hash),
				"token_symbol": p.token_symbol,
				"decimals": p.decimals,
				"ss58_prefix": p.base58_prefix,
			}),
			Err(why) => json!({ "digest": null, "none_because": why }),
		},
		"memory": imports.memory.as_ref().map(|(name, pages)| json!({ "import": name, "initial_pages": pages })),
		"host_functions": imports.groups,
	});
	serde_json::to_string_pretty(&report).expect("JSON") + "\n"
}

fn imports(wasm: &[u8]) -> Result<Imports, String> {
	let mut imports = Imports { groups: BTreeMap::new(), memory: None, other: Vec::new() };
	for payload in wasmparser::Parser::new(0).parse_all(wasm) {
		if let wasmparser::Payload::ImportSection(reader) = payload.map_err(|e| e.to_string())? {
			for import in reader {
				let import = import.map_err(|e| e.to_string())?;
				let name = format!("{}.{}", import.module, import.name);
				match import.ty {
					wasmparser::TypeRef::Func(_) => {
						// ext_<group>_<name>_version_<n>: summarised by group.
						let group = import.name.trim_start_matches("ext_").split('_').next();
						*imports.groups.entry(group.unwrap_or("?").to_string()).or_default() += 1;
					},
					wasmparser::TypeRef::Memory(memory) => {
						imports.memory = Some((name, memory.initial));
					},
					other => imports.other.push(format!("{name}: {other:?}")),
				}
			}
		}
	}
	Ok(imports)
}
