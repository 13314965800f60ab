//! FRAME's upgrade checks through the `try-runtime` build of the runtime (a fixture, never the
//! chain's code), in the executor, over the state of a chain the blob built: what a chain
//! builder runs before enacting an upgrade. The migrations of the nonce clock to storage
//! version 2 (`u32` nonces) run from state in version 1's layout with their pre- and
//! post-checks and `try_state`, fit a block, run once, and are refused where they would lose
//! the clock or an account.

use crate::{
	chain::{dev_chain, transfer, Ours},
	host::{runtime_log, Host, HostExt, Wasmtime},
	old_state::{accounts, as_version_0, as_version_1},
};
use codec::{Decode, Encode};
use frame_support::{traits::StorageVersion, weights::Weight};
use mvp_chain::fixtures::TRY_RUNTIME;
use mvp_chain_runtime::{NonceClock, Runtime};
use pallet_nonce_clock::{migrations::old::Ticks, Floor};
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

/// The state of a chain four blocks in, with transfers, written by the blob.
fn chain_state() -> Storage {
	let (mut chain, _) = dev_chain(Wasmtime::new);
	for _ in 0..4 {
		let xts = vec![chain.sign(Alice, transfer(Bob, 1_000), 0)];
		let built = chain.build_block(xts);
		assert_eq!(built.results, vec![Ok(Ok(()))]);
	}
	Storage { top: chain.host.pairs(), children_default: Default::default() }
}

fn on_chain_version(host: &mut impl Host) -> u16 {
	let raw = host.storage(&StorageVersion::storage_key::<NonceClock>()).expect("a version");
	u16::decode(&mut &raw[..]).expect("a u16")
}

fn floor(host: &mut impl Host) -> Option<u32> {
	host.read(&Floor::<Runtime>::hashed_key())
}

#[test]
fn the_clock_migrates_from_version_1_with_its_checks_and_fits_a_block() {
	let state = as_version_1(chain_state(), 1_234, 4);
	let n = accounts(&state.top) as u64;
	assert!(n >= 3, "the dev accounts: {n}");
	let mut host = Wasmtime::new(with_try_code(state));
	assert_eq!(on_chain_version(&mut host), 1);

	let (weight, max): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert!(weight.all_lte(max), "{weight} does not fit a block ({max})");
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	assert_eq!(floor(&mut host), Some(1_234), "the count is the floor");
	assert_eq!(host.storage(&Ticks::<Runtime>::hashed_key()), None);
	assert_eq!(on_chain_version(&mut host), 2);

	// Once migrated, each migration reads the version and does nothing else.
	let migrated = host.pairs();
	assert_eq!(accounts(&migrated) as u64, n);
	let (again, _): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	// Less by the count's read and kill, the floor's write, each account's read and write
	// and the version's write.
	assert_eq!(weight - again, db.reads_writes(1 + n, 3 + n), "{weight} then {again}");
	assert_eq!(host.pairs(), migrated);
}

#[test]
fn the_upgrade_checks_pass_on_the_blobs_own_state() {
	let mut host = Wasmtime::new(with_try_code(chain_state()));
	assert_eq!(on_chain_version(&mut host), 2, "genesis writes the version in the code");
	let before = floor(&mut host);
	let (weight, max): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert!(weight.all_lte(max));
	assert_eq!(floor(&mut host), before);
	assert_eq!(on_chain_version(&mut host), 2);
}

/// A storage version that says 0 over a clock already in version 1's layout, or 1 over
/// accounts already in version 2's: migrating would reset the clock or misread the accounts
/// (and let old transactions verify again). try-runtime refuses each, naming why; a clock
/// that is not there at all is not lost and migrates to a floor of zero.
#[test]
fn try_runtime_refuses_a_migration_that_would_lose_the_clock_or_an_account() {
	runtime_log(); // Starts capturing.
	let state = chain_state();
	let v1_clock =
		as_version_1(state.clone(), 99, 4).top[&Ticks::<Runtime>::hashed_key()[..]].clone();
	let mut host = Wasmtime::new(with_try_code(as_version_0(state.clone(), &v1_clock)));
	let refused =
		host.dry_call("TryRuntime_on_runtime_upgrade", &UpgradeCheckSelect::PreAndPost.encode());
	assert!(refused.is_err(), "the upgrade is refused");
	let said = runtime_log().join("\n");
	assert!(said.contains("try-runtime: the upgrade is refused"), "{said}");
	assert!(said.contains("migrating would lose it"), "{said}");

	let mut new_accounts = as_version_1(state.clone(), 99, 4);
	let prefix = crate::old_state::account_prefix();
	for (key, value) in state.top.iter().filter(|(key, _)| key.starts_with(&prefix)) {
		new_accounts.top.insert(key.clone(), value.clone());
	}
	let mut host = Wasmtime::new(with_try_code(new_accounts));
	let refused =
		host.dry_call("TryRuntime_on_runtime_upgrade", &UpgradeCheckSelect::PreAndPost.encode());
	assert!(refused.is_err(), "the upgrade is refused");
	let said = runtime_log().join("\n");
	assert!(said.contains("an account's record is not version 1's"), "{said}");

	let mut empty = as_version_0(state, &[]);
	empty.top.remove(&Ticks::<Runtime>::hashed_key()[..]);
	let mut host = Wasmtime::new(with_try_code(empty));
	let _: (Weight, Weight) = host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert_eq!(floor(&mut host), Some(0));
	assert_eq!(on_chain_version(&mut host), 2);
}

/// The state a chain on the runtime before sessions (spec 100) wrote, four validators and two
/// blocks in: sessions start from its authorities with the migration's own checks and every
/// pallet's `try_state`, fit a block, and start once.
#[test]
fn sessions_start_on_the_state_of_the_runtime_before_them() {
	use crate::sessions::chain_before_sessions;
	let mut chain = chain_before_sessions(Wasmtime::new);
	let state =
		with_try_code(Storage { top: chain.host.pairs(), children_default: Default::default() });
	let mut host = Wasmtime::new(state);
	let validators = pallet_session::Validators::<Runtime>::hashed_key();
	assert_eq!(host.storage(&validators), None, "no sessions before");

	let (weight, max): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert!(weight.all_lte(max), "{weight} does not fit a block ({max})");
	let started: Vec<mvp_chain_runtime::AccountId> = host.read(&validators).expect("validators");
	assert_eq!(started.len(), 4);
	let after = host.pairs();
	let (again, _): (Weight, Weight) =
		host.api("TryRuntime_on_runtime_upgrade", UpgradeCheckSelect::All);
	assert!(
		again.ref_time() < weight.ref_time(),
		"the second time reads only: {again} against {weight}"
	);
	assert_eq!(host.pairs(), after, "and changes nothing");
}
