//! `mvp-chain info`: the embedded blob's version (as a node reads it from the custom
//! sections), its sizes and path, the digests a runtime upgrade needs, and a summary of the
//! host functions it imports; `--json` for tools, in the spirit of srtool's report.

use crate::digests::{self, Digests};
use serde_json::json;
use sp_version::RuntimeVersion;
use std::{collections::BTreeMap, io::Write};

#[derive(clap::Args, Default)]
pub struct Options {
	/// Print JSON instead of text.
	#[arg(long)]
	json: bool,
}

struct Imports {
	/// `ext_<group>_…` host functions, counted by group.
	groups: BTreeMap<String, usize>,
	memory: Option<(String, u64)>,
	other: Vec<String>,
}

pub fn run(options: &Options) -> Result<(), String> {
	let compressed = crate::embedded_blob()?;
	let compact = mvp_chain::WASM_BINARY_BLOATY.ok_or("no uncompressed blob")?;
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(compressed)
		.map_err(|e| format!("the blob does not load: {e}"))?;
	let version = sc_executor::read_embedded_version(&blob)
		.map_err(|e| format!("the version sections do not decode: {e}"))?
		.ok_or("the blob has no runtime_version section")?;
	let digests = Digests::of(compressed, compact)?;
	let imports = imports(compact)?;
	let report = if options.json {
		json_report(&version, &digests, &imports)
	} else {
		text(&version, &digests, &imports)
	};
	// A closed pipe (`mvp-chain info | head`) is not an error of ours.
	match std::io::stdout().write_all(report.as_bytes()) {
		Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
		other => other.map_err(|e| format!("writing the report: {e}")),
	}
}

fn text(v: &RuntimeVersion, d: &Digests, imports: &Imports) -> String {
	let mut out = format!(
		"runtime      {} (impl {})\n\
		 version      spec {}, impl {}, transaction {}, system {}\n\
		 runtime APIs {}\n\
		 size         {} bytes compact, {} bytes compressed (:code)\n",
		v.spec_name,
		v.impl_name,
		v.spec_version,
		v.impl_version,
		v.transaction_version,
		v.system_version,
		v.apis.len(),
		d.compact_size,
		d.compressed_size,
	);
	if let Some(path) = mvp_chain::WASM_BINARY_PATH {
		out += &format!("file         {path}\n");
	}
	out += &format!(
		"blake2-256   {} (of the compressed blob: authorize_upgrade's code_hash)\n\
		 sha256       {}\n\
		 authorize_upgrade call {}\n\
		 \x20            its hash {}\n\
		 set_code call hash     {} (a preimage's hash; the call is {} bytes)\n\
		 metadata hash {} (RFC-78: {} {}, {} decimals, SS58 prefix {})\n",
		digests::hex(&d.blake2_256),
		digests::hex(&d.sha256),
		digests::hex(&d.authorize_upgrade),
		digests::hex(&d.authorize_upgrade_hash),
		digests::hex(&d.set_code_hash),
		d.set_code_size,
		digests::hex(&d.metadata_hash),
		d.properties.spec_name,
		d.properties.spec_version,
		d.properties.decimals,
		d.properties.base58_prefix,
	);
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

fn json_report(v: &RuntimeVersion, d: &Digests, imports: &Imports) -> String {
	let report = json!({
		"runtime": {
			"spec_name": v.spec_name,
			"impl_name": v.impl_name,
			"spec_version": v.spec_version,
			"impl_version": v.impl_version,
			"transaction_version": v.transaction_version,
			"system_version": v.system_version,
			"apis": v.apis.len(),
		},
		"file": mvp_chain::WASM_BINARY_PATH,
		"compressed": {
			"size": d.compressed_size,
			"blake2_256": digests::hex(&d.blake2_256),
			"sha256": digests::hex(&d.sha256),
		},
		"compact": { "size": d.compact_size },
		"authorize_upgrade": {
			"call": digests::hex(&d.authorize_upgrade),
			"call_hash": digests::hex(&d.authorize_upgrade_hash),
		},
		"set_code": { "call_hash": digests::hex(&d.set_code_hash), "call_size": d.set_code_size },
		"metadata_hash": {
			"digest": digests::hex(&d.metadata_hash),
			"token_symbol": d.properties.token_symbol,
			"decimals": d.properties.decimals,
			"ss58_prefix": d.properties.base58_prefix,
		},
		"memory": imports.memory.as_ref().map(|(name, pages)| json!({ "import": name, "initial_pages": pages })),
		"host_functions": imports.groups,
	});
	serde_json::to_string_pretty(&report).expect("JSON") + "\n"
}

fn imports(compact: &[u8]) -> Result<Imports, String> {
	let mut imports = Imports { groups: BTreeMap::new(), memory: None, other: Vec::new() };
	for payload in wasmparser::Parser::new(0).parse_all(compact) {
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
