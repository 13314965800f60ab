//! RFC-78's metadata hash of a blob's metadata: the digest offline signers (Ledger) check in
//! `CheckMetadataHash` mode 1. It is defined over V15 only, the version runtimes check against.

use codec::Decode;
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
pub use merkleized_metadata::ExtraInfo;

/// The digest of SCALE-encoded `RuntimeMetadataPrefixed` with what it commits to besides the
/// metadata (version, SS58 prefix, token); an error says why there is none.
pub fn of(metadata: &[u8], properties: &ExtraInfo) -> Result<[u8; 32], String> {
	let RuntimeMetadataPrefixed(_, metadata) = Decode::decode(&mut &metadata[..])
		.map_err(|e| format!("the metadata does not decode: {e}"))?;
	of_decoded(&metadata, properties)
}

/// [`of`] for metadata its caller has decoded already.
pub fn of_decoded(metadata: &RuntimeMetadata, properties: &ExtraInfo) -> Result<[u8; 32], String> {
	if !matches!(metadata, RuntimeMetadata::V15(_)) {
		return Err(format!(
			"the blob serves metadata V{} only, and RFC-78 hashes V15",
			metadata.version()
		));
	}
	Ok(merkleized_metadata::generate_metadata_digest(metadata, properties.clone())
		.map_err(|e| format!("RFC-78 digest: {e}"))?
		.hash())
}
