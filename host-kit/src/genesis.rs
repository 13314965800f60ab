//! Genesis built by the blob itself, as `chain-spec-builder` and a node do: the runtime's
//! default config with a preset's patch merged in (RFC-0097), then `GenesisBuilder_build_state`;
//! or, for node-template-era runtimes without presets, `create_default_config`/`build_config`.

use crate::{
	blob,
	host::{Host, HostExt},
	Header,
};
use codec::Encode;
use serde_json::Value;
use sp_core::{crypto::Ss58Codec, storage::Storage, H256};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Header as _},
	AccountId32,
};
use sp_version::RuntimeVersion;

#[derive(Clone, Debug)]
pub struct Genesis {
	pub storage: Storage,
	pub header: Header,
}

impl Genesis {
	pub fn hash(&self) -> H256 {
		self.header.hash()
	}
}

/// Which preset a genesis config starts from.
#[derive(Clone, Copy, Debug)]
pub enum Preset<'a> {
	/// This one; a runtime without it is an error.
	Named(&'a str),
	/// This one where the runtime has it, else the default config (for foreign blobs).
	IfAny(&'a str),
}

/// The genesis config `preset` describes, read from the blob in `host` (which holds its
/// `:code`): the default config with the preset's patch merged in.
pub fn config(host: &mut impl Host, preset: Preset) -> Result<Value, String> {
	let exports = exports(host)?;
	if !exports.iter().any(|e| e == "GenesisBuilder_get_preset") {
		if exports.iter().any(|e| e == "GenesisBuilder_create_default_config") {
			let default: Vec<u8> = host.try_query("GenesisBuilder_create_default_config", ())?;
			return json(&default);
		}
		return Err("the blob has no GenesisBuilder API".into());
	}
	let default: Option<Vec<u8>> = host.try_query("GenesisBuilder_get_preset", None::<String>)?;
	let mut config = json(&default.ok_or("the runtime has no default genesis config")?)?;
	let name = match preset {
		Preset::Named(name) | Preset::IfAny(name) => name,
	};
	let patch: Option<Vec<u8>> =
		host.try_query("GenesisBuilder_get_preset", Some(name.to_string()))?;
	match (patch, preset) {
		(Some(patch), _) => sc_chain_spec::json_merge(&mut config, json(&patch)?),
		(None, Preset::Named(name)) => return Err(format!("the runtime has no preset {name:?}")),
		(None, Preset::IfAny(_)) => {},
	}
	Ok(config)
}

/// Genesis built from `config` by the blob in `host`, which holds only its `:code`; the host is
/// left holding the genesis state.
pub fn build(host: &mut impl Host, config: &Value) -> Result<Genesis, String> {
	let version: RuntimeVersion = host.try_query("Core_version", ())?;
	let config = serde_json::to_vec(config).expect("a JSON value serialises");
	let method = if exports(host)?.iter().any(|e| e == "GenesisBuilder_build_state") {
		"GenesisBuilder_build_state"
	} else {
		"GenesisBuilder_build_config"
	};
	let out = host.call(method, &config.encode()).map_err(|e| format!("{method}: {e}"))?;
	let built: Result<(), String> = crate::host::decode_exact(method, &out)?;
	built.map_err(|e| format!("{method} refused the config: {e}"))?;
	let state_version = version.state_version();
	let state_root = host.state_root(state_version);
	let extrinsics_root = BlakeTwo256::ordered_trie_root(Vec::new(), state_version);
	let header = Header::new(0, extrinsics_root, state_root, H256::zero(), Default::default());
	let storage = Storage { top: host.pairs(), children_default: Default::default() };
	Ok(Genesis { storage, header })
}

/// Adds `funded` to `balances.balances`, the list every `pallet-balances` genesis config has.
pub fn fund(config: &mut Value, funded: &[(AccountId32, u64)]) -> Result<(), String> {
	let balances = config
		.get_mut("balances")
		.and_then(|b| b.get_mut("balances"))
		.and_then(Value::as_array_mut)
		.ok_or(
			"the genesis config has no balances.balances list (is pallet-balances in the runtime?)",
		)?;
	balances.extend(funded.iter().map(|(who, amount)| {
		Value::from(vec![Value::from(who.to_ss58check()), Value::from(*amount)])
	}));
	Ok(())
}

fn exports(host: &mut impl Host) -> Result<Vec<String>, String> {
	let code = host.storage(sp_core::storage::well_known_keys::CODE).ok_or("no :code in state")?;
	blob::exports(&code)
}

fn json(bytes: &[u8]) -> Result<Value, String> {
	serde_json::from_slice(bytes).map_err(|e| format!("the genesis config is not JSON: {e}"))
}
