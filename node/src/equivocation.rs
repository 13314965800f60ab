//! Aura equivocations caught at import and reported on chain. Aura's own import check only
//! logs an author that seals two blocks for one slot; this block import, in front of GRANDPA's,
//! keeps each new block's sealed header, and when an author's second header for a slot comes,
//! asks the runtime for a key-ownership proof and submits a report through this node's pool
//! (`pallet-equivocation`). It sees the blocks this node authors as well as its peers', and
//! blocks off the best chain: with one author's keys on two nodes, each node sees both.

use crate::service::{FullClient, GrandpaBlockImport};
use futures::{channel::mpsc, StreamExt};
use mvp_chain_runtime::{opaque::Block, Header};
use pallet_equivocation::AuraEquivocationApi;
use sc_consensus::{BlockCheckParams, BlockImport, BlockImportParams, ImportResult};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_consensus::{BlockOrigin, Error as ConsensusError};
use sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthoritySignature};
use sp_consensus_slots::{EquivocationProof, Slot, SlotDuration};
use sp_runtime::traits::Header as _;
use std::sync::Arc;

const LOG_TARGET: &str = "aura-equivocation";

type Proof = EquivocationProof<Header, AuraId>;

/// GRANDPA's block import, watching for Aura equivocations.
#[derive(Clone)]
pub struct ReportingBlockImport {
	inner: GrandpaBlockImport,
	client: Arc<FullClient>,
	slot_duration: SlotDuration,
	reports: mpsc::UnboundedSender<Proof>,
}

impl ReportingBlockImport {
	/// The import, and the reports it finds for [`report`] to submit.
	pub fn new(
		inner: GrandpaBlockImport,
		client: Arc<FullClient>,
		slot_duration: SlotDuration,
	) -> (Self, mpsc::UnboundedReceiver<Proof>) {
		let (reports, found) = mpsc::unbounded();
		(Self { inner, client, slot_duration, reports }, found)
	}

	/// Records `header` as its slot's author's and returns a proof if that author has sealed
	/// another header for the same slot.
	fn check(&self, header: &Header) -> Result<Option<Proof>, String> {
		let slot = sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(header)
			.map_err(|e| format!("no Aura slot: {e}"))?;
		let parent = *header.parent_hash();
		let authorities: Vec<AuraId> =
			sc_consensus_aura::standalone::fetch_authorities(&*self.client, parent)
				.map_err(|e| format!("no authorities at the parent: {e}"))?;
		let author = sc_consensus_aura::standalone::slot_author::<
			sp_consensus_aura::sr25519::AuthorityPair,
		>(slot, &authorities)
		.ok_or("no authorities")?;
		let now = Slot::from_timestamp(sp_timestamp::Timestamp::current(), self.slot_duration);
		sc_consensus_aura::standalone::check_equivocation(&*self.client, now, slot, header, author)
			.map_err(|e| format!("the slot's record: {e}"))
	}
}

#[async_trait::async_trait]
impl BlockImport<Block> for ReportingBlockImport {
	type Error = ConsensusError;

	async fn check_block(
		&self,
		block: BlockCheckParams<Block>,
	) -> Result<ImportResult, Self::Error> {
		self.inner.check_block(block).await
	}

	async fn import_block(
		&self,
		block: BlockImportParams<Block>,
	) -> Result<ImportResult, Self::Error> {
		// Blocks of a sync from far behind or from a file are history, not news: Aura and BABE
		// leave them out too.
		let live = matches!(
			block.origin,
			BlockOrigin::NetworkBroadcast | BlockOrigin::ConsensusBroadcast | BlockOrigin::Own
		) && !block.with_state()
			&& !block.state_action.skip_execution_checks();
		let sealed = live.then(|| block.post_header());
		let imported = self.inner.import_block(block).await;
		if let (Some(header), Ok(ImportResult::Imported(_))) = (sealed, &imported) {
			match self.check(&header) {
				Ok(Some(proof)) => {
					log::warn!(
						target: LOG_TARGET,
						"Aura authority {} sealed two blocks for slot {}: reporting it",
						proof.offender,
						proof.slot
					);
					let _ = self.reports.unbounded_send(proof);
				},
				Ok(None) => {},
				Err(e) => {
					log::debug!(target: LOG_TARGET, "block #{} not checked: {e}", header.number())
				},
			}
		}
		imported
	}
}

/// Submits each report found: the key-ownership proof made at the second block's parent (in
/// the session the offence was in), or else at the best block; the report through this node's
/// pool at the best block. Only a validator's own block carries it.
pub async fn report(
	client: Arc<FullClient>,
	pool: OffchainTransactionPoolFactory<Block>,
	mut found: mpsc::UnboundedReceiver<Proof>,
) {
	while let Some(proof) = found.next().await {
		if let Err(e) = submit(&client, &pool, proof) {
			log::warn!(target: LOG_TARGET, "could not report an Aura equivocation: {e}");
		}
	}
}

fn submit(
	client: &FullClient,
	pool: &OffchainTransactionPoolFactory<Block>,
	proof: Proof,
) -> Result<(), String> {
	let best = client.info().best_hash;
	let parent = *proof.second_header.parent_hash();
	let owner_proof = |at| {
		client
			.runtime_api()
			.generate_key_ownership_proof(at, proof.slot, proof.offender.clone())
			.map_err(|e| e.to_string())
	};
	let key_owner_proof = match owner_proof(parent)? {
		Some(key_owner_proof) => key_owner_proof,
		None => owner_proof(best)?.ok_or("the offender is not a validator")?,
	};
	let mut api = client.runtime_api();
	api.register_extension(pool.offchain_transaction_pool(best));
	api.submit_report_equivocation_unsigned_extrinsic(best, proof, key_owner_proof)
		.map_err(|e| e.to_string())?
		.ok_or_else(|| "the runtime refused the report".into())
}
