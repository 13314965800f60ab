//! FRAME's upgrade checks through the `try-runtime` build of the runtime (a fixture, never the
//! chain's code), in the executor, over the state of a chain the blob built: what a chain
//! builder runs before enacting an upgrade. The migration of the nonce clock to storage
//! version 1 runs from state in version 0's layout with its pre- and post-checks and
//! `try_state`, fits a block, runs once, and is refused where it would lose the clock.

use crate::{
	chain::{dev_chain, transfer, Ours},
	host::{runtime_log, Host, HostExt, Wasmtime},
};
use codec::{Decode, Encode};
use frame_support::{traits::StorageVersion, weights::Weight};
use mvp_chain::fixtures::TRY_RUNTIME;
use mvp_chain_runtime::{NonceClock, Runtime};
use pallet_nonce_clock::{Clock, Ticks};
use sp_core::storage::{well_known_keys, Storage};
use sp_keyring::Sr25519Keyring::{Alice, Bob};

/// `frame_support`'s `UpgradeCheckSelect` and `TryStateSelect`, which exist in a build with
/// `try-runtime` only (the native build has none), encoded alike.
#[derive(Encode)]
#[allow(dead_code)]
pub enum UpgradeCheckSelect {
	None,
	All,
	PreAndPost,
	TryState,
}

#[derive(Encode)]
#[allow(dead_code)]
pub enum TryStateSelect {
	None,
	All,
}

pub fn try_blob() -> &'static [u8] {
	TRY_RUNTIME.expect("fixtures are built with the blob")
}

/// `state` with the try-runtime build as its code.
pub fn with_try_code(mut state: Storage) -> Storage {
	state.top.insert(well_known_keys::CODE.to_vec(), try_blob().to_vec());
	state
}

/// The state of a chain four blocks in, with transfers, written by the blob: block 4 is the
/// head, the clock has counted every extrinsic.
fn chain_state() -> (Storage, Clock<u32>) {
	let (mut chain, _) = dev_chain(Wasmtime::new);
	for _ in 0..4 {
		let xts = vec![chain.sign(Alice, transfer(Bob, 1_000), 0)];
		let built = chain.build_block(xts);
		assert_eq!(built.results, vec![Ok(Ok(()))]);
	}
	let clock = chain.host.read(&Ticks::<Runtime>::hashed_key()).expect("a clock");
	let state = Storage { top: chain.host.pairs(), children_default: Default::default() };
	(state, clock)
}

/// `state` as storage version 0 of the nonce clock wrote it: the bare count.
fn as_version_0(mut state: Storage, ticks: &[u8]) -> Storage {
	state.top.insert(Ticks::<Runtime>::hashed_key().to_vec(), ticks.to_vec());
	let version = StorageVersion::storage_key::<NonceClock>().to_vec();
	state.top.insert(version, StorageVersion::new(0).encode());
	state
}

fn on_chain_version(host: &mut impl Host) -> u16 {
	let raw = host.storage(&StorageVersion::storage_key::<NonceClock>()).expect("a version");
	u16::decode(&mut &raw[..]).expect("a u16")
}

#[test]
fn the_clock_migrates_from_version_0_with_its_checks_and_fits_a_block() {
	let (state, clock) = chain_state();
	assert_eq!(clock.block, 4);
	assert!(clock.ticks >= 8, "two extrinsics a block: {clock:?}");
	let mut host = Wasmtime::new(with_try_code(as_version_0(state, &clock.ticks.encode())));
	assert_eq!(on_chain_version(&mut host), 0);

	let (weight, max): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert!(weight.all_lte(max), "{weight} does not fit a block ({max})");
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	assert!(weight.all_gte(db.reads_writes(2, 2)), "the migration's reads and writes: {weight}");
	assert_eq!(host.read(&Ticks::<Runtime>::hashed_key()), Some(clock), "the same clock");
	assert_eq!(on_chain_version(&mut host), 1);

	// Once migrated, the migration reads the version and does nothing else.
	let migrated = host.pairs();
	let (again, _): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	// Less by the clock's read and write and the version's write.
	assert_eq!(weight - again, db.reads_writes(1, 2), "{weight} then {again}");
	assert_eq!(host.pairs(), migrated);
}

#[test]
fn the_upgrade_checks_pass_on_the_blobs_own_state() {
	let (state, clock) = chain_state();
	let mut host = Wasmtime::new(with_try_code(state));
	assert_eq!(on_chain_version(&mut host), 1, "genesis writes the version in the code");
	let (weight, max): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert!(weight.all_lte(max));
	assert_eq!(host.read(&Ticks::<Runtime>::hashed_key()), Some(clock));
}

/// A storage version that says 0 over a clock already in version 1's layout: migrating would
/// reset the clock (and let old transactions verify again). try-runtime refuses it, naming why;
/// a clock that is not there at all is not lost and migrates to zero.
#[test]
fn try_runtime_refuses_a_migration_that_would_lose_the_clock() {
	runtime_log(); // Starts capturing.
	let (state, clock) = chain_state();
	let mut host = Wasmtime::new(with_try_code(as_version_0(state.clone(), &clock.encode())));
	let refused =
		host.dry_call("TryRuntime_on_runtime_upgrade", &UpgradeCheckSelect::PreAndPost.encode());
	assert!(refused.is_err(), "the upgrade is refused");
	let said = runtime_log().join("\n");
	assert!(said.contains("try-runtime: the upgrade is refused"), "{said}");
	assert!(said.contains("migrating would lose it"), "{said}");

	let mut empty = as_version_0(state, &[]);
	empty.top.remove(&Ticks::<Runtime>::hashed_key()[..]);
	let mut host = Wasmtime::new(with_try_code(empty));
	let _: (Weight, Weight) = host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	let zero = Clock { ticks: 0, block: 4 };
	assert_eq!(host.read(&Ticks::<Runtime>::hashed_key()), Some(zero));
}
