use crate::{mock::*, Clock, Ticks};
use codec::Encode;
use frame_system::Account;
use std::collections::BTreeMap;

/// The clock in every phase of three blocks, one of them empty.
#[test]
fn the_clock_counts_the_extrinsics_begun() {
	struct Readings(Vec<u64>);
	impl BlockPhases for Readings {
		fn initialize(&mut self, _: u64) {
			self.0.push(NonceClock::now());
		}
		fn extrinsic(&mut self, _: u32) {
			self.0.push(NonceClock::now());
		}
		fn finalize(&mut self) {
			self.0.push(NonceClock::now());
		}
	}
	new_test_ext().execute_with(|| {
		Ticks::<Test>::put(Clock { ticks: 10, block: 0 });
		let mut readings = Readings(Vec::new());
		run_block(1, 3, &mut readings);
		run_block(2, 0, &mut readings);
		run_block(3, 1, &mut readings);
		assert_eq!(readings.0, [10, 11, 12, 13, 13, 13, 13, 13, 14, 14]);
		// Outside any block, as a wallet's `AccountNonceApi` query runs.
		assert_eq!(NonceClock::now(), 14);
		assert_eq!(Ticks::<Test>::get(), Clock { ticks: 14, block: 3 });
	});
}

/// `now` reads the clock without `get`; it must read what `get` reads, whatever is stored.
#[test]
fn the_clock_reads_as_get_reads_it() {
	new_test_ext().execute_with(|| {
		let key = Ticks::<Test>::hashed_key();
		assert_eq!(NonceClock::now(), 0, "no clock yet");
		for (stored, ticks) in [
			(Clock { ticks: u64::MAX, block: u64::MAX }.encode(), u64::MAX),
			// Too short to decode: the default, as `ValueQuery` gives.
			(vec![7; 3], 0),
			// Longer than the clock: read from its start, as `get` decodes it.
			([Clock { ticks: 5, block: 1u64 }.encode(), vec![9; 40]].concat(), 5),
		] {
			sp_io::storage::set(&key, &stored);
			assert_eq!(NonceClock::now(), Ticks::<Test>::get().ticks);
			assert_eq!(NonceClock::now(), ticks);
		}
	});
}

#[test]
fn a_new_account_starts_at_the_clock_and_an_old_one_keeps_its_nonce() {
	struct CreateInThird;
	impl BlockPhases for CreateInThird {
		fn initialize(&mut self, _: u64) {}
		fn extrinsic(&mut self, index: u32) {
			if index == 2 {
				System::inc_providers(&7);
				System::inc_account_nonce(7);
			}
		}
		fn finalize(&mut self) {}
	}
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		assert_eq!(*System::account_nonce(1), 0, "genesis accounts start at 0");
		Ticks::<Test>::put(Clock { ticks: 1_000, block: 0 });
		run_block(1, 4, &mut CreateInThird);
		assert_eq!(*System::account_nonce(7), 1_003 + 1);
		assert_eq!(*System::account_nonce(1), 0);
		assert!(!Account::<Test>::contains_key(9));
		assert_eq!(*System::account_nonce(9), 1_004, "an absent account answers the clock");
	});
}

#[test]
fn post_transactions_charges_its_weight_in_on_initialize() {
	use crate::WeightInfo;
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		assert_eq!(NonceClock::on_initialize(1), <() as WeightInfo>::post_transactions());
	});
}

/// Accounts that sign, are reaped and are created again, in every phase of random blocks,
/// several lives within one block and within one extrinsic: every new life starts above
/// every nonce an earlier life of the same account used.
#[test]
fn no_life_reuses_a_nonce_of_an_earlier_life() {
	let mut totals = Lives::default();
	for seed in 1..=300 {
		new_test_ext().execute_with(|| {
			let mut lives = Lives { rng: seed, ..Default::default() };
			for number in 1..=20 {
				let extrinsics = lives.below(12) as u32;
				run_block(number, extrinsics, &mut lives);
			}
			totals.signed += lives.signed;
			totals.rebirths += lives.rebirths;
			totals.same_extrinsic += lives.same_extrinsic;
		});
	}
	assert!(totals.signed >= 10_000, "{} transactions", totals.signed);
	assert!(totals.rebirths >= 3_000, "{} rebirths", totals.rebirths);
	assert!(
		totals.same_extrinsic >= 100,
		"{} reborn in their last extrinsic",
		totals.same_extrinsic
	);
}

const ACCOUNTS: u64 = 3;

#[derive(Default)]
struct Lives {
	rng: u64,
	/// The highest nonce each account has used, over all its lives.
	used: BTreeMap<u64, u64>,
	signed: u64,
	rebirths: u64,
	same_extrinsic: u64,
}

impl Lives {
	fn below(&mut self, n: u64) -> u64 {
		// xorshift64: deterministic per seed, no dependency.
		self.rng ^= self.rng << 13;
		self.rng ^= self.rng >> 7;
		self.rng ^= self.rng << 17;
		self.rng % n
	}

	fn create(&mut self, who: u64) -> bool {
		if Account::<Test>::contains_key(who) {
			return false;
		}
		System::inc_providers(&who);
		let start = *System::account_nonce(who);
		if let Some(&used) = self.used.get(&who) {
			assert!(start > used, "account {who} reborn at {start}, but it used {used}");
			self.rebirths += 1;
		}
		true
	}

	fn reap(&mut self, who: u64) {
		if Account::<Test>::contains_key(who) {
			System::dec_providers(&who).unwrap();
			assert!(!Account::<Test>::contains_key(who));
		}
	}

	/// Creations and reapings any hook or call might do.
	fn churn(&mut self) {
		for _ in 0..self.below(3) {
			let who = self.below(ACCOUNTS);
			if self.below(2) == 0 {
				self.create(who);
			} else {
				self.reap(who);
			}
		}
	}
}

impl BlockPhases for Lives {
	fn initialize(&mut self, _: u64) {
		self.churn();
	}

	/// At most one signer per extrinsic, as CheckNonce sees it; its call may then reap it and
	/// fund it again, and touch other accounts.
	fn extrinsic(&mut self, _: u32) {
		let who = self.below(ACCOUNTS);
		if Account::<Test>::contains_key(who) {
			let nonce = *System::account_nonce(who);
			self.used.insert(who, nonce);
			System::inc_account_nonce(who);
			self.signed += 1;
			if self.below(4) == 0 {
				self.reap(who);
				if self.below(2) == 0 && self.create(who) {
					self.same_extrinsic += 1;
				}
			}
		}
		self.churn();
	}

	fn finalize(&mut self) {
		self.churn();
	}
}

mod migration_to_v1 {
	use super::*;
	use crate::migrations::v1::MigrateV0ToV1;
	use frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		weights::RuntimeDbWeight,
	};

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

	fn db() -> RuntimeDbWeight {
		<Test as frame_system::Config>::DbWeight::get()
	}

	#[test]
	fn keeps_the_ticks_stamps_the_parent_block_and_bumps_the_version() {
		v0_chain().execute_with(|| {
			assert_eq!(NonceClock::on_chain_storage_version(), 0);
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Ticks::<Test>::get(), Clock { ticks: 1234, block: 41 });
			assert_eq!(NonceClock::on_chain_storage_version(), 1);
			assert_eq!(
				NonceClock::on_chain_storage_version(),
				NonceClock::in_code_storage_version()
			);
			// Its read and write, and the version's.
			assert_eq!(weight, db().reads_writes(2, 2));
			// New accounts start at the migrated clock.
			assert_eq!(NonceClock::now(), 1234);
		});
	}

	#[test]
	fn runs_once() {
		v0_chain().execute_with(|| {
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			let migrated = unhashed::get_raw(&Ticks::<Test>::hashed_key());
			System::set_block_number(50);
			assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db().reads(1));
			assert_eq!(unhashed::get_raw(&Ticks::<Test>::hashed_key()), migrated);
			assert_eq!(Ticks::<Test>::get(), Clock { ticks: 1234, block: 41 });
		});
	}

	#[test]
	fn a_chain_without_a_clock_starts_one_at_zero() {
		v0_chain().execute_with(|| {
			unhashed::kill(&Ticks::<Test>::hashed_key());
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Ticks::<Test>::get(), Clock { ticks: 0, block: 41 });
		});
	}

	/// Bytes that are not version 0's count (here: a clock already migrated, under a version
	/// that says 0) are left as they are, never reset to a clock at zero.
	#[test]
	fn a_value_that_is_not_v0s_is_left_alone() {
		v0_chain().execute_with(|| {
			let v1 = Clock { ticks: 99u64, block: 7u64 };
			unhashed::put(&Ticks::<Test>::hashed_key(), &v1);
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Ticks::<Test>::get(), v1);
		});
	}
}
