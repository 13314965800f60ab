//! A genesis config is checked before it is built: FRAME's genesis builds assert on what they
//! cannot build, so `GenesisBuilder_build_state` would trap, or mis-build, where it owes its
//! caller an error naming the problem. Balances are checked as the parachain checks them
//! (`mvp_chain_runtime_common::genesis`); the validators here.

use crate::{Runtime, RuntimeGenesisConfig};
use alloc::{collections::BTreeSet, format, string::String};
use frame_support::traits::Get;
use mvp_chain_runtime_common::genesis::{check_balances, name};

pub use mvp_chain_runtime_common::genesis::MAX_DEV_ACCOUNTS;

pub fn check(config: &RuntimeGenesisConfig) -> Result<(), String> {
	check_balances(&config.balances)?;
	check_validators(config)
}

/// The validator set and its keys, which Session hands Aura and GRANDPA: their own authority
/// lists must be empty (they assert it), and every validator needs one set of keys of its own.
fn check_validators(config: &RuntimeGenesisConfig) -> Result<(), String> {
	if !config.aura.authorities.is_empty() || !config.grandpa.authorities.is_empty() {
		return Err("aura and grandpa: their authorities come from the validators' session keys \
		            (session.keys, validatorSet.validators); leave theirs empty"
			.into());
	}
	let validators = &config.validator_set.validators;
	let min: u32 = <Runtime as pallet_validator_set::Config>::MinValidators::get();
	let max: u32 = <Runtime as pallet_validator_set::Config>::MaxValidators::get();
	if !(min as usize..=max as usize).contains(&validators.len()) {
		return Err(format!("validatorSet: {} validators, not {min} to {max}", validators.len()));
	}
	let mut seen = BTreeSet::new();
	for validator in validators {
		if !seen.insert(validator) {
			return Err(format!("validatorSet: {} is a validator twice", name(validator)));
		}
	}
	let (mut accounts, mut aura, mut grandpa) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
	for (account, validator, keys) in &config.session.keys {
		if account != validator {
			return Err(format!(
				"session: the keys of {} are for validator {}: a validator's id is its account",
				name(account),
				name(validator)
			));
		}
		if !accounts.insert(account) {
			return Err(format!("session: {} has keys twice", name(account)));
		}
		if !aura.insert(&keys.aura) || !grandpa.insert(&keys.grandpa) {
			return Err(format!("session: {}'s keys are another validator's too", name(account)));
		}
	}
	if let Some(keyless) = validators.iter().find(|v| !accounts.contains(v)) {
		return Err(format!(
			"validatorSet: {} has no session keys (session.keys): it could not author",
			name(keyless)
		));
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{AccountId, Balance, SessionKeys, EXISTENTIAL_DEPOSIT, UNIT};

	fn account(n: u8) -> AccountId {
		AccountId::new([n; 32])
	}

	fn refused(config: &RuntimeGenesisConfig) -> String {
		check(config).expect_err("the config is refused")
	}

	fn with_balances(balances: Vec<(AccountId, Balance)>) -> RuntimeGenesisConfig {
		let mut config = with_validators(1);
		config.balances.balances = balances;
		config
	}

	#[test]
	fn a_sound_config_passes() {
		assert_eq!(check(&with_balances(vec![(account(1), UNIT), (account(2), UNIT)])), Ok(()));
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

	fn with_validators(n: u8) -> RuntimeGenesisConfig {
		let mut config = RuntimeGenesisConfig::default();
		for i in 1..=n {
			let keys = SessionKeys {
				aura: sp_core::sr25519::Public::from_raw([i; 32]).into(),
				grandpa: sp_core::ed25519::Public::from_raw([i; 32]).into(),
			};
			config.session.keys.push((account(i), account(i), keys));
			config.validator_set.validators.push(account(i));
		}
		config
	}

	#[test]
	fn validators_with_their_keys_pass_and_what_session_would_mis_build_is_named() {
		assert_eq!(check(&with_validators(4)), Ok(()));
		let none = refused(&with_validators(0));
		assert_eq!(none, "validatorSet: 0 validators, not 1 to 32");
		assert_eq!(refused(&with_validators(33)), "validatorSet: 33 validators, not 1 to 32");

		let mut twice = with_validators(2);
		twice.validator_set.validators.push(account(1));
		assert!(refused(&twice).ends_with("is a validator twice"));

		let mut keyless = with_validators(2);
		keyless.validator_set.validators.push(account(9));
		let error = refused(&keyless);
		assert!(error.contains("0x0909") && error.contains("has no session keys"), "{error}");

		let mut shared = with_validators(2);
		shared.session.keys[1].2.grandpa = shared.session.keys[0].2.grandpa.clone();
		assert!(refused(&shared).ends_with("keys are another validator's too"));

		let mut other = with_validators(2);
		other.session.keys[1].1 = account(7);
		assert!(refused(&other).contains("a validator's id is its account"));

		let mut direct = with_validators(1);
		direct.aura.authorities = vec![sp_core::sr25519::Public::from_raw([1; 32]).into()];
		assert!(refused(&direct).contains("leave theirs empty"));
	}
}
