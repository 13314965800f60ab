//! Runtime upgrades through `:code`, in both executors (natively up to the upgrade): `sudo(system.set_code)` and the
//! `authorize_upgrade` + `apply_authorized_upgrade` path land and the chain goes on with the new
//! code; a same or lower `spec_version`, another `spec_name` or bytes that are no runtime are
//! refused with a clear dispatch error and the chain goes on with the old code.

use crate::{
	chain::{dev_chain, sudo, transfer, Chain, Ours, OursBlock},
	host::{blob, in_hosts, Host, HostExt, Native},
	old_state,
};
use codec::Encode;
use frame_support::traits::StorageVersion;
use mvp_chain::fixtures::{FOREIGN_SPEC_NAME, NEXT_SPEC_VERSION};
use mvp_chain_runtime::{Block, NonceClock, Runtime, RuntimeCall, RuntimeEvent, SystemCall, UNIT};
use pallet_nonce_clock::{migrations::old::Ticks, Floor};
use sc_executor_common::runtime_blob::RuntimeBlob;
use sp_core::storage::{well_known_keys, Storage};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	traits::Hash, transaction_validity::InvalidTransaction, DispatchError, StateVersion::V1,
};
use sp_version::RuntimeVersion;

fn next_blob() -> &'static [u8] {
	NEXT_SPEC_VERSION.expect("fixtures are built with the blob")
}

/// The version in the custom sections of the chain's `:code`, as a node reads it.
fn code_version<H: Host>(chain: &mut Chain<H>) -> RuntimeVersion {
	let code = chain.host.storage(well_known_keys::CODE).expect(":code");
	let blob = RuntimeBlob::uncompress_if_needed(&code).expect("a runtime");
	sc_executor::read_embedded_version(&blob).expect("sections decode").expect("sections present")
}

fn set_code(code: &[u8]) -> RuntimeCall {
	sudo(RuntimeCall::System(SystemCall::set_code { code: code.to_vec() }))
}

/// A block with one transfer each way between Alice and Bob, which must both land.
fn transfers_work<H: Host>(chain: &mut Chain<H>) -> Block {
	let xts =
		vec![chain.sign(Alice, transfer(Bob, UNIT), 0), chain.sign(Bob, transfer(Alice, UNIT), 0)];
	let built = chain.build_block(xts);
	assert_eq!(built.results, vec![Ok(Ok(())), Ok(Ok(()))]);
	built.block
}

fn set_code_upgrades_and_the_chain_goes_on<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, genesis) = dev_chain(new);
	let mut blocks = vec![transfers_work(&mut chain)];
	let old_version = chain.version.clone();
	let (alice, bob) = (Alice.to_account_id(), Bob.to_account_id());
	let (alice_nonce, bob_before) = (chain.nonce(alice.clone()), chain.account(bob.clone()));

	let upgrade = chain.sign(Alice, set_code(next_blob()), 0);
	let built = chain.build_block(vec![upgrade]);
	assert_eq!(built.sudo_results(), vec![Ok(())]);
	assert!(built.code_updated(), "CodeUpdated: {:?}", built.events);
	assert_eq!(chain.host.storage(well_known_keys::CODE).as_deref(), Some(next_blob()));
	blocks.push(built.block);

	let reported: RuntimeVersion = chain.host.query("Core_version", ());
	assert_eq!(reported.spec_version, old_version.spec_version + 1);
	assert_eq!(reported.spec_name, old_version.spec_name);
	assert_eq!(code_version(&mut chain).spec_version, reported.spec_version);
	// The new code reads the state the old code wrote.
	assert_eq!(*chain.nonce(alice.clone()), *alice_nonce + 1);
	assert_eq!(chain.account(bob.clone()), bob_before);

	// A transaction signed for the old spec version no longer verifies; new ones land.
	let stale_spec = chain.sign(Alice, transfer(Bob, UNIT), 0);
	assert_eq!(chain.validate(&stale_spec.encode()), Err(InvalidTransaction::BadProof.into()));
	chain.version = reported;
	blocks.push(transfers_work(&mut chain));

	// Importing the blocks switches runtimes the way authoring did.
	let mut importer = new(genesis.storage.clone());
	for block in &blocks {
		importer.call("Core_execute_block", &block.encode()).expect("the block imports");
		assert_eq!(importer.state_root(V1), block.header.state_root);
	}
}

/// The state an old runtime (storage version 0 of the nonce clock, `u64` nonces) leaves when
/// its block has just set the new code: version 0's bare count and every account's record in
/// the old layout, written here as that runtime wrote them, and `:code` replaced. The new
/// runtime's first block migrates them (0 to 1 to 2) before its own extrinsics run, which
/// then sign with the nonces the accounts had; no later block migrates again.
fn an_upgrade_runs_the_migrations_once_in_its_first_block<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	transfers_work(&mut chain);
	let alice_nonce = chain.nonce(Alice.to_account_id());
	assert_eq!(*alice_nonce, 1);
	let state = Storage { top: chain.host.pairs(), children_default: Default::default() };
	let mut state = old_state::as_version_0(state, &1_234u64.encode());
	state.top.insert(well_known_keys::CODE.to_vec(), next_blob().to_vec());
	chain.host.reset(&state);
	let version = |chain: &mut Chain<H>| -> u16 {
		chain.host.read(&StorageVersion::storage_key::<NonceClock>()).expect("a version")
	};
	assert_eq!(version(&mut chain), 0);
	chain.version = chain.host.query("Core_version", ());
	assert_eq!(chain.version.spec_version, 102);

	transfers_work(&mut chain);
	assert_eq!(version(&mut chain), 2);
	assert_eq!(chain.host.read::<u32>(&Floor::<Runtime>::hashed_key()), Some(1_234));
	assert_eq!(chain.host.storage(&Ticks::<Runtime>::hashed_key()), None, "the count is gone");
	assert_eq!(*chain.nonce(Alice.to_account_id()), *alice_nonce + 1);
	let migrated = chain.host.pairs();
	assert_eq!(old_state::accounts(&migrated), old_state::accounts(&state.top), "none lost");
	transfers_work(&mut chain);
	assert_eq!(version(&mut chain), 2);
	assert_eq!(chain.host.read::<u32>(&Floor::<Runtime>::hashed_key()), Some(1_234));
	assert_eq!(*chain.nonce(Alice.to_account_id()), *alice_nonce + 2);
}

fn authorized_upgrade_lands<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let hash = <Runtime as frame_system::Config>::Hashing::hash(next_blob());
	let authorize = sudo(RuntimeCall::System(SystemCall::authorize_upgrade { code_hash: hash }));
	let built = chain.submit(Alice, authorize);
	assert_eq!(built.sudo_results(), vec![Ok(())]);
	assert!(built.events.iter().any(|r| matches!(
		r.event,
		RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash, check_version: true })
			if code_hash == hash
	)));
	assert_eq!(chain.host.storage(well_known_keys::CODE).as_deref(), Some(blob()));

	// Anyone may apply the authorised code: here Bob, who is not sudo.
	let apply =
		RuntimeCall::System(SystemCall::apply_authorized_upgrade { code: next_blob().to_vec() });
	let built = chain.submit(Bob, apply);
	assert_eq!(built.results, vec![Ok(Ok(()))]);
	assert!(built.code_updated());
	let reported: RuntimeVersion = chain.host.query("Core_version", ());
	assert_eq!(reported.spec_version, chain.version.spec_version + 1);
	chain.version = reported;
	transfers_work(&mut chain);
}

fn bad_upgrades_are_refused_and_the_chain_goes_on<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	refused_upgrades(&mut chain);

	// After an upgrade, the old blob is a lower spec_version.
	let built = chain.submit(Alice, set_code(next_blob()));
	assert_eq!(built.sudo_results(), vec![Ok(())]);
	chain.version = chain.host.query("Core_version", ());
	let built = chain.submit(Alice, set_code(blob()));
	assert_eq!(built.sudo_results(), refused(frame_system::Error::SpecVersionNeedsToIncrease));
	assert_eq!(chain.host.storage(well_known_keys::CODE).as_deref(), Some(next_blob()));
	transfers_work(&mut chain);
}

fn refused(error: frame_system::Error<Runtime>) -> Vec<Result<(), DispatchError>> {
	vec![Err(DispatchError::from(error))]
}

/// A same `spec_version`, another `spec_name` and bytes that are no runtime are each refused,
/// and the chain goes on with its code; returns the blocks built.
fn refused_upgrades<H: Host>(chain: &mut Chain<H>) -> Vec<Block> {
	let mut blocks = Vec::new();
	let cases: [(&str, Vec<u8>, frame_system::Error<Runtime>); 3] = [
		("same spec_version", blob().to_vec(), frame_system::Error::SpecVersionNeedsToIncrease),
		(
			"another spec_name",
			FOREIGN_SPEC_NAME.unwrap().to_vec(),
			frame_system::Error::InvalidSpecName,
		),
		(
			"not a runtime",
			b"\0asm but not really".to_vec(),
			frame_system::Error::FailedToExtractRuntimeVersion,
		),
	];
	for (what, code, error) in cases {
		let built = chain.submit(Alice, set_code(&code));
		assert_eq!(built.sudo_results(), refused(error), "{what}");
		assert!(!built.code_updated(), "{what}");
		assert_eq!(chain.host.storage(well_known_keys::CODE).as_deref(), Some(blob()), "{what}");
		blocks.extend([built.block, transfers_work(chain)]);
	}
	blocks
}

/// A block that changes `:code` runs its parent's code to the end; a block abandoned half-way
/// (its scope left without finalising, as a test that fails does) leaves no code pinned.
fn an_abandoned_block_leaves_no_code_pinned<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let upgrade = chain.sign(Alice, set_code(next_blob()), 0);
	{
		let mut block = chain.start_block().expect("initialize_block");
		block.apply_inherents().expect("the inherents are accepted");
		assert_eq!(block.apply_xt(&upgrade), Ok(Ok(())));
		let running: RuntimeVersion = block.host.query("Core_version", ());
		assert_eq!(running.spec_version, 101, "the open block runs its parent's code");
	}
	let running: RuntimeVersion = chain.host.query("Core_version", ());
	assert_eq!(running.spec_version, 102, "the abandoned block left its parent's code pinned");
}

in_hosts!(set_code_upgrades_and_the_chain_goes_on: wasmtime, smoldot);
in_hosts!(an_upgrade_runs_the_migrations_once_in_its_first_block: wasmtime, smoldot);
in_hosts!(authorized_upgrade_lands: wasmtime, smoldot);
in_hosts!(bad_upgrades_are_refused_and_the_chain_goes_on: wasmtime, smoldot);
in_hosts!(an_abandoned_block_leaves_no_code_pinned: wasmtime, smoldot);

/// Natively, bad upgrades are refused as in the executors, and a good one lands; the native
/// runtime cannot run the code it lands, and from there every call says so, in authoring and
/// in import alike.
#[test]
fn native_runs_up_to_an_upgrade_and_then_says_it_cannot_follow() {
	let (mut chain, genesis) = dev_chain(Native::new);
	let mut blocks = refused_upgrades(&mut chain);
	let built = chain.submit(Alice, set_code(next_blob()));
	assert_eq!(built.sudo_results(), vec![Ok(())]);
	assert!(built.code_updated());
	blocks.push(built.block);
	let stop = chain.host.dry_call("Core_version", &[]).expect_err("native cannot run 102");
	assert!(stop.contains("`:code` holds mvp-chain 102"), "{stop}");
	assert!(stop.contains("native execution cannot follow"), "{stop}");

	let mut importer = Native::new(genesis.storage.clone());
	for block in &blocks {
		importer.call("Core_execute_block", &block.encode()).expect("the block imports");
		assert_eq!(importer.state_root(V1), block.header.state_root);
	}
	let after = importer.dry_call("Core_version", &[]).expect_err("native cannot run 102");
	assert_eq!(after, stop);
}
