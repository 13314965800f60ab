//! `validate_block` as a relay chain's validators run it. A parachain block is built the way a
//! collator builds it (the host kit's chain: the parachain inherent over a relay-chain state
//! proof from `cumulus-test-relay-sproof-builder`, the block's storage proof recorded, the
//! collator's Aura seal), packed as a proof of validity, and run through polkadot's PVF
//! executor (`polkadot-node-core-pvf-common`: prevalidate, prepare, execute the artifact) with
//! the default executor parameters, on a thread with the stack validators give it. A valid
//! block is accepted with its sealed header as the new head; a wrong parent head, a proof that
//! lacks a key the block reads, a bad seal and a block over the weight limit are each rejected,
//! for the reason the runtime logs.

use crate::{
	chain::genesis_of,
	host::{runtime_log, Wasmtime},
};
use codec::Encode;
use mvp_host_kit::{
	chain::Chain,
	host::Host,
	parachain::{self, RelayParent},
	pvf::Validator,
	sign::metadata::MetadataSigner,
	Header,
};
use polkadot_parachain_primitives::primitives::{HeadData, ValidationParams, ValidationResult};
use sp_core::{sr25519, storage::Storage};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::DigestItem, traits::Header as _};
use sp_trie::CompactProof;
use std::{sync::OnceLock, time::Duration};
use subxt::{dynamic::Value, ext::scale_value::Composite};

fn blob() -> &'static [u8] {
	mvp_chain::parachain::WASM_BINARY.expect("the parachain blob is built")
}

/// The blob as a validator's PVF host prepares it, once per code.
fn validator() -> &'static Validator {
	static PREPARED: OnceLock<Validator> = OnceLock::new();
	PREPARED.get_or_init(|| Validator::prepare(blob()).expect("the blob prepares as a PVF"))
}

fn validate(params: &ValidationParams) -> (Result<ValidationResult, String>, Duration) {
	validator().validate(params)
}

/// A parachain at its development genesis (one collator, //Alice), in wasmtime.
struct Parachain {
	chain: Chain<Wasmtime>,
	signer: MetadataSigner,
}

/// A block as a collator hands it to validators, and what it was built from.
struct Candidate {
	parent: Header,
	parent_state: Storage,
	relay_parent: RelayParent,
	/// The header as finalised, and sealed.
	header: Header,
	sealed: Header,
	extrinsics: Vec<Vec<u8>>,
	/// The storage proof recorded as the block was built.
	proof: CompactProof,
}

impl Candidate {
	/// What a validator runs `validate_block` on, for `block_data`.
	fn params(&self, block_data: Vec<u8>) -> ValidationParams {
		self.relay_parent.validation_params(&self.parent, block_data)
	}

	/// The header block building started from: its number, parent and Aura slot.
	fn initial_header(&self) -> Header {
		let logs = self.header.digest.logs.iter();
		let logs = logs.filter(|item| matches!(item, DigestItem::PreRuntime(..))).cloned();
		let digest = sp_runtime::generic::Digest { logs: logs.collect() };
		Header::new(
			self.header.number,
			Default::default(),
			Default::default(),
			self.header.parent_hash,
			digest,
		)
	}

	/// Its own proof of validity: the block and the proof recorded as it was built.
	fn pov(&self) -> Vec<u8> {
		self.pov_of(&self.extrinsics, self.proof.clone())
	}

	/// The block with `extrinsics` instead of its own, and `proof`, packed; its seal kept.
	fn pov_of(&self, extrinsics: &[Vec<u8>], proof: CompactProof) -> Vec<u8> {
		parachain::pack(&self.sealed, extrinsics, proof).expect("packed").block_data
	}
}

impl Parachain {
	fn new() -> Self {
		// Installs the capture of the runtime's log (its rejections' reasons), empty so far.
		runtime_log();
		let genesis = genesis_of(blob(), "development");
		let chain = Chain::new(Wasmtime::new(genesis.storage.clone()), &genesis)
			.expect("the parachain's genesis");
		assert!(chain.relay.is_some(), "the blob answers GetParachainInfo");
		let (blob, _) = mvp_host_kit::blob::Blob::load("parachain".into(), blob().into(), vec![])
			.expect("the blob loads");
		let signer = MetadataSigner::new(&blob.metadata, chain.genesis, &blob.version)
			.expect("subxt reads the metadata");
		Self { chain, signer }
	}

	fn transfer(&self, from: Sr25519Keyring, to: Sr25519Keyring, nonce: u64) -> Vec<u8> {
		let dest = Value::unnamed_variant("Id", [Value::from_bytes(to.public().0)]);
		let call = subxt::dynamic::tx(
			"Balances",
			"transfer_keep_alive",
			Composite::named([("dest", dest), ("value", Value::u128(1_000_000_000_000))]),
		);
		self.sign(&from.pair(), &call, nonce)
	}

	fn sign(&self, pair: &sr25519::Pair, call: &impl subxt::tx::Payload, nonce: u64) -> Vec<u8> {
		self.signer.sign(pair, call, nonce).expect("signed")
	}

	/// The next block with `extrinsics` after its inherents, each of which block building must
	/// take.
	fn build(&mut self, extrinsics: &[Vec<u8>]) -> Candidate {
		let parent = self.chain.head.clone();
		let parent_state =
			Storage { top: self.chain.host.pairs(), children_default: Default::default() };
		let number = parent.number + 1;
		let relay_parent = self.chain.relay_parent(number).expect("a parachain");
		let mut block = self.chain.start_block().expect("the block starts");
		block.apply_inherents().expect("the inherents apply");
		for xt in extrinsics {
			let applied = block.apply(xt).expect("the runtime answers");
			assert!(applied.included, "block building refused {:?}", applied.result());
		}
		let built = block.finalize().expect("the block finalises");
		Candidate {
			parent,
			parent_state,
			relay_parent,
			header: built.header,
			sealed: built.sealed_header.expect("a parachain block is sealed"),
			extrinsics: built.extrinsics,
			proof: built.proof.expect("wasmtime records a parachain block's proof"),
		}
	}
}

/// What the runtime logged before it trapped, for a rejection's reason.
fn rejected(result: Result<ValidationResult, String>) -> String {
	let Err(error) = result else { panic!("validate_block accepted the block") };
	let log = runtime_log().join("\n");
	format!("{error}\n{log}")
}

#[test]
fn valid_blocks_are_accepted_and_their_sealed_headers_are_the_new_heads() {
	let mut para = Parachain::new();
	let first = para.build(&[para.transfer(Sr25519Keyring::Alice, Sr25519Keyring::Bob, 0)]);
	let second = para.build(&[
		para.transfer(Sr25519Keyring::Alice, Sr25519Keyring::Charlie, 1),
		para.transfer(Sr25519Keyring::Bob, Sr25519Keyring::Alice, 0),
	]);
	for (candidate, transfers) in [(first, 1), (second, 2)] {
		assert_eq!(candidate.extrinsics.len(), 2 + transfers, "two inherents and the transfers");
		let (result, _) = validate(&candidate.params(candidate.pov()));
		let result = result.unwrap_or_else(|e| panic!("rejected: {e}\n{:?}", runtime_log()));
		assert_eq!(result.head_data, HeadData(candidate.sealed.encode()));
		assert_ne!(candidate.sealed, candidate.header, "the head carries the seal");
		assert_eq!(result.hrmp_watermark, candidate.relay_parent.number);
		assert_eq!(result.new_validation_code, None);
		assert!(result.upward_messages.is_empty());
	}
}

#[test]
fn a_block_whose_parent_head_is_not_its_parent_is_rejected() {
	let mut para = Parachain::new();
	let first = para.build(&[]);
	let second = para.build(&[para.transfer(Sr25519Keyring::Alice, Sr25519Keyring::Bob, 0)]);
	// The second block, offered on the genesis head instead of the first block's.
	let mut params = second.params(second.pov());
	params.parent_head = HeadData(first.parent.encode());
	let reason = rejected(validate(&params).0);
	assert!(
		reason.contains("Parachain head needs to be the parent of the first block"),
		"{reason}"
	);
}

#[test]
fn a_proof_without_a_key_the_block_reads_is_rejected() {
	let mut para = Parachain::new();
	let candidate = para.build(&[para.transfer(Sr25519Keyring::Bob, Sr25519Keyring::Dave, 0)]);
	// The proof of the block up to its inherents: Bob's account, which his transfer reads, is
	// not in it.
	let init = ("Core_initialize_block", candidate.initial_header().encode());
	let mut calls = vec![init];
	for inherent in &candidate.extrinsics[..2] {
		calls.push(("BlockBuilder_apply_extrinsic", inherent.clone()));
	}
	let proof = parachain::record_proof(&candidate.parent_state, &calls).expect("recorded");
	let pov = candidate.pov_of(&candidate.extrinsics, proof);
	let reason = rejected(validate(&candidate.params(pov)).0);
	// The state machine inside `validate_block` found no node for a key: its trie lookup error
	// reaches the runtime as a failed storage read.
	assert!(reason.contains("Externalities not allowed to fail within runtime"), "{reason}");
	// The same block with the proof recorded as it was built is valid.
	assert!(validate(&candidate.params(candidate.pov())).0.is_ok(), "{:?}", runtime_log());
}

#[test]
fn a_block_with_a_bad_seal_is_rejected() {
	let mut para = Parachain::new();
	let mut candidate = para.build(&[]);
	let seal = candidate.sealed.digest.logs.last_mut().expect("the seal");
	let DigestItem::Seal(_, signature) = seal else { panic!("the last digest is the seal") };
	signature[10] ^= 1;
	let reason = rejected(validate(&candidate.params(candidate.pov())).0);
	assert!(reason.contains("Invalid AuRa seal"), "{reason}");
}

#[test]
fn a_block_over_the_weight_limit_is_rejected() {
	let mut para = Parachain::new();
	let transfer = para.transfer(Sr25519Keyring::Alice, Sr25519Keyring::Bob, 0);
	let candidate = para.build(&[transfer]);
	// Root may book any weight for a call: more than a whole block, which block building
	// refuses and a validator must too.
	let remark = Value::unnamed_variant(
		"System",
		[Value::named_variant("remark", [("remark", Value::from_bytes(b"heavy"))])],
	);
	let weight = Value::named_composite([
		("ref_time", Value::u128(u64::MAX as u128)),
		("proof_size", Value::u128(0)),
	]);
	let heavy = subxt::dynamic::tx(
		"Sudo",
		"sudo_unchecked_weight",
		Composite::named([("call", remark), ("weight", weight)]),
	);
	let heavy = para.sign(&Sr25519Keyring::Alice.pair(), &heavy, 1);
	let refused = para.chain.start_block().expect("a block").dry_apply(&heavy).expect("answered");
	assert_eq!(
		refused,
		Err(sp_runtime::transaction_validity::InvalidTransaction::ExhaustsResources.into())
	);
	// The valid block's proof (every key the heavy call's checks read before its weight is in
	// it: Alice's account, the genesis hash), with the heavy call after the transfer.
	let extrinsics = [candidate.extrinsics.clone(), vec![heavy]].concat();
	let pov = candidate.pov_of(&extrinsics, candidate.proof.clone());
	let reason = rejected(validate(&candidate.params(pov)).0);
	assert!(reason.contains("Transaction would exhaust the block limits"), "{reason}");
}
