//! The digests a runtime upgrade to a blob needs, computed from the blob and its own metadata:
//! the blob's hashes, the `authorize_upgrade` and `set_code` calls as the chain encodes them,
//! and RFC-78's metadata hash that offline signers check.

use codec::Decode;
use mvp_host_kit::{
	blob::Blob,
	metadata_hash::{self, ExtraInfo},
};
use sp_version::RuntimeVersion;
use subxt::{
	ext::{scale_encode::EncodeAsType, scale_value::Value},
	Metadata,
};

pub struct Digests {
	/// Of the blob as given (what `:code` holds and `authorize_upgrade` takes the hash of).
	pub blake2_256: [u8; 32],
	pub sha256: [u8; 32],
	/// `System.authorize_upgrade(blake2_256)`, encoded, and its blake2-256, or why the runtime
	/// has none (it came in 2024: older runtimes are upgraded with `set_code` only).
	pub authorize_upgrade: Result<(Vec<u8>, [u8; 32]), String>,
	/// The blake2-256 of `System.set_code(blob)`, encoded: the hash a preimage is noted under.
	pub set_code_hash: [u8; 32],
	pub set_code_size: usize,
	/// RFC-78's digest and what it commits to besides the metadata, or why the blob has none.
	pub metadata_hash: Result<([u8; 32], ExtraInfo), String>,
}

impl Digests {
	pub fn of(blob: &Blob) -> Result<Self, String> {
		let metadata = Metadata::decode_from(&blob.metadata[..])
			.map_err(|e| format!("subxt cannot read the metadata: {e}"))?;
		let code = &blob.code[..];
		let blake2_256 = sp_crypto_hashing::blake2_256(code);
		let authorize_upgrade =
			call(&metadata, "System", "authorize_upgrade", &[Value::from_bytes(blake2_256)])
				.map(|call| (call.clone(), sp_crypto_hashing::blake2_256(&call)));
		let set_code = call(&metadata, "System", "set_code", &[Value::from_bytes(code)])?;
		let metadata_hash = properties(&metadata, &blob.version).and_then(|properties| {
			Ok((metadata_hash::of(&blob.metadata, &properties)?, properties))
		});
		Ok(Self {
			blake2_256,
			sha256: sp_crypto_hashing::sha2_256(code),
			authorize_upgrade,
			set_code_hash: sp_crypto_hashing::blake2_256(&set_code),
			set_code_size: set_code.len(),
			metadata_hash,
		})
	}
}

/// `pallet.name(args)` encoded as the runtime's `RuntimeCall`: pallet index, call index, then
/// each argument as the metadata types it.
fn call(metadata: &Metadata, pallet: &str, name: &str, args: &[Value]) -> Result<Vec<u8>, String> {
	let p = metadata.pallet_by_name(pallet).ok_or(format!("the runtime has no {pallet} pallet"))?;
	let variant = p.call_variant_by_name(name).ok_or(format!("{pallet} has no {name} call"))?;
	if variant.fields.len() != args.len() {
		return Err(format!("{pallet}.{name} takes {} arguments", variant.fields.len()));
	}
	let mut encoded = vec![p.call_index(), variant.index];
	for (field, arg) in variant.fields.iter().zip(args) {
		arg.encode_as_type_to(field.ty.id, metadata.types(), &mut encoded)
			.map_err(|e| format!("{pallet}.{name}: {e}"))?;
	}
	Ok(encoded)
}

/// What the metadata hash commits to besides the metadata: the version, the SS58 prefix the
/// runtime declares (`System.SS58Prefix`), and the token, from this chain's properties (also
/// for another blob: it is the digest that blob would carry on this chain).
fn properties(metadata: &Metadata, version: &RuntimeVersion) -> Result<ExtraInfo, String> {
	use mvp_chain_runtime::chain_properties::{TOKEN_DECIMALS, TOKEN_SYMBOL};
	let constant = metadata
		.pallet_by_name("System")
		.and_then(|p| p.constant_by_name("SS58Prefix"))
		.ok_or("the runtime has no System.SS58Prefix constant")?;
	let base58_prefix = u16::decode(&mut constant.value())
		.map_err(|e| format!("System.SS58Prefix is not a u16: {e}"))?;
	Ok(ExtraInfo {
		spec_version: version.spec_version,
		spec_name: version.spec_name.to_string(),
		base58_prefix,
		decimals: TOKEN_DECIMALS,
		token_symbol: TOKEN_SYMBOL.to_string(),
	})
}

pub fn hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}
