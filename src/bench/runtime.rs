//! What the bench learns about a blob before measuring it: its exports, version, metadata and
//! slot duration, read through the blob itself.

use super::{executor::Executor, wasmtime::Wasmtime};
use codec::{Decode, Encode};
use sc_executor_common::runtime_blob::RuntimeBlob;
use sp_version::RuntimeVersion;
use std::{collections::BTreeSet, path::Path};

pub struct Runtime {
	/// A short name for tables: the file name, or `ours`.
	pub label: String,
	/// The blob as given (what `:code` holds).
	pub code: Vec<u8>,
	/// Sizes in bytes: the file as given, the code once decompressed.
	pub sizes: Vec<(&'static str, usize)>,
	pub exports: BTreeSet<String>,
	pub version: RuntimeVersion,
	/// SCALE-encoded `RuntimeMetadataPrefixed` (V15 where the blob has it, else V14).
	pub metadata: Vec<u8>,
	/// Aura's slot duration in milliseconds, for runtimes with `AuraApi`.
	pub slot_duration: Option<u64>,
}

impl Runtime {
	/// Reads the blob through itself; also gives back the blob compiled in wasmtime over a state
	/// holding only `:code`, for building genesis without compiling again.
	pub fn load(
		label: String,
		code: Vec<u8>,
		mut sizes: Vec<(&'static str, usize)>,
	) -> Result<(Self, Wasmtime), String> {
		// Parsed as a node parses `:code`, before anything runs it.
		RuntimeBlob::uncompress_if_needed(&code)
			.map_err(|e| format!("{label}: not a runtime blob: {e}"))?;
		let raw = sp_maybe_compressed_blob::decompress(
			&code,
			sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT,
		)
		.map_err(|e| format!("{label}: cannot decompress: {e}"))?;
		sizes.push(("code", raw.len()));
		let exports = exports(&raw).map_err(|e| format!("{label}: {e}"))?;
		let (mut wasmtime, _) =
			Wasmtime::compile(&code, false).map_err(|e| format!("{label}: {e}"))?;
		let mut query = |method: &str, input: &[u8]| -> Result<Vec<u8>, String> {
			wasmtime
				.call(method, input, &|_| false)
				.map(|(out, _)| out)
				.map_err(|e| format!("{label}: {e}"))
		};
		let version = RuntimeVersion::decode(&mut &query("Core_version", &[])?[..])
			.map_err(|e| format!("{label}: Core_version answer does not decode: {e}"))?;
		// V15 where the blob serves it; older runtimes only have `Metadata_metadata` (V14).
		let v15 = if exports.contains("Metadata_metadata_at_version") {
			let out = query("Metadata_metadata_at_version", &15u32.encode())?;
			Option::<Vec<u8>>::decode(&mut &out[..]).ok().flatten()
		} else {
			None
		};
		let metadata = match v15 {
			Some(metadata) => metadata,
			None => Vec::<u8>::decode(&mut &query("Metadata_metadata", &[])?[..])
				.map_err(|e| format!("{label}: Metadata_metadata does not decode: {e}"))?,
		};
		let slot_duration = if exports.contains("AuraApi_slot_duration") {
			Some(
				u64::decode(&mut &query("AuraApi_slot_duration", &[])?[..])
					.map_err(|e| format!("{label}: AuraApi_slot_duration does not decode: {e}"))?,
			)
		} else {
			None
		};
		let runtime = Self { label, code, sizes, exports, version, metadata, slot_duration };
		Ok((runtime, wasmtime))
	}

	pub fn from_file(path: &Path) -> Result<(Self, Wasmtime), String> {
		let code =
			std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
		let label = path.file_name().map_or("other".into(), |n| n.to_string_lossy().into_owned());
		let file = code.len();
		let what = if code.starts_with(b"\0asm") { "file (raw)" } else { "file (compressed)" };
		Self::load(label, code, vec![(what, file)])
	}
}

fn exports(raw: &[u8]) -> Result<BTreeSet<String>, String> {
	let mut names = BTreeSet::new();
	for payload in wasmparser::Parser::new(0).parse_all(raw) {
		if let wasmparser::Payload::ExportSection(reader) = payload.map_err(|e| e.to_string())? {
			for export in reader {
				names.insert(export.map_err(|e| e.to_string())?.name.to_string());
			}
		}
	}
	Ok(names)
}
