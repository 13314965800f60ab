//! Named genesis configurations (`GenesisBuilder` presets) for development networks.

use crate::{
	AccountId, BalancesConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig,
	ValidatorSetConfig,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use mvp_chain_runtime_common::genesis::{dev_sudo, endowed_dev_accounts};
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

pub use mvp_chain_runtime_common::genesis::ENDOWMENT;

/// A validator's account and its session keys: Aura (sr25519) and GRANDPA (ed25519) from the
/// same dev seed as the account.
pub fn dev_validator((sr, ed): (Sr25519Keyring, Ed25519Keyring)) -> (AccountId, SessionKeys) {
	(sr.to_account_id(), SessionKeys { aura: sr.public().into(), grandpa: ed.public().into() })
}

fn testnet_genesis(authorities: &[(Sr25519Keyring, Ed25519Keyring)], sudo: AccountId) -> Value {
	let validators: Vec<_> = authorities.iter().copied().map(dev_validator).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed_dev_accounts() },
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|(account, _)| account.clone()).collect(),
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|(account, keys)| (account.clone(), account, keys))
				.collect(),
		},
		sudo: SudoConfig { key: Some(sudo) },
	})
}

/// One authority (Alice), Alice as sudo, every well-known dev account endowed.
pub fn development() -> Value {
	testnet_genesis(&[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)], dev_sudo())
}

/// The local network's four validators (Alice, Bob, Charlie, Dave): GRANDPA finalizes with any
/// three of them, so one may be down. Alice as sudo, every well-known dev account endowed.
pub fn local_testnet() -> Value {
	use {Ed25519Keyring as Ed, Sr25519Keyring as Sr};
	testnet_genesis(
		&[
			(Sr::Alice, Ed::Alice),
			(Sr::Bob, Ed::Bob),
			(Sr::Charlie, Ed::Charlie),
			(Sr::Dave, Ed::Dave),
		],
		dev_sudo(),
	)
}

/// The JSON patch of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	Some(serde_json::to_vec(&patch).expect("a JSON value always serialises"))
}

pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::genesis_checks;

	/// The preset applied to the default config, as a node merges it before
	/// `GenesisBuilder_build_state` (sc-chain-spec's merge).
	fn config(id: &str) -> RuntimeGenesisConfig {
		let patch = get_preset(&PresetId::from(id)).expect("a preset");
		let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
		sc_chain_spec::json_merge(&mut json, serde_json::from_slice(&patch).unwrap());
		serde_json::from_value(json).expect("the preset fits the config's shape")
	}

	#[test]
	fn every_named_preset_is_a_sound_config() {
		let names = preset_names();
		assert_eq!(names.len(), 2);
		for (name, authorities) in [(DEV_RUNTIME_PRESET, 1), (LOCAL_TESTNET_RUNTIME_PRESET, 4)] {
			assert!(names.contains(&PresetId::from(name)), "{name} is listed");
			let config = config(name);
			assert_eq!(genesis_checks::check(&config), Ok(()), "{name}");
			assert_eq!(config.validator_set.validators.len(), authorities, "{name}");
			assert_eq!(config.session.keys.len(), authorities, "{name}");
			assert_eq!(config.sudo.key, Some(Sr25519Keyring::Alice.to_account_id()), "{name}");
			let endowed = &config.balances.balances;
			assert_eq!(endowed.len(), Sr25519Keyring::well_known().count(), "{name}");
			assert!(endowed.iter().all(|(_, balance)| *balance == ENDOWMENT), "{name}");
		}
		assert_eq!(get_preset(&PresetId::from("staging")), None);
	}
}
