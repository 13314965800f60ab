//! What a tool learns about a runtime blob before running it: its exports, read from the wasm,
//! and its version, metadata and slot duration, read through the blob itself.

use crate::host::{Host, HostExt, Wasmtime};
use codec::Decode;
use sc_executor_common::runtime_blob::RuntimeBlob;
use sp_version::RuntimeVersion;

pub struct Blob {
	/// A short name for tables and messages: the file name, or `ours`.
	pub label: String,
	/// The blob as given (what `:code` holds).
	pub code: Vec<u8>,
	/// Sizes in bytes: the file as given, the code once decompressed, and what the caller adds.
	pub sizes: Vec<(&'static str, usize)>,
	pub exports: Vec<String>,
	pub version: RuntimeVersion,
	/// SCALE-encoded `RuntimeMetadataPrefixed` (V15 where the blob has it, else V14).
	pub metadata: Vec<u8>,
	/// Aura's slot duration in milliseconds, for runtimes with `AuraApi`.
	pub slot_duration: Option<u64>,
}

impl Blob {
	/// Reads the blob through itself; also gives back the blob compiled in wasmtime over a state
	/// holding only `:code`, for building genesis without compiling again.
	pub fn load(
		label: String,
		code: Vec<u8>,
		mut sizes: Vec<(&'static str, usize)>,
	) -> Result<(Self, Wasmtime), String> {
		let named = |e: String| format!("{label}: {e}");
		// Parsed as a node parses `:code`, before anything runs it.
		RuntimeBlob::uncompress_if_needed(&code)
			.map_err(|e| named(format!("not a runtime blob: {e}")))?;
		let raw = decompress(&code).map_err(named)?;
		sizes.push(("code", raw.len()));
		let exports = exports(&raw).map_err(named)?;
		let (mut host, _) = Wasmtime::compile(&code, false).map_err(named)?;
		let version: RuntimeVersion = host.try_query("Core_version", ()).map_err(named)?;
		// V15 where the blob serves it; older runtimes only have `Metadata_metadata` (V14).
		let v15 = if exports.iter().any(|e| e == "Metadata_metadata_at_version") {
			let out = host.dry_call("Metadata_metadata_at_version", &15u32.to_le_bytes());
			out.ok().and_then(|out| Option::<Vec<u8>>::decode(&mut &out[..]).ok().flatten())
		} else {
			None
		};
		let metadata = match v15 {
			Some(metadata) => metadata,
			None => host.try_query("Metadata_metadata", ()).map_err(named)?,
		};
		let slot_duration = if exports.iter().any(|e| e == "AuraApi_slot_duration") {
			Some(host.try_query("AuraApi_slot_duration", ()).map_err(named)?)
		} else {
			None
		};
		let blob = Self { label, code, sizes, exports, version, metadata, slot_duration };
		Ok((blob, host))
	}

	/// A blob from a file, raw or compressed.
	pub fn from_file(path: &std::path::Path) -> Result<(Self, Wasmtime), String> {
		let code =
			std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
		let label = path.file_name().map_or("other".into(), |n| n.to_string_lossy().into_owned());
		let file = code.len();
		let what = if code.starts_with(b"\0asm") { "file (raw)" } else { "file (compressed)" };
		Self::load(label, code, vec![(what, file)])
	}
}

/// The names a blob (compressed or not) exports.
pub fn exports(code: &[u8]) -> Result<Vec<String>, String> {
	let raw = decompress(code)?;
	let mut names = Vec::new();
	for payload in wasmparser::Parser::new(0).parse_all(&raw) {
		if let wasmparser::Payload::ExportSection(reader) = payload.map_err(|e| e.to_string())? {
			for export in reader {
				names.push(export.map_err(|e| e.to_string())?.name.to_string());
			}
		}
	}
	Ok(names)
}

/// The wasm module of a blob, compressed (`:code`'s format) or not.
pub fn decompress(code: &[u8]) -> Result<Vec<u8>, String> {
	sp_maybe_compressed_blob::decompress(code, sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT)
		.map(|raw| raw.into_owned())
		.map_err(|e| format!("cannot decompress: {e}"))
}
