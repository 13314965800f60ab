//! Genesis built by the blob itself, with the bench's senders funded: the current
//! `GenesisBuilder` API (`get_preset` / `build_state`) where the blob has it, else the older
//! one (`create_default_config` / `build_config`) of node-template-era runtimes.

use super::{executor::Executor, runtime::Runtime, wasmtime::Wasmtime};
use codec::{Decode, Encode};
use mvp_chain::genesis_patch::merge;
use serde_json::Value;
use sp_core::{crypto::Ss58Codec, storage::Storage, H256};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Header as _},
	AccountId32,
};

pub type Header = sp_runtime::generic::Header<u64, BlakeTwo256>;

pub struct Genesis {
	pub storage: Storage,
	pub header: Header,
}

impl Genesis {
	pub fn hash(&self) -> H256 {
		self.header.hash()
	}
}

/// The preset a chain builder's dev chain uses, when the blob has it.
const PRESET: &str = "development";

/// Genesis from the blob's default config, its `development` preset if it has one, then
/// `patch` (the user's, for what a runtime's defaults leave unset), then the funded senders,
/// built in `host`, which holds only the blob's `:code`.
pub fn build(
	runtime: &Runtime,
	host: &mut Wasmtime,
	patch: Option<&Value>,
	funded: &[(AccountId32, u64)],
) -> Result<Genesis, String> {
	let label = &runtime.label;
	let mut call = |method: &str, input: Vec<u8>, keep: bool| -> Result<Vec<u8>, String> {
		host.call(method, &input, &|_| keep)
			.map(|(out, _)| out)
			.map_err(|e| format!("{label}: {e}"))
	};
	let current = runtime.exports.contains("GenesisBuilder_get_preset");
	let mut config: Value = if current {
		let default = Option::<Vec<u8>>::decode(
			&mut &call("GenesisBuilder_get_preset", None::<String>.encode(), false)?[..],
		)
		.map_err(|e| format!("{label}: get_preset answer: {e}"))?
		.ok_or(format!("{label}: no default genesis config"))?;
		let mut config = json(&default)?;
		let preset = call("GenesisBuilder_get_preset", Some(PRESET.to_string()).encode(), false)?;
		if let Ok(Some(patch)) = Option::<Vec<u8>>::decode(&mut &preset[..]) {
			merge(&mut config, json(&patch)?);
		}
		config
	} else if runtime.exports.contains("GenesisBuilder_create_default_config") {
		let default = Vec::<u8>::decode(
			&mut &call("GenesisBuilder_create_default_config", Vec::new(), false)?[..],
		)
		.map_err(|e| format!("{label}: create_default_config answer: {e}"))?;
		json(&default)?
	} else {
		return Err(format!("{label}: the blob has no GenesisBuilder API"));
	};
	if let Some(patch) = patch {
		merge(&mut config, patch.clone());
	}
	fund(&mut config, funded).map_err(|e| format!("{label}: {e}"))?;
	let config = serde_json::to_vec(&config).expect("a JSON value serialises");
	let method = if current { "GenesisBuilder_build_state" } else { "GenesisBuilder_build_config" };
	let built = Result::<(), String>::decode(&mut &call(method, config.encode(), true)?[..])
		.map_err(|e| format!("{label}: {method} answer: {e}"))?;
	built.map_err(|e| format!("{label}: {method} refused the config: {e}"))?;

	let state_version = runtime.version.state_version();
	let state_root = H256::decode(&mut &host.storage_root(state_version)[..]).expect("32 bytes");
	let extrinsics_root = BlakeTwo256::ordered_trie_root(Vec::new(), state_version);
	let header = Header::new(0, extrinsics_root, state_root, H256::zero(), Default::default());
	let storage = Storage { top: host.pairs(), children_default: Default::default() };
	Ok(Genesis { storage, header })
}

fn json(bytes: &[u8]) -> Result<Value, String> {
	serde_json::from_slice(bytes).map_err(|e| format!("the genesis config is not JSON: {e}"))
}

/// Adds `funded` to `balances.balances`, the list every `pallet-balances` genesis config has.
fn fund(config: &mut Value, funded: &[(AccountId32, u64)]) -> Result<(), String> {
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
