//! A genesis config is checked before it is built: FRAME's genesis builds assert on what they
//! cannot build (and add up balances without overflow checks), so `GenesisBuilder_build_state`
//! would trap, or mint a wrong total, where it owes its caller an error naming the problem.

use crate::{Balance, Runtime, RuntimeGenesisConfig, EXISTENTIAL_DEPOSIT};
use alloc::{collections::BTreeSet, format, string::String};
use frame_support::traits::Get;
use sp_core::hexdisplay::HexDisplay;

/// Dev accounts are derived one sr25519 key at a time inside the genesis build: a bound keeps
/// that within a node's patience and the host's heap.
pub const MAX_DEV_ACCOUNTS: u32 = 10_000;

pub fn check(config: &RuntimeGenesisConfig) -> Result<(), String> {
	let balances = &config.balances;
	let mut total: Balance = 0;
	let mut endowed = BTreeSet::new();
	for (account, balance) in &balances.balances {
		let who = HexDisplay::from(AsRef::<[u8; 32]>::as_ref(account));
		if *balance < EXISTENTIAL_DEPOSIT {
			return Err(format!(
				"balances: 0x{who} is endowed with {balance}, below the existential deposit \
				 {EXISTENTIAL_DEPOSIT}"
			));
		}
		if !endowed.insert(account) {
			return Err(format!("balances: 0x{who} is endowed twice"));
		}
		total = total.checked_add(*balance).ok_or("balances: the total issuance overflows")?;
	}
	if let Some((count, balance, derivation)) = &balances.dev_accounts {
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
	let aura: u32 = <Runtime as pallet_aura::Config>::MaxAuthorities::get();
	if config.aura.authorities.len() > aura as usize {
		return Err(format!("aura: more than {aura} authorities"));
	}
	let grandpa: u32 = <Runtime as pallet_grandpa::Config>::MaxAuthorities::get();
	if config.grandpa.authorities.len() > grandpa as usize {
		return Err(format!("grandpa: more than {grandpa} authorities"));
	}
	Ok(())
}
