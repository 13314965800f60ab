//! One block as a node's block author builds it (the host kit's block builder: initialise,
//! inherents, transfers until done or full, finalise) and as an importing node executes it,
//! with the cost of every call; on a parachain, also the block as its collator hands it to the
//! relay chain's validators.

use codec::Decode;
use mvp_host_kit::{
	blob::Blob,
	chain::Chain,
	genesis::Genesis,
	host::{Cost, Host, HostExt},
	parachain::{self, Relay},
};
use polkadot_parachain_primitives::primitives::ValidationParams;
use sp_core::bytes::to_hex;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

/// A built block and what each step cost.
pub struct Built {
	/// The encoded block, as `Core_execute_block` takes it.
	pub block: Vec<u8>,
	/// How many of the offered transfers are in it.
	pub transfers: usize,
	pub initialize: Cost,
	/// One per transfer included.
	pub apply: Vec<Cost>,
	pub finalize: Cost,
	/// On a parachain, in a host that records the block's proof as it builds it: what the
	/// relay chain's validators run `validate_block` on.
	pub candidate: Option<Candidate>,
}

/// A parachain block as its collator hands it to the relay chain's validators.
pub struct Candidate {
	/// The validation parameters, the proof of validity (`ParachainBlockData`) among them.
	pub params: ValidationParams,
	/// The storage proof's share of the proof of validity.
	pub proof_size: usize,
}

/// Whether `blob` is a parachain runtime: one whose blocks carry the parachain inherent and
/// whose nodes record each block's proof as they build and import it.
pub fn is_parachain(blob: &Blob) -> bool {
	blob.exports.iter().any(|e| e == "GetParachainInfo_parachain_id")
}

/// `Ok` if a transfer was refused because the block has no room for it (a block author stops
/// there); anything else but success is an error.
fn refusal(out: &[u8]) -> Result<(), String> {
	match out {
		[0, 1, ..] => Err(format!("dispatch failed: {}", to_hex(&out[2..], false))),
		[1, rest @ ..] => match TransactionValidityError::decode(&mut &rest[..]) {
			Ok(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => Ok(()),
			Ok(error) => Err(format!("transaction refused: {error:?}")),
			Err(_) => Err(format!("undecodable answer {}", to_hex(out, false))),
		},
		_ => Err(format!("undecodable answer {}", to_hex(out, false))),
	}
}

/// Builds block 1 over `genesis` from `offered` (each an encoded extrinsic) in offer order,
/// stopping at the first the block has no room for.
pub fn build(
	host: &mut dyn Host,
	blob: &Blob,
	genesis: &Genesis,
	offered: &mut dyn Iterator<Item = Vec<u8>>,
) -> Result<Built, String> {
	host.reset(&genesis.storage);
	let mut chain = Chain {
		host,
		genesis: genesis.hash(),
		head: genesis.header.clone(),
		version: blob.version.clone(),
		slot_duration: blob.slot_duration,
		skipped_slots: 0,
		relay: None,
	};
	// A parachain's blocks carry the parachain inherent a collator gives them.
	if is_parachain(blob) {
		let para_id: u32 = chain.host.try_query("GetParachainInfo_parachain_id", ())?;
		chain.relay = Some(Relay::new(para_id));
	}
	let relay_parent = chain.relay_parent(genesis.header.number + 1);
	let mut block = chain.start_block()?;
	block.apply_inherents()?;
	let mut apply = Vec::new();
	for xt in offered {
		let applied = block.apply(&xt)?;
		match &applied.output[..] {
			[0, 0] => apply.push(applied.cost),
			// Out of room: the block is full.
			refused => refusal(refused).map_err(|e| format!("transfer {}: {e}", apply.len()))?,
		}
		if !applied.included {
			break;
		}
	}
	let initialize = block.initialize.clone();
	let sealed = block.finalize()?;
	let candidate = match (relay_parent, &sealed.sealed_header, &sealed.proof) {
		(Some(relay_parent), Some(head), Some(proof)) => {
			let pov = parachain::pack(head, &sealed.extrinsics, proof.clone())?;
			Some(Candidate {
				params: relay_parent.validation_params(&genesis.header, pov.block_data),
				proof_size: pov.proof_size,
			})
		},
		_ => None,
	};
	Ok(Built {
		block: sealed.encoded(),
		transfers: apply.len(),
		initialize,
		apply,
		finalize: sealed.finalize,
		candidate,
	})
}

/// Imports `block` over `genesis` as a node does: one `Core_execute_block`, which checks the
/// state root and extrinsics root itself. A parachain node records the block's proof as it
/// imports it, as its collator did building it (the runtime reclaims weight by the proof's
/// size), where the host can.
pub fn execute(
	host: &mut dyn Host,
	blob: &Blob,
	genesis: &Genesis,
	block: &[u8],
) -> Result<Cost, String> {
	host.reset(&genesis.storage);
	if is_parachain(blob) {
		host.start_proof_recording();
	}
	let executed = host.measured("Core_execute_block", block, &|_| true);
	host.take_proof();
	Ok(executed?.1)
}
