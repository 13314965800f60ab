//! Transactions for any runtime, signed offline by subxt from the runtime's own metadata,
//! genesis hash and version, so that they carry whatever transaction extensions it lists.

use sp_core::{sr25519, Pair, H256};
use sp_version::RuntimeVersion;
use subxt::{
	config::{substrate::SpecVersionForRange, DefaultExtrinsicParamsBuilder, SubstrateConfig},
	tx::{Payload, Signer},
	utils::MultiSignature,
	ArcMetadata, Metadata, OfflineClient,
};

pub struct MetadataSigner {
	metadata: ArcMetadata,
	client: OfflineClient<SubstrateConfig>,
}

struct Sr25519<'a>(&'a sr25519::Pair);

impl Signer<SubstrateConfig> for Sr25519<'_> {
	fn account_id(&self) -> subxt::utils::AccountId32 {
		subxt::utils::AccountId32(self.0.public().0)
	}

	fn sign(&self, payload: &[u8]) -> MultiSignature {
		MultiSignature::Sr25519(self.0.sign(payload).0)
	}
}

impl MetadataSigner {
	/// A signer for the chain that starts at `genesis` and runs `version`, whose metadata
	/// (SCALE-encoded `RuntimeMetadataPrefixed`, V14 or later) is `metadata`.
	pub fn new(metadata: &[u8], genesis: H256, version: &RuntimeVersion) -> Result<Self, String> {
		let metadata = Metadata::decode_from(metadata)
			.map_err(|e| format!("subxt cannot read the metadata: {e}"))?
			.arc();
		let config = SubstrateConfig::builder()
			.set_genesis_hash(subxt::config::substrate::H256(genesis.0))
			.set_spec_version_for_block_ranges([SpecVersionForRange {
				block_range: 0..u64::MAX,
				spec_version: version.spec_version,
				transaction_version: version.transaction_version,
			}])
			.set_metadata_for_spec_versions([(version.spec_version, metadata.clone())])
			.build();
		Ok(Self { metadata, client: OfflineClient::new_with_config(config) })
	}

	pub fn metadata(&self) -> &Metadata {
		&self.metadata
	}

	/// `call` signed by `signer` at `nonce`, immortal and without a tip, encoded as a node
	/// receives it (with its length prefix).
	pub fn sign(
		&self,
		signer: &sr25519::Pair,
		call: &impl Payload,
		nonce: u64,
	) -> Result<Vec<u8>, String> {
		let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
			.nonce(nonce)
			.immortal()
			.tip(0)
			.build();
		let at = self.client.at_block(0u64).map_err(|e| e.to_string())?;
		let mut signable =
			at.tx().create_v4_signable_offline(call, params).map_err(|e| e.to_string())?;
		Ok(signable.sign(&Sr25519(signer)).map_err(|e| e.to_string())?.into_encoded())
	}
}
