//! Offline signers can sign for the blob: it is built with the RFC-78 hash of its own metadata,
//! so a transaction in `CheckMetadataHash` mode 1 with the hash a signer computes from that
//! metadata is valid and lands, in both executors; a wrong hash is `BadProof`; mode 0 still
//! works (natively too, where no hash is compiled in); and a fixture blob (another `spec_version`) carries its own hash, not the blob's.

use crate::{
	chain::{chain_at, dev_chain, genesis_in, sign_as, transfer, Chain, Ours, OursBlock},
	host::{in_hosts, state_with_code, Host, HostExt, Native, Wasmtime},
};
use codec::{Decode, Encode};
use mvp_chain::fixtures::NEXT_SPEC_VERSION;
use mvp_chain_runtime::{
	chain_properties::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL},
	UNIT,
};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::transaction_validity::{
	InvalidTransaction, TransactionValidityError, UnknownTransaction,
};
use sp_version::RuntimeVersion;

/// The digest a signer computes from what the chain's runtime serves: its V15 metadata and
/// version, and the chain's token properties.
fn digest(host: &mut impl Host) -> [u8; 32] {
	let metadata: Option<Vec<u8>> = host.query("Metadata_metadata_at_version", 15u32);
	let metadata = metadata.expect("V15 is served");
	let prefixed = frame_metadata::RuntimeMetadataPrefixed::decode(&mut &metadata[..])
		.expect("the metadata decodes");
	let version: RuntimeVersion = host.query("Core_version", ());
	let extra = merkleized_metadata::ExtraInfo {
		spec_version: version.spec_version,
		spec_name: version.spec_name.to_string(),
		base58_prefix: SS58_PREFIX,
		decimals: TOKEN_DECIMALS,
		token_symbol: TOKEN_SYMBOL.to_string(),
	};
	merkleized_metadata::generate_metadata_digest(&prefixed.1, extra).expect("a digest").hash()
}

fn signed<H: Host>(chain: &mut Chain<H>, hash: Option<[u8; 32]>) -> Vec<u8> {
	let params = crate::chain::TxParams { metadata_hash: hash, ..chain.params(Alice) };
	sign_as(&Alice.pair(), Alice.to_account_id(), transfer(Bob, UNIT), &params).encode()
}

fn mode_one_lands_and_a_wrong_hash_is_bad_proof<H: Host>(chain: &mut Chain<H>, wrong: [u8; 32]) {
	let right = digest(&mut chain.host);
	assert_ne!(right, wrong);
	let bad_proof = TransactionValidityError::Invalid(InvalidTransaction::BadProof);
	let with_wrong = signed(chain, Some(wrong));
	assert_eq!(chain.validate(&with_wrong).map(|_| ()), Err(bad_proof), "validation");
	for hash in [Some(right), None] {
		let xt = signed(chain, hash);
		assert!(
			chain.validate(&xt).is_ok(),
			"mode {}: {:?}",
			hash.is_some() as u8,
			chain.validate(&xt)
		);
		let bob = chain.free(Bob.to_account_id());
		let mut block = chain.start_block().expect("initialize_block");
		block.apply_inherents().expect("the inherents are accepted");
		assert_eq!(block.verdict(&with_wrong), Err(bad_proof), "block building");
		assert_eq!(block.apply(&xt).expect("answers").result(), Ok(Ok(Ok(()))));
		block.finalize().expect("finalize_block");
		assert_eq!(
			chain.free(Bob.to_account_id()),
			bob + UNIT,
			"mode {} landed",
			hash.is_some() as u8
		);
	}
}

fn blob_checks_its_own_hash<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	mode_one_lands_and_a_wrong_hash_is_bad_proof(&mut chain, [7; 32]);
}

fn fixture_checks_its_own_hash<H: Host>(new: fn(Storage) -> H) {
	let (mut ours, _) = dev_chain(new);
	let ours = digest(&mut ours.host);
	let next = NEXT_SPEC_VERSION.expect("fixtures are built");
	let genesis = genesis_in(&mut new(state_with_code(next)), "development");
	let mut chain = chain_at(new(genesis.storage.clone()), &genesis);
	assert_eq!(chain.version.spec_version, 102);
	mode_one_lands_and_a_wrong_hash_is_bad_proof(&mut chain, ours);
}

in_hosts!(blob_checks_its_own_hash: wasmtime, smoldot);

/// Natively there is no hash to check: it is the digest of the blob's metadata, compiled into
/// the blob's second build only. Mode 1 is then `CannotLookup` whatever the hash, as in any
/// runtime built without one, and mode 0 lands.
#[test]
fn the_native_runtime_has_no_metadata_hash_and_says_so() {
	let (mut chain, _) = dev_chain(Native::new);
	let cannot_lookup = TransactionValidityError::Unknown(UnknownTransaction::CannotLookup);
	let right = digest(&mut chain.host);
	for hash in [right, [7; 32]] {
		let xt = signed(&mut chain, Some(hash));
		assert_eq!(chain.validate(&xt).map(|_| ()), Err(cannot_lookup));
	}
	let bob = chain.free(Bob.to_account_id());
	let mode_zero = chain.sign(Alice, transfer(Bob, UNIT), 0);
	let built = chain.build_block(vec![mode_zero]);
	assert_eq!(built.results, vec![Ok(Ok(()))]);
	assert_eq!(chain.free(Bob.to_account_id()), bob + UNIT);
}

#[test]
fn a_fixture_blob_checks_its_own_metadata_hash() {
	fixture_checks_its_own_hash(Wasmtime::new);
}

/// The host kit's digest (what `mvp-chain info` prints) is the one the blob checks; metadata it
/// cannot hash (older than V15, or not metadata) gets a reason, not a digest.
#[test]
fn the_host_kits_metadata_hash_is_the_blobs_and_needs_v15() {
	use frame_metadata::v14::{ExtrinsicMetadata, RuntimeMetadataV14};
	use mvp_host_kit::metadata_hash::{self, ExtraInfo};
	use scale_info::meta_type;

	let (mut chain, _) = dev_chain(Wasmtime::new);
	let served: Option<Vec<u8>> = chain.host.query("Metadata_metadata_at_version", 15u32);
	let properties = ExtraInfo {
		spec_version: chain.version.spec_version,
		spec_name: chain.version.spec_name.to_string(),
		base58_prefix: SS58_PREFIX,
		decimals: TOKEN_DECIMALS,
		token_symbol: TOKEN_SYMBOL.to_string(),
	};
	let ours = metadata_hash::of(&served.expect("V15 is served"), &properties);
	assert_eq!(ours, Ok(digest(&mut chain.host)));

	let extrinsic =
		ExtrinsicMetadata { ty: meta_type::<()>(), version: 4, signed_extensions: vec![] };
	let v14: frame_metadata::RuntimeMetadataPrefixed =
		RuntimeMetadataV14::new(vec![], extrinsic, meta_type::<()>()).into();
	assert_eq!(
		metadata_hash::of(&v14.encode(), &properties),
		Err("the blob serves metadata V14 only, and RFC-78 hashes V15".into())
	);
	let garbage = metadata_hash::of(b"not metadata", &properties).unwrap_err();
	assert!(garbage.starts_with("the metadata does not decode"), "{garbage}");
}
