//! One block as a node's block author builds it (initialise, inherents, transfers until done
//! or full, finalise) and as an importing node executes it, with the cost of every call.

use super::{
	executor::{Cost, Executor},
	genesis::{Genesis, Header},
	runtime::Runtime,
};
use codec::{Compact, Decode, Encode};
use sp_core::{hexdisplay::HexDisplay, H256};
use sp_inherents::InherentData;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::Header as _,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

/// Aura slots start here, far from zero as on a live chain.
const FIRST_SLOT: u64 = 1_000_000;

/// The header block 1 starts from: an Aura pre-runtime digest for its slot where the runtime
/// runs Aura.
pub fn first_header(runtime: &Runtime, genesis: &Genesis) -> Header {
	let logs = match runtime.slot_duration {
		Some(_) => vec![DigestItem::PreRuntime(*b"aura", (FIRST_SLOT + 1).encode())],
		None => Vec::new(),
	};
	Header::new(1, H256::zero(), H256::zero(), genesis.hash(), Digest { logs })
}

/// The inherent data for block 1: the time of its slot.
fn inherent_data(runtime: &Runtime) -> InherentData {
	let now = (FIRST_SLOT + 1) * runtime.slot_duration.unwrap_or(6_000);
	let mut data = InherentData::new();
	data.put_data(*b"timstap0", &now).expect("a u64 encodes");
	data
}

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

/// How the runtime answered `apply_extrinsic`.
enum Applied {
	Included,
	/// The block has no room for it: a block author stops here.
	Full,
}

fn applied(out: &[u8]) -> Result<Applied, String> {
	match out {
		[0, 0] => Ok(Applied::Included),
		[0, 1, ..] => Err(format!("dispatch failed: 0x{}", HexDisplay::from(&&out[2..]))),
		[1, rest @ ..] => match TransactionValidityError::decode(&mut &rest[..]) {
			Ok(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => {
				Ok(Applied::Full)
			},
			Ok(error) => Err(format!("transaction refused: {error:?}")),
			Err(_) => Err(format!("undecodable answer 0x{}", HexDisplay::from(&out))),
		},
		_ => Err(format!("undecodable answer 0x{}", HexDisplay::from(&out))),
	}
}

/// Builds block 1 over `genesis` from `offered` (each an encoded extrinsic) in offer order,
/// stopping at the first the block has no room for.
pub fn build(
	executor: &mut dyn Executor,
	runtime: &Runtime,
	genesis: &Genesis,
	offered: &mut dyn Iterator<Item = Vec<u8>>,
) -> Result<Built, String> {
	executor.reset(&genesis.storage);
	let header = first_header(runtime, genesis);
	let (_, initialize) = executor.call("Core_initialize_block", &header.encode(), &|_| true)?;
	let (out, _) = executor.call(
		"BlockBuilder_inherent_extrinsics",
		&inherent_data(runtime).encode(),
		&|_| false,
	)?;
	let inherents = Vec::<Vec<u8>>::decode(&mut &out[..])
		.map_err(|e| format!("inherent_extrinsics answer: {e}"))?;
	let mut included: Vec<Vec<u8>> = Vec::new();
	let ok = |out: &[u8]| matches!(applied(out), Ok(Applied::Included));
	for inherent in inherents {
		let xt = inherent.encode();
		let (out, _) = executor.call("BlockBuilder_apply_extrinsic", &xt, &ok)?;
		applied(&out).map_err(|e| format!("inherent: {e}"))?;
		included.push(xt);
	}
	let mut apply = Vec::new();
	for xt in offered {
		let (out, cost) = executor.call("BlockBuilder_apply_extrinsic", &xt, &ok)?;
		match applied(&out).map_err(|e| format!("transfer {}: {e}", apply.len()))? {
			Applied::Included => {
				apply.push(cost);
				included.push(xt);
			},
			Applied::Full => break,
		}
	}
	let (out, finalize) = executor.call("BlockBuilder_finalize_block", &[], &|_| true)?;
	let header =
		Header::decode(&mut &out[..]).map_err(|e| format!("finalize_block answer: {e}"))?;
	let mut block = header.encode();
	Compact(included.len() as u32).encode_to(&mut block);
	for xt in &included {
		block.extend_from_slice(xt);
	}
	Ok(Built { block, transfers: apply.len(), initialize, apply, finalize })
}

/// Imports `block` over `genesis` as a node does: one `Core_execute_block`, which checks the
/// state root and extrinsics root itself.
pub fn execute(
	executor: &mut dyn Executor,
	genesis: &Genesis,
	block: &[u8],
) -> Result<Cost, String> {
	executor.reset(&genesis.storage);
	let (_, cost) = executor.call("Core_execute_block", block, &|_| true)?;
	Ok(cost)
}
