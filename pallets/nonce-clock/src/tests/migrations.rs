//! The storage migrations from the `u64` clock, on chains left in each earlier layout.

use super::*;
use crate::migrations::{
	old::{self, Clock, Ticks},
	v1::MigrateV0ToV1,
	v2::MigrateV1ToV2,
};
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};

fn db() -> RuntimeDbWeight {
	<Test as frame_system::Config>::DbWeight::get()
}

/// A chain at storage version 0 after block 41, whose clock stands at 1234.
fn v0_chain() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		System::set_block_number(41);
		unhashed::put(&Ticks::<Test>::hashed_key(), &1234u64);
		StorageVersion::new(0).put::<NonceClock>();
	});
	ext
}

/// An account's record as version 1 kept it: a `u64` nonce.
fn put_v1_account(who: u64, nonce: u64, providers: u32) {
	let record = old::AccountInfo::<Test> { nonce, providers, ..Default::default() };
	unhashed::put(&Account::<Test>::hashed_key_for(who), &record);
}

/// A chain at storage version 1 whose clock stands at `ticks`, with three accounts.
fn v1_chain(ticks: u64) -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		System::set_block_number(41);
		Ticks::<Test>::put(Clock { ticks, block: 41 });
		StorageVersion::new(1).put::<NonceClock>();
		put_v1_account(1, 0, 1);
		put_v1_account(2, 1_000, 2);
		put_v1_account(3, u64::from(u32::MAX) + 5, 1);
	});
	ext
}

#[test]
fn v0_to_v1_keeps_the_ticks_stamps_the_parent_block_and_bumps_the_version() {
	v0_chain().execute_with(|| {
		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Ticks::<Test>::get(), Clock { ticks: 1234, block: 41 });
		assert_eq!(NonceClock::on_chain_storage_version(), 1);
		// Its read and write, and the version's.
		assert_eq!(weight, db().reads_writes(2, 2));
	});
}

#[test]
fn v0_to_v1_runs_once() {
	v0_chain().execute_with(|| {
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		let migrated = unhashed::get_raw(&Ticks::<Test>::hashed_key());
		System::set_block_number(50);
		assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(unhashed::get_raw(&Ticks::<Test>::hashed_key()), migrated);
	});
}

#[test]
fn v0_to_v1_starts_a_missing_clock_at_zero() {
	v0_chain().execute_with(|| {
		unhashed::kill(&Ticks::<Test>::hashed_key());
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Ticks::<Test>::get(), Clock { ticks: 0, block: 41 });
	});
}

/// Bytes that are not version 0's count (here: a clock already migrated, under a version
/// that says 0) are left as they are, never reset to a clock at zero.
#[test]
fn v0_to_v1_leaves_a_value_that_is_not_v0s_alone() {
	v0_chain().execute_with(|| {
		let v1 = Clock { ticks: 99u64, block: 7u64 };
		unhashed::put(&Ticks::<Test>::hashed_key(), &v1);
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Ticks::<Test>::get(), v1);
	});
}

#[test]
fn v1_to_v2_rewrites_every_account_and_turns_the_count_into_the_floor() {
	v1_chain(5_000).execute_with(|| {
		let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(NonceClock::on_chain_storage_version(), 2);
		assert_eq!(NonceClock::on_chain_storage_version(), NonceClock::in_code_storage_version());
		assert_eq!(Floor::<Test>::get(), 5_000);
		assert!(!unhashed::exists(&Ticks::<Test>::hashed_key()), "the count is gone");
		let nonces: Vec<(u64, u32, u32)> = Account::<Test>::iter()
			.map(|(who, account)| (who, *account.nonce, account.providers))
			.collect();
		// Each account keeps its references; a nonce past `u32::MAX` becomes the last one.
		assert_eq!(nonces.len(), 3);
		for expected in [(1, 0, 1), (2, 1_000, 2), (3, u32::MAX, 1)] {
			assert!(nonces.contains(&expected), "{expected:?} in {nonces:?}");
		}
		// The version (read, write), the count (read, kill), the floor, 3 accounts.
		assert_eq!(weight, db().reads_writes(1 + 1 + 3, 1 + 2 + 3));
		assert_eq!(*System::account_nonce(9), 5_000, "a new account starts at the old count");
	});
}

#[test]
fn v1_to_v2_saturates_a_count_past_u32() {
	v1_chain(u64::from(u32::MAX) + 1).execute_with(|| {
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Floor::<Test>::get(), u32::MAX);
	});
}

#[test]
fn v1_to_v2_runs_once_and_leaves_a_record_it_cannot_read() {
	v1_chain(5_000).execute_with(|| {
		// A record already in the new layout: four bytes short of version 1's.
		Account::<Test>::insert(
			4,
			frame_system::AccountInfo { providers: 1, ..Default::default() },
		);
		let new_layout = unhashed::get_raw(&Account::<Test>::hashed_key_for(4));
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(unhashed::get_raw(&Account::<Test>::hashed_key_for(4)), new_layout);
		let migrated = unhashed::get_raw(&Account::<Test>::hashed_key_for(2));
		assert_eq!(MigrateV1ToV2::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(unhashed::get_raw(&Account::<Test>::hashed_key_for(2)), migrated);
	});
}
