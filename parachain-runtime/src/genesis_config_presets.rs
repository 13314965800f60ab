//! Named genesis configurations (`GenesisBuilder` presets) for development networks. A
//! parachain's id is its relay chain's to give: `mvp-chain chain-spec --para-id` sets it in
//! both the genesis (`parachainInfo`) and the spec's extension.

use crate::{AuraConfig, BalancesConfig, ParachainInfoConfig, RuntimeGenesisConfig, SudoConfig};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use mvp_chain_runtime_common::genesis::{dev_sudo, endowed_dev_accounts};
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

/// The id the presets register under: the first a relay chain gives a non-system parachain.
pub const DEFAULT_PARA_ID: u32 = 2000;

fn testnet_genesis(collators: &[Sr25519Keyring], para_id: u32) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed_dev_accounts() },
		parachain_info: ParachainInfoConfig { parachain_id: ParaId::from(para_id) },
		aura: AuraConfig { authorities: collators.iter().map(|k| k.public().into()).collect() },
		sudo: SudoConfig { key: Some(dev_sudo()) },
	})
}

/// One collator (Alice), Alice as sudo, every well-known dev account endowed.
pub fn development() -> Value {
	testnet_genesis(&[Sr25519Keyring::Alice], DEFAULT_PARA_ID)
}

/// Two collators (Alice, Bob), Alice as sudo, every well-known dev account endowed.
pub fn local_testnet() -> Value {
	testnet_genesis(&[Sr25519Keyring::Alice, Sr25519Keyring::Bob], DEFAULT_PARA_ID)
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
