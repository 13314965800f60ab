//! One block as a node's block author builds it (the host kit's block builder: initialise,
//! inherents, transfers until done or full, finalise) and as an importing node executes it,
//! with the cost of every call.

use codec::Decode;
use mvp_host_kit::{
	blob::Blob,
	chain::Chain,
	genesis::Genesis,
	host::{Cost, Host},
};
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
	if blob.exports.iter().any(|e| e == "GetParachainInfo_parachain_id") {
		let para_id: u32 = mvp_host_kit::host::HostExt::try_query(
			&mut chain.host,
			"GetParachainInfo_parachain_id",
			(),
		)?;
		chain.relay = Some(mvp_host_kit::parachain::Relay::new(para_id));
	}
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
	Ok(Built {
		block: sealed.encoded(),
		transfers: apply.len(),
		initialize,
		apply,
		finalize: sealed.finalize,
	})
}

/// Imports `block` over `genesis` as a node does: one `Core_execute_block`, which checks the
/// state root and extrinsics root itself.
pub fn execute(host: &mut dyn Host, genesis: &Genesis, block: &[u8]) -> Result<Cost, String> {
	host.reset(&genesis.storage);
	let (_, cost) = host.measured("Core_execute_block", block, &|_| true)?;
	Ok(cost)
}
