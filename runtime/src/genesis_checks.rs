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

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{AccountId, UNIT};

	fn account(n: u8) -> AccountId {
		AccountId::new([n; 32])
	}

	fn with_balances(balances: Vec<(AccountId, Balance)>) -> RuntimeGenesisConfig {
		let mut config = RuntimeGenesisConfig::default();
		config.balances.balances = balances;
		config
	}

	fn refused(config: &RuntimeGenesisConfig) -> String {
		check(config).expect_err("the config is refused")
	}

	#[test]
	fn a_sound_config_passes() {
		assert_eq!(check(&with_balances(vec![(account(1), UNIT), (account(2), UNIT)])), Ok(()));
		assert_eq!(check(&RuntimeGenesisConfig::default()), Ok(()));
	}

	#[test]
	fn balances_that_frame_would_mis_build_are_named() {
		let dust = refused(&with_balances(vec![(account(1), EXISTENTIAL_DEPOSIT - 1)]));
		assert!(
			dust.contains("0x0101") && dust.contains("below the existential deposit"),
			"{dust}"
		);
		let twice = refused(&with_balances(vec![(account(1), UNIT), (account(1), UNIT)]));
		assert!(twice.ends_with("is endowed twice"), "{twice}");
		let overflow =
			refused(&with_balances(vec![(account(1), Balance::MAX), (account(2), UNIT)]));
		assert_eq!(overflow, "balances: the total issuance overflows");
	}

	#[test]
	fn dev_accounts_are_bounded() {
		let mut config = with_balances(vec![(account(1), UNIT)]);
		for (dev, expected) in [
			((0, UNIT, None), "not 1 to 10000"),
			((MAX_DEV_ACCOUNTS + 1, UNIT, None), "not 1 to 10000"),
			((1, EXISTENTIAL_DEPOSIT - 1, None), "below the existential deposit"),
			((1, UNIT, Some("//Dev".into())), "has no `{}` for the index"),
			((2, Balance::MAX / 2, None), "the total issuance overflows"),
		] {
			config.balances.dev_accounts = Some(dev);
			let error = refused(&config);
			assert!(error.contains(expected), "{error}");
		}
		config.balances.dev_accounts = Some((MAX_DEV_ACCOUNTS, UNIT, Some("//dev/{}".into())));
		assert_eq!(check(&config), Ok(()));
	}

	#[test]
	fn more_authorities_than_the_pallets_hold_are_refused() {
		let mut config = RuntimeGenesisConfig::default();
		config.aura.authorities =
			(0..33).map(|n| sp_core::sr25519::Public::from_raw([n; 32]).into()).collect();
		assert_eq!(refused(&config), "aura: more than 32 authorities");
		config.aura.authorities.truncate(32);
		config.grandpa.authorities =
			(0..33).map(|n| (sp_core::ed25519::Public::from_raw([n; 32]).into(), 1)).collect();
		assert_eq!(refused(&config), "grandpa: more than 32 authorities");
	}
}
