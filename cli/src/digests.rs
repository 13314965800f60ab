//! The digests a runtime upgrade to a blob needs, computed from the blob and its own metadata:
//! the blob's hashes, the `authorize_upgrade` and `set_code` calls as the chain encodes them,
//! and RFC-78's metadata hash that offline signers check.

use codec::Decode;
use merkleized_metadata::ExtraInfo;
use mvp_host_kit::blob::Blob;
use sp_version::RuntimeVersion;
use subxt::{
	ext::{scale_encode::EncodeAsType, scale_value::Value},
	Metadata,
};

pub struct Digests {
	pub compressed_size: usize,
	pub compact_size: usize,
	/// Of the compressed blob (what `:code` holds and `authorize_upgrade` takes the hash of).
	pub blake2_256: [u8; 32],
	pub sha256: [u8; 32],
	/// `System.authorize_upgrade(blake2_256)`, encoded, and its blake2-256.
	pub authorize_upgrade: Vec<u8>,
	pub authorize_upgrade_hash: [u8; 32],
	/// The blake2-256 of `System.set_code(blob)`, encoded: the hash a preimage is noted under.
	pub set_code_hash: [u8; 32],
	pub set_code_size: usize,
	pub metadata_hash: [u8; 32],
	pub properties: ExtraInfo,
}

impl Digests {
	pub fn of(compressed: &[u8], compact: &[u8]) -> Result<Self, String> {
		let (blob, _) = Blob::load("ours".into(), compressed.to_vec(), Vec::new())?;
		let metadata = Metadata::decode_from(&blob.metadata[..])
			.map_err(|e| format!("subxt cannot read the metadata: {e}"))?;
		let blake2_256 = sp_crypto_hashing::blake2_256(compressed);
		let authorize_upgrade =
			call(&metadata, "System", "authorize_upgrade", &[Value::from_bytes(blake2_256)])?;
		let set_code = call(&metadata, "System", "set_code", &[Value::from_bytes(compressed)])?;
		let properties = properties(&metadata, &blob.version)?;
		let prefixed = frame_metadata::RuntimeMetadataPrefixed::decode(&mut &blob.metadata[..])
			.map_err(|e| format!("the metadata does not decode: {e}"))?;
		let metadata_hash =
			merkleized_metadata::generate_metadata_digest(&prefixed.1, properties.clone())
				.map_err(|e| format!("RFC-78 digest: {e}"))?
				.hash();
		Ok(Self {
			compressed_size: compressed.len(),
			compact_size: compact.len(),
			blake2_256,
			sha256: sp_crypto_hashing::sha2_256(compressed),
			authorize_upgrade_hash: sp_crypto_hashing::blake2_256(&authorize_upgrade),
			authorize_upgrade,
			set_code_hash: sp_crypto_hashing::blake2_256(&set_code),
			set_code_size: set_code.len(),
			metadata_hash,
			properties,
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
/// runtime declares (`System.SS58Prefix`), and the token, from the runtime's chain properties.
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
