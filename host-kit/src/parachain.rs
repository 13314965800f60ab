//! Parachain blocks as a collator builds them, and their proof of validity as a relay chain's
//! validators receive it.
//!
//! - [`Relay`]: the relay chain a parachain's blocks are built under: each block's parachain
//!   inherent (`sysi1338`) carries validation data whose parent head is the parachain's head, a
//!   relay parent number that increases, and a state proof of the relay chain's storage from
//!   `cumulus-test-relay-sproof-builder` (its slot, which Aura's must match, its host
//!   configuration, the parachain's included head).
//! - [`seal`]: the Aura seal a collator signs a block's header with.
//! - [`pack`]: a block and the storage proof its execution needs (which the chain records as it
//!   builds the block, with the proof-size extension a collator registers) as cumulus'
//!   `ParachainBlockData`; [`record_proof`] records the proof of other calls over a parent's
//!   state.

use crate::Header;
use codec::Encode;
use cumulus_primitives_core::{relay_chain, ParaId, ParachainBlockData, PersistedValidationData};
use cumulus_primitives_parachain_inherent::{ParachainInherentData, INHERENT_IDENTIFIER};
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use polkadot_parachain_primitives::primitives::{BlockData, HeadData, ValidationParams};
use sc_executor::WasmExecutor;
use sp_core::{
	sr25519,
	storage::{well_known_keys, Storage},
	traits::{CallContext, ReadRuntimeVersionExt, RuntimeCode, WrappedRuntimeCode},
	Pair, H256,
};
use sp_inherents::InherentData;
use sp_runtime::{
	generic::{Block, DigestItem},
	traits::{BlakeTwo256, Header as _},
	OpaqueExtrinsic, StateVersion,
};
use sp_state_machine::{InMemoryBackend, OverlayedChanges, StateMachine, TrieBackendBuilder};
use sp_trie::{proof_size_extension::ProofSizeExt, recorder::Recorder, CompactProof};

/// The relay chain's slot, which a parachain with one block per relay block shares.
pub const RELAY_SLOT_MILLIS: u64 = 6_000;
/// The relay chain's limit on a proof of validity (polkadot-primitives' `MAX_POV_SIZE`), which
/// the validation data carries.
pub const MAX_POV_SIZE: u32 = relay_chain::MAX_POV_SIZE;

/// The relay chain a parachain's blocks are built under, as a collator sees it.
#[derive(Clone, Debug)]
pub struct Relay {
	pub para_id: u32,
	/// The relay parent of the parachain's genesis child; each block's is one later.
	pub first_relay_parent: u32,
}

/// What a block's parachain inherent says of the relay chain, and the relay parent's state root
/// its proof is against.
#[derive(Clone, Debug)]
pub struct RelayParent {
	pub number: u32,
	pub storage_root: H256,
}

impl RelayParent {
	/// What a validator runs `validate_block` on: `block_data` (an encoded
	/// `ParachainBlockData`) built on `parent`, under this relay parent.
	pub fn validation_params(&self, parent: &Header, block_data: Vec<u8>) -> ValidationParams {
		ValidationParams {
			parent_head: HeadData(parent.encode()),
			block_data: BlockData(block_data),
			relay_parent_number: self.number,
			relay_parent_storage_root: self.storage_root,
		}
	}
}

impl Relay {
	pub fn new(para_id: u32) -> Self {
		Self { para_id, first_relay_parent: 1_000 }
	}

	/// The parachain inherent of block `number`, built on `parent` (the encoded head the relay
	/// chain holds: the parent's sealed header) at relay slot `relay_slot`; added to `data`.
	pub fn inherent(
		&self,
		parent: &[u8],
		number: u32,
		relay_slot: u64,
		data: &mut InherentData,
	) -> RelayParent {
		let sproof = RelayStateSproofBuilder {
			para_id: ParaId::from(self.para_id),
			current_slot: relay_slot.into(),
			// Everything before this block is included: the unincluded segment starts empty.
			included_para_head: Some(relay_chain::HeadData(parent.to_vec())),
			..Default::default()
		};
		let (storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
		let relay_parent = RelayParent { number: self.first_relay_parent + number, storage_root };
		let inherent = ParachainInherentData {
			validation_data: PersistedValidationData {
				parent_head: relay_chain::HeadData(parent.to_vec()),
				relay_parent_number: relay_parent.number,
				relay_parent_storage_root: storage_root,
				max_pov_size: MAX_POV_SIZE,
			},
			relay_chain_state,
			downward_messages: Vec::new(),
			horizontal_messages: Default::default(),
			relay_parent_descendants: Vec::new(),
			collator_peer_id: None,
		};
		data.put_data(INHERENT_IDENTIFIER, &inherent).expect("the inherent encodes");
		relay_parent
	}
}

/// `header` sealed by its Aura author, a well-known dev key (`Sr25519Keyring`) among
/// `authorities` (the author of slot `s` is `authorities[s % len]`), as a collator seals it.
pub fn seal(header: &Header, slot: u64, authorities: &[[u8; 32]]) -> Result<Header, String> {
	let author = authorities
		.get((slot % authorities.len().max(1) as u64) as usize)
		.ok_or("no Aura authorities to seal with")?;
	let pair = sp_keyring::Sr25519Keyring::iter()
		.find(|k| k.public().0 == *author)
		.map(|k| k.pair())
		.ok_or_else(|| format!("slot {slot}'s author 0x{} is not a dev key", hex(author)))?;
	let signature: sr25519::Signature = pair.sign(header.hash().as_ref());
	let mut sealed = header.clone();
	sealed.digest_mut().push(DigestItem::Seal(*b"aura", signature.encode()));
	Ok(sealed)
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A parachain block with the proof its execution needs, as a collator hands it to the relay
/// chain's validators.
pub struct Pov {
	/// `ParachainBlockData` (V1: one block and a compact proof), encoded, before the
	/// compression a collator applies on the wire.
	pub block_data: Vec<u8>,
	/// The compact proof's share of it.
	pub proof_size: usize,
}

/// The block `sealed` (a collator-sealed header) with `extrinsics` and `proof`, packed.
pub fn pack(sealed: &Header, extrinsics: &[Vec<u8>], proof: CompactProof) -> Result<Pov, String> {
	let block = Block::<Header, OpaqueExtrinsic> {
		header: sealed.clone(),
		extrinsics: opaque(extrinsics)?,
	};
	let proof_size = proof.encoded_size();
	let block_data = ParachainBlockData::new(vec![block], proof, None).encode();
	Ok(Pov { block_data, proof_size })
}

/// Runs `calls` (runtime API name, input) one after the other over `parent_state`, as one
/// block's execution (their changes carried from call to call), with the proof-size extension a
/// collator registers; the trie nodes they read, as a compact proof against the parent's root.
pub fn record_proof(
	parent_state: &Storage,
	calls: &[(&str, Vec<u8>)],
) -> Result<CompactProof, String> {
	let code = parent_state.top.get(well_known_keys::CODE).ok_or("no :code in the parent state")?;
	let backend = InMemoryBackend::<BlakeTwo256>::from((parent_state.clone(), StateVersion::V1));
	let root = *backend.root();
	let recorder = Recorder::<BlakeTwo256>::default();
	let recording = TrieBackendBuilder::wrap(&backend).with_recorder(recorder.clone()).build();
	let executor = WasmExecutor::<HostFunctions>::builder().build();
	let fetcher = WrappedRuntimeCode(code.into());
	let runtime_code = RuntimeCode {
		code_fetcher: &fetcher,
		hash: sp_crypto_hashing::blake2_256(code).to_vec(),
		heap_pages: None,
	};
	let mut extensions = sp_externalities::Extensions::default();
	extensions.register(ProofSizeExt::new(recorder.clone()));
	extensions.register(ReadRuntimeVersionExt::new(executor.clone()));
	let mut overlay = OverlayedChanges::default();
	for (method, input) in calls {
		StateMachine::new(
			&recording,
			&mut overlay,
			&executor,
			method,
			input,
			&mut extensions,
			&runtime_code,
			// As a collator builds the block, not as a node imports it.
			CallContext::Onchain { import: false },
		)
		.execute()
		.map_err(|e| format!("{method} over the parent's state: {e}"))?;
	}
	recorder
		.drain_storage_proof()
		.into_compact_proof::<BlakeTwo256>(root)
		.map_err(|e| format!("compacting the proof: {e:?}"))
}

fn opaque(extrinsics: &[Vec<u8>]) -> Result<Vec<OpaqueExtrinsic>, String> {
	extrinsics
		.iter()
		.map(|xt| OpaqueExtrinsic::try_from_encoded_extrinsic(xt).map_err(|e| e.to_string()))
		.collect()
}

/// What a collator's executor registers: sp-io's host functions and the proof-size one.
type HostFunctions = (
	sp_io::SubstrateHostFunctions,
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
);
