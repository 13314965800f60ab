//! Blocks as a node's block author builds them: a header with an Aura pre-runtime digest for
//! the next slot, `Core_initialize_block`, the inherents from `BlockBuilder_inherent_extrinsics`
//! for the slot's time, `BlockBuilder_apply_extrinsic` per extrinsic, `finalize_block`.
//! Extrinsics are bytes here (as a node's pool holds them), so any runtime's blocks are built
//! the same way. A parachain runtime's blocks (one with `GetParachainInfo`) also get the
//! parachain inherent a collator gives them, and the collator's Aura seal
//! ([`crate::parachain`]).

use crate::{
	genesis::Genesis,
	host::{decode_exact, Cost, Host, HostExt},
	parachain::{self, Relay},
	Header,
};
use codec::{Compact, Encode};
use sp_core::H256;
use sp_inherents::InherentData;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::Header as _,
	ApplyExtrinsicResult,
};
use sp_trie::CompactProof;
use sp_version::RuntimeVersion;
use std::ops::{Deref, DerefMut};

/// Aura slots start here so that every block's slot is far from zero, as on a live chain.
pub const FIRST_SLOT: u64 = 1_000_000;
/// The slot duration assumed for runtimes without `AuraApi`.
const DEFAULT_SLOT_DURATION: u64 = 6_000;

/// A chain in a host: its genesis, its head and the runtime version at the head.
pub struct Chain<H: Host> {
	pub host: H,
	pub genesis: H256,
	pub head: Header,
	pub version: RuntimeVersion,
	/// Aura's slot duration in milliseconds, where the runtime has `AuraApi`.
	pub slot_duration: Option<u64>,
	/// Slots that passed without a block (their author was away or disabled): each block's
	/// slot is its number's, this many later.
	pub skipped_slots: u64,
	/// The relay chain, for a parachain runtime: its blocks are built under it and sealed, and
	/// the head is the sealed header, as the relay chain holds it.
	pub relay: Option<Relay>,
}

impl<H: Host> Chain<H> {
	/// The chain at `genesis`, whose state `host` holds.
	pub fn new(mut host: H, genesis: &Genesis) -> Result<Self, String> {
		let version: RuntimeVersion = host.try_query("Core_version", ())?;
		let slot_duration = host.try_query("AuraApi_slot_duration", ()).ok();
		let relay = host.try_query::<u32>("GetParachainInfo_parachain_id", ()).ok().map(Relay::new);
		let head = genesis.header.clone();
		let genesis = genesis.hash();
		Ok(Self { host, genesis, head, version, slot_duration, skipped_slots: 0, relay })
	}

	/// The header a block author starts the next block with: an Aura pre-runtime digest for
	/// the next slot where the runtime runs Aura.
	pub fn next_header(&self) -> Header {
		let number = self.head.number + 1;
		let logs = match self.slot_duration {
			Some(_) => vec![DigestItem::PreRuntime(*b"aura", self.slot(number).encode())],
			None => Vec::new(),
		};
		Header::new(number, H256::zero(), H256::zero(), self.head.hash(), Digest { logs })
	}

	/// The inherent data a block author has for the block `header` starts: its slot's time,
	/// and on a parachain what the relay chain says (its slot is the parachain's time's).
	pub fn inherent_data(&self, header: &Header) -> InherentData {
		let mut data = InherentData::new();
		data.put_data(*b"timstap0", &self.slot_time(header.number)).expect("a u64 encodes");
		self.relay_inherent(header.number, &mut data);
		data
	}

	/// On a parachain, the relay parent the inherent of block `number`, built on the head,
	/// names: what validating the block takes besides the block.
	pub fn relay_parent(&self, number: u32) -> Option<parachain::RelayParent> {
		self.relay_inherent(number, &mut InherentData::new())
	}

	/// On a parachain, block `number`'s parachain inherent, built on the head, added to `data`.
	fn relay_inherent(
		&self,
		number: u32,
		data: &mut InherentData,
	) -> Option<parachain::RelayParent> {
		let relay = self.relay.as_ref()?;
		let relay_slot = self.slot_time(number) / parachain::RELAY_SLOT_MILLIS;
		Some(relay.inherent(&self.head.encode(), number, relay_slot, data))
	}

	/// The slot of block `number`: one block per slot, after the skipped ones.
	pub fn slot(&self, number: u32) -> u64 {
		FIRST_SLOT + u64::from(number) + self.skipped_slots
	}

	/// When block `number`'s slot starts, in milliseconds.
	fn slot_time(&self, number: u32) -> u64 {
		self.slot(number) * self.slot_duration.unwrap_or(DEFAULT_SLOT_DURATION)
	}

	/// Initialises the next block. Until the block is finalised or dropped, calls run the
	/// parent's runtime; dropping it unpins the code whatever happened in between.
	pub fn start_block(&mut self) -> Result<OpenBlock<'_, H>, String> {
		let header = self.next_header();
		self.host.pin_code(true);
		// A collator records a parachain block's proof as it builds it, where the host can.
		if self.relay.is_some() {
			self.host.start_proof_recording();
		}
		let initialize = Cost::default();
		let mut block = OpenBlock { chain: self, header, extrinsics: Vec::new(), initialize };
		let encoded = block.header.encode();
		// On an error the block is dropped, which unpins the code.
		let (_, cost) = block.chain.host.measured("Core_initialize_block", &encoded, &|_| true)?;
		block.initialize = cost;
		Ok(block)
	}
}

/// A block being built on a chain's head; derefs to the chain, so the chain can be queried
/// and signed for while the block is open.
pub struct OpenBlock<'c, H: Host> {
	chain: &'c mut Chain<H>,
	header: Header,
	/// The extrinsics included so far, encoded.
	extrinsics: Vec<Vec<u8>>,
	/// What `Core_initialize_block` cost.
	pub initialize: Cost,
}

/// How the runtime answered `BlockBuilder_apply_extrinsic`.
pub struct Applied {
	/// The encoded `ApplyExtrinsicResult`.
	pub output: Vec<u8>,
	/// Whether the extrinsic is in the block (its validity checks passed, `Ok(_)`).
	pub included: bool,
	pub cost: Cost,
}

impl Applied {
	/// The answer decoded, for runtimes of this SDK generation.
	pub fn result(&self) -> Result<ApplyExtrinsicResult, String> {
		decode_exact("BlockBuilder_apply_extrinsic", &self.output)
	}
}

/// A finished block.
pub struct Sealed {
	/// The header as the runtime finalised it, which `Core_execute_block` takes.
	pub header: Header,
	/// On a parachain, the header with its collator's Aura seal: what the relay chain holds as
	/// the parachain's head, and the next block's parent.
	pub sealed_header: Option<Header>,
	/// On a parachain, in a host that records them, the trie nodes of the parent's state the
	/// block read, recorded as it was built: its proof of validity's storage proof.
	pub proof: Option<CompactProof>,
	/// The extrinsics in the block, encoded, inherents first.
	pub extrinsics: Vec<Vec<u8>>,
	/// What `BlockBuilder_finalize_block` cost.
	pub finalize: Cost,
}

impl Sealed {
	/// The block as `Core_execute_block` takes it.
	pub fn encoded(&self) -> Vec<u8> {
		let mut block = self.header.encode();
		Compact(self.extrinsics.len() as u32).encode_to(&mut block);
		for xt in &self.extrinsics {
			block.extend_from_slice(xt);
		}
		block
	}
}

impl<H: Host> OpenBlock<'_, H> {
	pub fn header(&self) -> &Header {
		&self.header
	}

	/// The chain's host, holding the block's changes so far.
	pub fn host(&mut self) -> &mut H {
		&mut self.chain.host
	}

	/// The inherents the runtime makes for this block's slot, encoded.
	pub fn inherents(&mut self) -> Result<Vec<Vec<u8>>, String> {
		let data = self.chain.inherent_data(&self.header);
		let inherents: Vec<sp_runtime::OpaqueExtrinsic> =
			self.chain.host.try_query("BlockBuilder_inherent_extrinsics", data)?;
		Ok(inherents.iter().map(Encode::encode).collect())
	}

	/// Applies this block's inherents, which must all be accepted; returns them.
	pub fn apply_inherents(&mut self) -> Result<Vec<Vec<u8>>, String> {
		let inherents = self.inherents()?;
		for inherent in &inherents {
			let applied = self.apply(inherent)?;
			if applied.output != [0, 0] {
				let answer = sp_core::bytes::to_hex(&applied.output, false);
				return Err(format!("an inherent was refused: {answer}"));
			}
		}
		Ok(inherents)
	}

	/// Applies `xt` (an encoded extrinsic, or bytes posing as one) as a block author does: its
	/// changes are kept, and it is in the block, if the runtime found it valid.
	pub fn apply(&mut self, xt: &[u8]) -> Result<Applied, String> {
		let valid = |out: &[u8]| out.first() == Some(&0);
		let (output, cost) =
			self.chain.host.measured("BlockBuilder_apply_extrinsic", xt, &valid)?;
		let included = valid(&output);
		if included {
			self.extrinsics.push(xt.to_vec());
		}
		Ok(Applied { output, included, cost })
	}

	/// Block building's verdict on `xt`, without keeping its changes or including it.
	pub fn dry_apply(&mut self, xt: &[u8]) -> Result<ApplyExtrinsicResult, String> {
		let method = "BlockBuilder_apply_extrinsic";
		let out = self.chain.host.dry_call(method, xt).map_err(|e| format!("{method}: {e}"))?;
		decode_exact(method, &out)
	}

	/// Finalises the block; the chain's head moves to it.
	pub fn finalize(mut self) -> Result<Sealed, String> {
		let (out, finalize) =
			self.chain.host.measured("BlockBuilder_finalize_block", &[], &|_| true)?;
		let header: Header = decode_exact("BlockBuilder_finalize_block", &out)?;
		let proof = self.chain.host.take_proof();
		let sealed_header = match self.chain.relay {
			Some(_) => {
				let authorities: Vec<[u8; 32]> =
					self.chain.host.try_query("AuraApi_authorities", ())?;
				let slot = self.chain.slot(header.number);
				Some(parachain::seal(&header, slot, &authorities)?)
			},
			None => None,
		};
		self.chain.host.commit();
		self.chain.head = sealed_header.clone().unwrap_or_else(|| header.clone());
		let extrinsics = std::mem::take(&mut self.extrinsics);
		Ok(Sealed { header, sealed_header, proof, extrinsics, finalize })
	}
}

impl<H: Host> Deref for OpenBlock<'_, H> {
	type Target = Chain<H>;
	fn deref(&self) -> &Chain<H> {
		self.chain
	}
}

impl<H: Host> DerefMut for OpenBlock<'_, H> {
	fn deref_mut(&mut self) -> &mut Chain<H> {
		self.chain
	}
}

impl<H: Host> Drop for OpenBlock<'_, H> {
	fn drop(&mut self) {
		self.chain.host.pin_code(false);
		// A block given up on keeps no recording on (after `finalize` there is none).
		let _ = self.chain.host.take_proof();
	}
}
