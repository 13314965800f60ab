//! Chain specs for the mvp-chain runtime, built by `sc-chain-spec` over the embedded blob: one of
//! its genesis presets, or a network of given validators, sudo key and endowments. The tool
//! (`mvp-chain chain-spec`) writes them; the node (`--dev`, `--chain local`) starts from them.

mod amount;
mod keys;
mod network;

pub use amount::parse_amount;
pub use keys::{parse_account, parse_validator, Validator};
pub use network::{Endowment, Network};
pub use sc_chain_spec::ChainType;

use sc_chain_spec::{GenericChainSpec, Properties};
use serde::{Deserialize, Serialize};

/// The chain-spec extensions polkadot-omni-node reads (`relay_chain`, `para_id`), present only
/// when asked for; our node ignores them.
#[derive(Clone, Debug, Default, Serialize, Deserialize, sc_chain_spec::ChainSpecExtension)]
#[serde(default)]
pub struct Extensions {
	#[serde(skip_serializing_if = "Option::is_none")]
	pub relay_chain: Option<String>,
	#[serde(skip_serializing_if = "Option::is_none")]
	pub para_id: Option<u32>,
}

impl Extensions {
	pub fn parachain(relay_chain: String, para_id: u32) -> Self {
		Self { relay_chain: Some(relay_chain), para_id: Some(para_id) }
	}
}

pub type ChainSpec = GenericChainSpec<Extensions>;

/// The peer-to-peer protocol id every network of this chain uses.
pub const PROTOCOL_ID: &str = "mvp";

/// The blob the binary embeds: a spec's `:code`.
pub fn blob() -> Result<&'static [u8], String> {
	mvp_chain::WASM_BINARY
		.ok_or("this build skipped the blob (SKIP_WASM_BUILD is set); rebuild without it".into())
}

/// A preset name as users write it: `dev` and `local` are short for the runtime's
/// `development` and `local_testnet`, as a Substrate node's `--dev` and `--chain local` are.
pub fn preset_name(name: &str) -> &str {
	match name {
		"dev" => sc_chain_spec::DEV_RUNTIME_PRESET,
		"local" => sc_chain_spec::LOCAL_TESTNET_RUNTIME_PRESET,
		other => other,
	}
}

/// The spec of the runtime's genesis preset `preset` (`dev` and `local` accepted), named and
/// typed after it unless `name`, `id` or `chain_type` say otherwise.
pub fn from_preset(
	preset: &str,
	name: Option<&str>,
	id: Option<&str>,
	chain_type: Option<ChainType>,
	extensions: Extensions,
) -> Result<ChainSpec, String> {
	from_preset_of(blob()?, preset, name, id, chain_type, extensions)
}

/// As [`from_preset`], over another build of the runtime (`code`, compressed or not): the one a
/// live chain runs, say, to rehearse an upgrade from it, or the parachain's. A parachain
/// runtime's spec (one whose genesis has `parachainInfo`) needs the parachain extensions, and
/// its genesis takes their para id: the id the relay chain knows it by.
pub fn from_preset_of(
	code: &[u8],
	preset: &str,
	name: Option<&str>,
	id: Option<&str>,
	chain_type: Option<ChainType>,
	extensions: Extensions,
) -> Result<ChainSpec, String> {
	let preset = preset_name(preset);
	let runtime = sc_chain_spec::GenesisConfigBuilderRuntimeCaller::<()>::new(code);
	let presets = runtime.preset_names()?;
	if !presets.iter().any(|p| p == preset) {
		return Err(format!("the runtime has no preset {preset:?}; it has {presets:?}"));
	}
	let parachain = runtime.get_default_config()?.get("parachainInfo").is_some();
	let local = preset == sc_chain_spec::LOCAL_TESTNET_RUNTIME_PRESET;
	let default_name = match (parachain, local) {
		(false, true) => "MVP Chain Local Testnet",
		(false, false) => "MVP Chain Development",
		(true, true) => "MVP Parachain Local Testnet",
		(true, false) => "MVP Parachain Development",
	};
	let default_type = if local { ChainType::Local } else { ChainType::Development };
	let para_id = extensions.para_id;
	let builder = ChainSpec::builder(code, extensions)
		.with_name(name.unwrap_or(default_name))
		.with_id(id.unwrap_or(preset))
		.with_chain_type(chain_type.unwrap_or(default_type))
		.with_protocol_id(PROTOCOL_ID)
		.with_properties(properties());
	if !parachain {
		return Ok(builder.with_genesis_config_preset_name(preset).build());
	}
	let para_id = para_id.ok_or(
		"the runtime is a parachain's: its spec needs --relay-chain and --para-id (the id the \
		 relay chain registers it under)",
	)?;
	let mut genesis = runtime.get_named_preset(Some(&preset.to_string()))?;
	genesis["parachainInfo"]["parachainId"] = para_id.into();
	Ok(builder.with_genesis_config_patch(genesis).build())
}

/// What wallets show: the token and the address format, as the runtime declares them.
pub fn properties() -> Properties {
	use mvp_chain_runtime::chain_properties::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}
