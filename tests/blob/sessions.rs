//! Sessions through the blob, in every host: a validator sets its keys with a wallet's proof and
//! governance adds it; two short sessions later Aura and GRANDPA run with it; the minimum holds;
//! and an Aura equivocation report is checked in the pool's validation, then disables and
//! removes the offender.

use crate::{
	chain::{chain_at, genesis_in, sudo, Chain, Ours},
	host::{blob, in_hosts, state_with_code, Host, HostExt},
};
use codec::Encode;
use mvp_chain_runtime::{
	Header, Runtime, RuntimeCall, RuntimeEvent, SessionKeys, UncheckedExtrinsic, MIN_SESSION_BLOCKS,
};
use sp_consensus_aura::{digests::CompatibleDigestItem, sr25519::AuthorityId as AuraId};
use sp_consensus_grandpa::{AuthorityId as GrandpaId, AuthorityList};
use sp_consensus_slots::{EquivocationProof, Slot};
use sp_core::{proof_of_possession::statement_of_ownership, sr25519, storage::Storage, Pair};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::Header as _,
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidity, TransactionValidityError,
	},
	OpaqueValue,
};

fn chain<H: Host>(preset: &str, new: fn(Storage) -> H) -> Chain<H> {
	let genesis = genesis_in(&mut new(state_with_code(blob())), preset);
	chain_at(new(genesis.storage.clone()), &genesis)
}

/// `who`'s dev keys and the proof a wallet signs with them for `session.set_keys`.
fn keys_and_proof(who: Sr25519Keyring) -> (SessionKeys, Vec<u8>) {
	let ed = Ed25519Keyring::iter().find(|k| k.to_seed() == who.to_seed()).expect("a dev name");
	let statement = statement_of_ownership(who.to_account_id().as_ref());
	let proof = (who.pair().sign(&statement), ed.pair().sign(&statement)).encode();
	(SessionKeys { aura: who.public().into(), grandpa: ed.public().into() }, proof)
}

fn set_keys(keys: SessionKeys, proof: Vec<u8>) -> RuntimeCall {
	RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof })
}

fn validator_set(call: pallet_validator_set::Call<Runtime>) -> RuntimeCall {
	sudo(RuntimeCall::ValidatorSet(call))
}

/// The events of `blocks` more blocks, each in the next slot whose author is not disabled (a
/// disabled author's block is invalid; its slot stays empty).
fn events_of<H: Host>(chain: &mut Chain<H>, blocks: u32) -> Vec<RuntimeEvent> {
	let mut events = Vec::new();
	for _ in 0..blocks {
		let authorities: Vec<AuraId> = chain.host.query("AuraApi_authorities", ());
		let disabled: Vec<(u32, sp_staking::offence::OffenceSeverity)> = chain
			.host
			.read(&pallet_session::DisabledValidators::<Runtime>::hashed_key())
			.unwrap_or_default();
		let author = |chain: &Chain<H>| {
			(chain.slot(chain.head.number + 1) % authorities.len() as u64) as u32
		};
		while disabled.iter().any(|(index, _)| *index == author(chain)) {
			chain.skipped_slots += 1;
		}
		events.extend(chain.build_block(vec![]).events.into_iter().map(|r| r.event));
	}
	events
}

fn a_validator_with_its_keys_is_added_and_authors_two_short_sessions_later<H: Host>(
	new: fn(Storage) -> H,
) {
	let mut chain = chain("development", new);
	let (bob_keys, proof) = keys_and_proof(Sr25519Keyring::Bob);
	let forged = keys_and_proof(Sr25519Keyring::Charlie).1;
	let refused = chain.submit(Sr25519Keyring::Bob, set_keys(bob_keys.clone(), forged));
	assert!(
		matches!(refused.results[..], [Ok(Err(sp_runtime::DispatchError::Module(_)))]),
		"a proof signed with other keys: {:?}",
		refused.results
	);
	assert_eq!(
		chain.submit(Sr25519Keyring::Bob, set_keys(bob_keys.clone(), proof)).results,
		vec![Ok(Ok(()))]
	);
	let bob = Sr25519Keyring::Bob.to_account_id();
	let added = chain.submit(
		Sr25519Keyring::Alice,
		validator_set(pallet_validator_set::Call::add_validator { who: bob.clone() }),
	);
	assert_eq!(added.sudo_results(), vec![Ok(())]);

	let events = events_of(&mut chain, 2 * MIN_SESSION_BLOCKS + 1);
	let sessions = events
		.iter()
		.filter(|e| matches!(e, RuntimeEvent::Session(pallet_session::Event::NewSession { .. })))
		.count();
	assert_eq!(sessions, 2, "two short sessions");
	assert!(events.iter().any(|e| matches!(e,
		RuntimeEvent::ValidatorSet(pallet_validator_set::Event::SetPlanned { validators, .. })
			if validators == &vec![Sr25519Keyring::Alice.to_account_id(), bob.clone()])));
	let aura: Vec<AuraId> = chain.host.query("AuraApi_authorities", ());
	assert_eq!(aura, vec![Sr25519Keyring::Alice.public().into(), bob_keys.aura]);
	let grandpa: AuthorityList = chain.host.query("GrandpaApi_grandpa_authorities", ());
	assert_eq!(grandpa[1], (bob_keys.grandpa, 1));
	let set_id: u64 = chain.host.query("GrandpaApi_current_set_id", ());
	assert_eq!(set_id, 1, "GRANDPA changed its set once");

	// The full-length session follows: no rotation for a while.
	let quiet = events_of(&mut chain, 2 * MIN_SESSION_BLOCKS);
	assert!(!quiet.iter().any(|e| matches!(e, RuntimeEvent::Session(_))), "{quiet:?}");
}

in_hosts!(a_validator_with_its_keys_is_added_and_authors_two_short_sessions_later: wasmtime, smoldot, native);

fn the_set_never_goes_below_its_minimum<H: Host>(new: fn(Storage) -> H) {
	let mut chain = chain("development", new);
	let alice = Sr25519Keyring::Alice.to_account_id();
	let removed = chain.submit(
		Sr25519Keyring::Alice,
		validator_set(pallet_validator_set::Call::remove_validator { who: alice }),
	);
	let [Err(sp_runtime::DispatchError::Module(error))] = removed.sudo_results()[..] else {
		panic!("{:?}", removed.sudo_results())
	};
	let expected: sp_runtime::DispatchError =
		pallet_validator_set::Error::<Runtime>::TooFewValidators.into();
	let sp_runtime::DispatchError::Module(expected) = expected else { unreachable!() };
	assert_eq!((error.index, error.error), (expected.index, expected.error), "TooFewValidators");
}

in_hosts!(the_set_never_goes_below_its_minimum: wasmtime, native);

/// A header of block 1 for `slot`, told apart by `seed`, sealed by `author` as Aura seals.
fn sealed(author: Sr25519Keyring, slot: u64, seed: u8) -> Header {
	let pre =
		<DigestItem as CompatibleDigestItem<sr25519::Signature>>::aura_pre_digest(slot.into());
	let mut header = Header::new(
		1,
		[seed; 32].into(),
		[0; 32].into(),
		[0; 32].into(),
		Digest { logs: vec![pre] },
	);
	let seal = author.pair().sign(header.hash().as_ref());
	header
		.digest_mut()
		.push(<DigestItem as CompatibleDigestItem<sr25519::Signature>>::aura_seal(seal));
	header
}

/// Alice sealing two headers for one slot: a valid Aura equivocation report's proof.
pub fn aura_equivocation_report() -> EquivocationProof<Header, AuraId> {
	let slot = 1_000_001;
	let alice = Sr25519Keyring::Alice;
	EquivocationProof {
		offender: alice.public().into(),
		slot: Slot::from(slot),
		first_header: sealed(alice, slot, 1),
		second_header: sealed(alice, slot, 2),
	}
}

fn report(
	proof: EquivocationProof<Header, AuraId>,
	key_owner_proof: sp_session::MembershipProof,
) -> UncheckedExtrinsic {
	let call = pallet_equivocation::Call::report_equivocation_unsigned {
		equivocation_proof: Box::new(proof),
		key_owner_proof,
	};
	UncheckedExtrinsic::new_bare(RuntimeCall::Equivocation(call))
}

fn validate<H: Host>(
	chain: &mut Chain<H>,
	source: TransactionSource,
	xt: &UncheckedExtrinsic,
) -> TransactionValidity {
	chain.host.query("TaggedTransactionQueue_validate_transaction", (source, xt, chain.head.hash()))
}

fn an_aura_equivocation_report_is_checked_then_disables_and_removes_the_offender<H: Host>(
	new: fn(Storage) -> H,
) {
	let mut chain = chain("local_testnet", new);
	chain.build_block(vec![]);
	let charlie = Sr25519Keyring::Charlie;
	let slot = 1_000_000;
	let proof = EquivocationProof {
		offender: AuraId::from(charlie.public()),
		slot: Slot::from(slot),
		first_header: sealed(charlie, slot, 1),
		second_header: sealed(charlie, slot, 2),
	};
	let opaque: Option<OpaqueValue> = chain.host.query(
		"AuraEquivocationApi_generate_key_ownership_proof",
		(Slot::from(slot), proof.offender.clone()),
	);
	let key_owner_proof: sp_session::MembershipProof =
		opaque.expect("Charlie is a validator").decode().unwrap();
	let grandpa_proof: Option<OpaqueValue> = chain.host.query(
		"GrandpaApi_generate_key_ownership_proof",
		(0u64, GrandpaId::from(Ed25519Keyring::Charlie.public())),
	);
	assert!(grandpa_proof.is_some(), "GRANDPA's reports can be proven too");

	let mut forged = proof.clone();
	forged.second_header = sealed(Sr25519Keyring::Dave, slot, 2);
	assert_eq!(
		validate(&mut chain, TransactionSource::Local, &report(forged, key_owner_proof.clone())),
		Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
	);
	let xt = report(proof, key_owner_proof);
	assert_eq!(
		validate(&mut chain, TransactionSource::External, &xt),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Call)),
		"another node's report"
	);
	assert!(validate(&mut chain, TransactionSource::Local, &xt).is_ok());

	let built = chain.build_block(vec![xt.clone()]);
	assert_eq!(built.results, vec![Ok(Ok(()))]);
	let events: Vec<_> = built.events.into_iter().map(|r| r.event).collect();
	assert!(events.iter().any(|e| matches!(e, RuntimeEvent::Offences(pallet_offences::Event::Offence { kind, .. }) if kind == b"aura:equivocatio")));
	assert!(events.iter().any(|e| matches!(e, RuntimeEvent::Session(pallet_session::Event::ValidatorDisabled { validator }) if validator == &charlie.to_account_id())));
	assert!(events.iter().any(|e| matches!(e, RuntimeEvent::ValidatorSet(pallet_validator_set::Event::OffenderRemoved { who }) if who == &charlie.to_account_id())));
	assert_eq!(
		validate(&mut chain, TransactionSource::Local, &xt),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Stale)),
		"the same report again"
	);

	events_of(&mut chain, 2 * MIN_SESSION_BLOCKS + 1);
	let aura: Vec<AuraId> = chain.host.query("AuraApi_authorities", ());
	assert_eq!(aura.len(), 3);
	assert!(!aura.contains(&charlie.public().into()), "Charlie is out");
}

in_hosts!(an_aura_equivocation_report_is_checked_then_disables_and_removes_the_offender: wasmtime, native);

/// The runtime chains ran before sessions (spec 100: fixed Aura and GRANDPA authorities).
pub const BEFORE_SESSIONS: &[u8] =
	include_bytes!("../fixtures/mvp_chain_runtime-100.compact.compressed.wasm");

/// A chain of four validators on that runtime, two blocks in, in `new`.
pub fn chain_before_sessions<H: Host>(new: fn(Storage) -> H) -> Chain<H> {
	let genesis = genesis_in(&mut new(state_with_code(BEFORE_SESSIONS)), "local_testnet");
	let mut chain = chain_at(new(genesis.storage.clone()), &genesis);
	for _ in 0..2 {
		chain.build_block(vec![]);
	}
	chain
}

fn a_chain_before_sessions_upgrades_and_its_authorities_validate_on<H: Host>(
	new: fn(Storage) -> H,
) {
	let mut chain = chain_before_sessions(new);
	assert_eq!(chain.version.spec_version, 100);
	let authorities: Vec<AuraId> = chain.host.query("AuraApi_authorities", ());
	let grandpa: AuthorityList = chain.host.query("GrandpaApi_grandpa_authorities", ());
	let upgrade = sudo(RuntimeCall::System(frame_system::Call::set_code { code: blob().to_vec() }));
	assert_eq!(chain.submit(Sr25519Keyring::Alice, upgrade).sudo_results(), vec![Ok(())]);
	chain.version = chain.host.query("Core_version", ());
	assert_eq!(chain.version.spec_version, 101);

	// The first block on the new code starts the sessions with the authorities it had.
	let events = events_of(&mut chain, 1);
	assert!(
		events.iter().any(|e| matches!(e, RuntimeEvent::Historical(_))),
		"roots stored: {events:?}"
	);
	let validators: Vec<mvp_chain_runtime::AccountId> =
		chain.host.read(&pallet_session::Validators::<Runtime>::hashed_key()).expect("validators");
	use Sr25519Keyring::{Alice, Bob, Charlie, Dave};
	assert_eq!(validators, [Alice, Bob, Charlie, Dave].map(|k| k.to_account_id()).to_vec());

	// Sessions go by, their full length, and nothing changes for Aura or GRANDPA.
	let events = events_of(&mut chain, mvp_chain_runtime::SESSION_BLOCKS + 1);
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::Session(pallet_session::Event::NewSession { session_index: 1 })
	)));
	assert!(!events.iter().any(|e| matches!(e, RuntimeEvent::Grandpa(_))), "no GRANDPA set change");
	let (aura_now, grandpa_now, set_id): (Vec<AuraId>, AuthorityList, u64) = (
		chain.host.query("AuraApi_authorities", ()),
		chain.host.query("GrandpaApi_grandpa_authorities", ()),
		chain.host.query("GrandpaApi_current_set_id", ()),
	);
	assert_eq!((aura_now, grandpa_now, set_id), (authorities, grandpa, 0));

	// And the set changes from there as on a chain born with sessions.
	let bob = Sr25519Keyring::Bob.to_account_id();
	let removed = chain.submit(
		Sr25519Keyring::Alice,
		validator_set(pallet_validator_set::Call::remove_validator { who: bob }),
	);
	assert_eq!(removed.sudo_results(), vec![Ok(())]);
	events_of(&mut chain, 2 * MIN_SESSION_BLOCKS + 1);
	let (aura_now, set_id): (Vec<AuraId>, u64) = (
		chain.host.query("AuraApi_authorities", ()),
		chain.host.query("GrandpaApi_current_set_id", ()),
	);
	assert_eq!((aura_now.len(), set_id), (3, 1), "Bob is out, in one GRANDPA set change");
}

// Not native: the native runtime is this source's, not the one before sessions.
in_hosts!(a_chain_before_sessions_upgrades_and_its_authorities_validate_on: wasmtime, smoldot);
