//! `mvp-chain chain-spec`: a chain spec (plain or raw) for the embedded blob and one of its
//! genesis presets, built by `sc-chain-spec` as `chain-spec-builder` does.

use sc_chain_spec::{ChainType, GenericChainSpec, GenesisConfigBuilderRuntimeCaller, Properties};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Options {
	/// Genesis preset of the runtime.
	#[arg(long, default_value = sc_chain_spec::DEV_RUNTIME_PRESET)]
	preset: String,
	/// Write the raw spec (genesis storage), what nodes and chopsticks load.
	#[arg(long)]
	raw: bool,
	/// Chain name [default: "MVP Chain Development" / "MVP Chain Local Testnet"].
	#[arg(long)]
	name: Option<String>,
	/// Chain id [default: the preset name].
	#[arg(long)]
	id: Option<String>,
	/// Chain type [default: from the preset].
	#[arg(long, value_enum)]
	chain_type: Option<Kind>,
	/// Add the `relay_chain` extension polkadot-omni-node requires.
	#[arg(long, requires = "para_id")]
	relay_chain: Option<String>,
	/// Add the `para_id` extension (with --relay-chain).
	#[arg(long, requires = "relay_chain")]
	para_id: Option<u32>,
	/// Write to FILE instead of standard output.
	#[arg(long, value_name = "FILE")]
	output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
	Development,
	Local,
	Live,
}

/// The chain-spec extensions `polkadot-omni-node` reads.
#[derive(Clone, Serialize, Deserialize)]
struct ParachainExtensions {
	relay_chain: String,
	para_id: u32,
}

type ChainSpec = GenericChainSpec<Option<ParachainExtensions>>;

pub fn run(options: &Options) -> Result<(), String> {
	let json = chain_spec(options)?;
	match &options.output {
		Some(path) => std::fs::write(path, json + "\n")
			.map_err(|e| format!("writing {}: {e}", path.display())),
		None => {
			println!("{json}");
			Ok(())
		},
	}
}

fn chain_spec(options: &Options) -> Result<String, String> {
	let code = crate::embedded_blob()?;
	let presets = GenesisConfigBuilderRuntimeCaller::<()>::new(code).preset_names()?;
	if !presets.contains(&options.preset) {
		return Err(format!("the runtime has no preset {:?}; it has {presets:?}", options.preset));
	}
	let local = options.preset == sc_chain_spec::LOCAL_TESTNET_RUNTIME_PRESET;
	let name = options.name.clone().unwrap_or_else(|| {
		if local { "MVP Chain Local Testnet" } else { "MVP Chain Development" }.to_string()
	});
	let chain_type = match options.chain_type {
		Some(Kind::Development) => ChainType::Development,
		Some(Kind::Local) => ChainType::Local,
		Some(Kind::Live) => ChainType::Live,
		None if local => ChainType::Local,
		None => ChainType::Development,
	};
	let extensions = options
		.relay_chain
		.clone()
		.zip(options.para_id)
		.map(|(relay_chain, para_id)| ParachainExtensions { relay_chain, para_id });

	ChainSpec::builder(code, extensions)
		.with_name(&name)
		.with_id(options.id.as_deref().unwrap_or(&options.preset))
		.with_chain_type(chain_type)
		.with_protocol_id("mvp")
		.with_properties(properties())
		.with_genesis_config_preset_name(&options.preset)
		.build()
		.as_json(options.raw)
}

/// What wallets show: the token and the address format, as the runtime declares them.
fn properties() -> Properties {
	use mvp_chain_runtime::chain_properties::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}
