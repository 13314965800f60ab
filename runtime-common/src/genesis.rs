//! Genesis: the dev accounts both runtimes' presets endow, and the check of a config's balances
//! both runtimes run before building it. FRAME's balances genesis asserts on what it cannot
//! build (and adds up balances without overflow checks), so `GenesisBuilder_build_state` would
//! trap, or mint a wrong total, where it owes its caller an error naming the problem.

use crate::{AccountId, Balance, EXISTENTIAL_DEPOSIT, UNIT};
use alloc::{collections::BTreeSet, format, string::String, vec::Vec};
use sp_core::hexdisplay::HexDisplay;
use sp_keyring::Sr25519Keyring;

/// What every well-known dev account starts with: a million tokens.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// Dev accounts are derived one sr25519 key at a time inside the genesis build: a bound keeps
/// that within a node's patience and the host's heap.
pub const MAX_DEV_ACCOUNTS: u32 = 10_000;

/// Every well-known dev account (Alice to Ferdie and their stashes), endowed.
pub fn endowed_dev_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::well_known().map(|k| (k.to_account_id(), ENDOWMENT)).collect()
}

/// The sudo key of the dev presets.
pub fn dev_sudo() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

/// An account as errors name it: its public key in hex.
pub fn name(account: &AccountId) -> String {
	format!("0x{}", HexDisplay::from(AsRef::<[u8; 32]>::as_ref(account)))
}

/// `balances.balances` and `balances.devAccounts` of a genesis config: each endowment at least
/// the existential deposit, no account twice, a bounded number of dev accounts, and a total
/// issuance that fits.
pub fn check_balances<Runtime>(
	config: &pallet_balances::GenesisConfig<Runtime>,
) -> Result<(), String>
where
	Runtime:
		pallet_balances::Config<Balance = Balance> + frame_system::Config<AccountId = AccountId>,
{
	let mut total: Balance = 0;
	let mut endowed = BTreeSet::new();
	for (account, balance) in &config.balances {
		if *balance < EXISTENTIAL_DEPOSIT {
			return Err(format!(
				"balances: {} is endowed with {balance}, below the existential deposit \
				 {EXISTENTIAL_DEPOSIT}",
				name(account)
			));
		}
		if !endowed.insert(account) {
			return Err(format!("balances: {} is endowed twice", name(account)));
		}
		total = total.checked_add(*balance).ok_or("balances: the total issuance overflows")?;
	}
	if let Some((count, balance, derivation)) = &config.dev_accounts {
		if !(1..=MAX_DEV_ACCOUNTS).contains(count) {
			return Err(format!(
				"balances: devAccounts asks for {count} accounts, not 1 to {MAX_DEV_ACCOUNTS}"
			));
		}
		if *balance < EXISTENTIAL_DEPOSIT {
			return Err(format!(
				"balances: devAccounts' balance {balance} is below the existential deposit"
			));
		}
		if derivation.as_ref().is_some_and(|d| !d.contains("{}")) {
			return Err("balances: the devAccounts derivation has no `{}` for the index".into());
		}
		balance
			.checked_mul(Balance::from(*count))
			.and_then(|dev| total.checked_add(dev))
			.ok_or("balances: the total issuance overflows")?;
	}
	Ok(())
}
