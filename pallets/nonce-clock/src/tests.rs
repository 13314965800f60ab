use crate::{mock::*, CheckNonce, Floor, NONCE_EXHAUSTED};
use codec::Encode;
use frame_system::Account;
use std::collections::BTreeMap;

mod check_nonce;
mod migrations;

/// `now` reads the floor without `get`; it must read what `get` reads, whatever is stored.
#[test]
fn the_floor_reads_as_get_reads_it() {
	new_test_ext().execute_with(|| {
		let key = Floor::<Test>::hashed_key();
		assert_eq!(NonceClock::now(), 0, "no floor yet");
		for (stored, floor) in [
			(u32::MAX.encode(), u32::MAX),
			(7u32.encode(), 7),
			// Too short to decode: the default, as `ValueQuery` gives.
			(vec![7; 3], 0),
			// Longer than a `u32`: read from its start, as `get` decodes it.
			([5u32.encode(), vec![9; 40]].concat(), 5),
		] {
			sp_io::storage::set(&key, &stored);
			assert_eq!(NonceClock::now(), Floor::<Test>::get());
			assert_eq!(NonceClock::now(), floor);
		}
	});
}

#[test]
fn a_new_account_starts_at_the_floor_and_an_old_one_keeps_its_nonce() {
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		assert_eq!(*System::account_nonce(1), 0, "accounts made before any reap start at 0");
		Floor::<Test>::put(1_000);
		System::inc_providers(&7);
		assert_eq!(*System::account_nonce(7), 1_000);
		assert_eq!(*System::account_nonce(1), 0);
		assert!(!Account::<Test>::contains_key(9));
		assert_eq!(*System::account_nonce(9), 1_000, "an absent account answers the floor");
	});
}

/// Reaped through either reference count, an account raises the floor to the nonce it held;
/// a lower one leaves it where it is.
#[test]
fn a_reaped_account_raises_the_floor_to_its_nonce_and_never_lowers_it() {
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		for _ in 0..5 {
			System::inc_account_nonce(1);
		}
		System::dec_providers(&1).unwrap();
		assert!(!Account::<Test>::contains_key(1));
		assert_eq!(Floor::<Test>::get(), 5);

		System::inc_sufficients(&2);
		assert_eq!(*System::account_nonce(2), 5);
		for _ in 0..3 {
			System::inc_account_nonce(2);
		}
		System::dec_sufficients(&2);
		assert!(!Account::<Test>::contains_key(2));
		assert_eq!(Floor::<Test>::get(), 8);

		// An account made at 0 before any reap, reaped with a nonce below the floor.
		Account::<Test>::mutate(3, |account| {
			account.providers = 1;
			account.nonce = 2u32.into();
		});
		System::dec_providers(&3).unwrap();
		assert_eq!(Floor::<Test>::get(), 8);
	});
}

/// An account still referenced is not reaped and does not move the floor.
#[test]
fn an_account_that_lives_on_leaves_the_floor_alone() {
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		System::inc_providers(&1);
		System::inc_account_nonce(1);
		System::dec_providers(&1).unwrap();
		assert!(Account::<Test>::contains_key(1));
		assert_eq!(Floor::<Test>::get(), 0);
	});
}

/// Accounts that sign, are reaped and are created again, through providers and sufficients,
/// in random order: every new life starts above every nonce an earlier life of the same
/// account used.
#[test]
fn no_life_reuses_a_nonce_of_an_earlier_life() {
	let mut totals = Lives::default();
	for seed in 1..=300 {
		new_test_ext().execute_with(|| {
			let mut lives = Lives { rng: seed, ..Default::default() };
			for _ in 0..400 {
				lives.step();
			}
			totals.signed += lives.signed;
			totals.rebirths += lives.rebirths;
		});
	}
	// The seeds are fixed: 25,956 transactions and 12,426 rebirths; the floors catch a
	// generator that stopped signing or reaping.
	assert!(totals.signed >= 20_000, "{} transactions", totals.signed);
	assert!(totals.rebirths >= 10_000, "{} rebirths", totals.rebirths);
}

const ACCOUNTS: u64 = 3;

#[derive(Default)]
struct Lives {
	rng: u64,
	/// The highest nonce each account has used, over all its lives.
	used: BTreeMap<u64, u32>,
	signed: u64,
	rebirths: u64,
}

impl Lives {
	fn below(&mut self, n: u64) -> u64 {
		// xorshift64: deterministic per seed, no dependency.
		self.rng ^= self.rng << 13;
		self.rng ^= self.rng >> 7;
		self.rng ^= self.rng << 17;
		self.rng % n
	}

	fn step(&mut self) {
		let who = self.below(ACCOUNTS);
		let exists = Account::<Test>::contains_key(who);
		match (self.below(6), exists) {
			(0 | 1, true) => {
				// Signs a transaction: CheckNonce uses the nonce and moves to the next.
				let nonce = *System::account_nonce(who);
				self.used.insert(who, nonce);
				System::inc_account_nonce(who);
				self.signed += 1;
			},
			(2, true) => self.reap(who),
			(3, _) => {
				if exists {
					System::inc_providers(&who);
				} else {
					self.create(who, false);
				}
			},
			(4, false) => self.create(who, true),
			_ => {},
		}
	}

	fn create(&mut self, who: u64, sufficient: bool) {
		if sufficient {
			System::inc_sufficients(&who);
		} else {
			System::inc_providers(&who);
		}
		let start = *System::account_nonce(who);
		if let Some(&used) = self.used.get(&who) {
			assert!(start > used, "account {who} reborn at {start}, but it used {used}");
			self.rebirths += 1;
		}
	}

	/// Drops every reference: the account dies through whichever count goes last.
	fn reap(&mut self, who: u64) {
		while Account::<Test>::get(who).sufficients > 0 {
			System::dec_sufficients(&who);
		}
		while Account::<Test>::contains_key(who) {
			System::dec_providers(&who).unwrap();
		}
	}
}

/// A transaction with the last nonce is refused, whoever signs it; the one before lands.
#[test]
fn the_last_nonce_is_refused_and_nothing_wraps() {
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		Account::<Test>::mutate(1, |account| account.nonce = (u32::MAX - 1).into());
		check_nonce::apply(1, u32::MAX - 1).unwrap();
		assert_eq!(*System::account_nonce(1), u32::MAX);
		assert_eq!(
			check_nonce::validate(1, u32::MAX).unwrap_err(),
			sp_runtime::transaction_validity::InvalidTransaction::Custom(NONCE_EXHAUSTED).into()
		);
		assert_eq!(
			check_nonce::apply(1, u32::MAX),
			Err(sp_runtime::transaction_validity::InvalidTransaction::Custom(NONCE_EXHAUSTED)
				.into())
		);
		assert_eq!(*System::account_nonce(1), u32::MAX, "never back to 0");
		// The same end for an account created once the floor is there.
		Floor::<Test>::put(u32::MAX);
		System::inc_providers(&2);
		assert_eq!(
			check_nonce::validate(2, u32::MAX).unwrap_err(),
			sp_runtime::transaction_validity::InvalidTransaction::Custom(NONCE_EXHAUSTED).into()
		);
	});
}

/// The wrapper is frame-system's extension for wallets: the same identifier, bytes and type.
#[test]
fn check_nonce_looks_like_frame_systems() {
	use scale_info::TypeInfo;
	use sp_runtime::traits::TransactionExtension;
	type Ours = CheckNonce<Test>;
	type Theirs = frame_system::CheckNonce<Test>;
	assert_eq!(
		<Ours as TransactionExtension<RuntimeCall>>::IDENTIFIER,
		<Theirs as TransactionExtension<RuntimeCall>>::IDENTIFIER
	);
	assert_eq!(Ours::type_info(), Theirs::type_info());
	assert_eq!(
		scale_info::meta_type::<Ours>().type_id(),
		scale_info::meta_type::<Theirs>().type_id()
	);
	for nonce in [0u32, 63, 64, 1 << 14, u32::MAX] {
		assert_eq!(Ours::from(nonce.into()).encode(), Theirs::from(nonce.into()).encode());
	}
}
