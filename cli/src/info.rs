//! `mvp-chain info`: the embedded blob's version (as a node reads it from the custom
//! sections), its sizes and path, and a summary of the host functions it imports.

use std::collections::BTreeMap;

pub fn run() -> Result<(), String> {
	let compressed = crate::embedded_blob()?;
	let compact = mvp_chain::WASM_BINARY_BLOATY.ok_or("no uncompressed blob")?;
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(compressed)
		.map_err(|e| format!("the blob does not load: {e}"))?;
	let version = sc_executor::read_embedded_version(&blob)
		.map_err(|e| format!("the version sections do not decode: {e}"))?
		.ok_or("the blob has no runtime_version section")?;

	println!("runtime     {} (impl {})", version.spec_name, version.impl_name);
	println!(
		"version     spec {}, impl {}, transaction {}, system {}",
		version.spec_version,
		version.impl_version,
		version.transaction_version,
		version.system_version
	);
	println!("runtime APIs {}", version.apis.len());
	println!(
		"size        {} bytes compact, {} bytes compressed (:code)",
		compact.len(),
		compressed.len()
	);
	if let Some(path) = mvp_chain::WASM_BINARY_PATH {
		println!("file        {path}");
	}

	let mut imports: BTreeMap<String, Vec<String>> = BTreeMap::new();
	for payload in wasmparser::Parser::new(0).parse_all(compact) {
		if let wasmparser::Payload::ImportSection(reader) = payload.map_err(|e| e.to_string())? {
			for import in reader {
				let import = import.map_err(|e| e.to_string())?;
				match import.ty {
					wasmparser::TypeRef::Func(_) => {
						// ext_<group>_<name>_version_<n>: summarise by group.
						let name = import.name.trim_start_matches("ext_");
						let group = name.split('_').next().unwrap_or("?");
						imports.entry(group.to_string()).or_default().push(import.name.to_string());
					},
					wasmparser::TypeRef::Memory(memory) => println!(
						"memory      {}.{} imported, {} pages initially",
						import.module, import.name, memory.initial
					),
					other => println!("import      {}.{}: {other:?}", import.module, import.name),
				}
			}
		}
	}
	let total: usize = imports.values().map(Vec::len).sum();
	println!("host functions imported: {total}");
	for (group, names) in imports {
		println!("  {group:<12} {}", names.len());
	}
	Ok(())
}
