//! `mvp-chain chain-spec`: a chain spec (plain or raw) for the embedded blob and one of its
//! genesis presets, built by `sc-chain-spec` as `chain-spec-builder` does.

use sc_chain_spec::{ChainType, GenericChainSpec, GenesisConfigBuilderRuntimeCaller, Properties};
use serde::{Deserialize, Serialize};

pub const USAGE: &str = "usage: mvp-chain chain-spec [options]

options:
  --preset NAME          genesis preset of the runtime (default: development)
  --raw                  write the raw spec (genesis storage), what nodes and chopsticks load
  --name NAME            chain name (default: \"MVP Chain Development\" / \"MVP Chain Local Testnet\")
  --id ID                chain id (default: the preset name)
  --chain-type TYPE      development | local | live (default: from the preset)
  --relay-chain NAME     add the `relay_chain` extension polkadot-omni-node requires
  --para-id ID           add the `para_id` extension (with --relay-chain)
  --output FILE          write to FILE instead of standard output";

/// The chain-spec extensions `polkadot-omni-node` reads.
#[derive(Clone, Serialize, Deserialize)]
struct ParachainExtensions {
	relay_chain: String,
	para_id: u32,
}

type ChainSpec = GenericChainSpec<Option<ParachainExtensions>>;

struct Options {
	preset: String,
	raw: bool,
	name: Option<String>,
	id: Option<String>,
	chain_type: Option<ChainType>,
	relay_chain: Option<String>,
	para_id: Option<u32>,
	output: Option<String>,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
	let mut options = Options {
		preset: sc_chain_spec::DEV_RUNTIME_PRESET.to_string(),
		raw: false,
		name: None,
		id: None,
		chain_type: None,
		relay_chain: None,
		para_id: None,
		output: None,
	};
	let mut args = args.iter();
	while let Some(flag) = args.next() {
		let mut value = || args.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
		match flag.as_str() {
			"--help" | "-h" => return Ok(None),
			"--raw" => options.raw = true,
			"--preset" => options.preset = value()?,
			"--name" => options.name = Some(value()?),
			"--id" => options.id = Some(value()?),
			"--chain-type" => {
				options.chain_type = Some(match value()?.as_str() {
					"development" => ChainType::Development,
					"local" => ChainType::Local,
					"live" => ChainType::Live,
					other => {
						return Err(format!(
							"--chain-type {other:?}: expected development, local or live"
						))
					},
				})
			},
			"--relay-chain" => options.relay_chain = Some(value()?),
			"--para-id" => {
				let id = value()?;
				options.para_id =
					Some(id.parse().map_err(|_| format!("--para-id {id:?} is not a number"))?);
			},
			"--output" => options.output = Some(value()?),
			other => return Err(format!("unknown option {other:?}\n{USAGE}")),
		}
	}
	if options.relay_chain.is_some() != options.para_id.is_some() {
		return Err("--relay-chain and --para-id go together".into());
	}
	Ok(Some(options))
}

pub fn run(args: &[String]) -> Result<(), String> {
	let Some(options) = parse(args)? else {
		println!("{USAGE}");
		return Ok(());
	};
	let json = chain_spec(&options)?;
	match &options.output {
		Some(path) => std::fs::write(path, json + "\n").map_err(|e| format!("writing {path}: {e}")),
		None => {
			println!("{json}");
			Ok(())
		},
	}
}

fn chain_spec(options: &Options) -> Result<String, String> {
	let code = mvp_chain::WASM_BINARY
		.ok_or("this build skipped the blob (SKIP_WASM_BUILD is set); rebuild without it")?;
	let presets = GenesisConfigBuilderRuntimeCaller::<()>::new(code).preset_names()?;
	if !presets.contains(&options.preset) {
		return Err(format!("the runtime has no preset {:?}; it has {presets:?}", options.preset));
	}
	let local = options.preset == sc_chain_spec::LOCAL_TESTNET_RUNTIME_PRESET;
	let name = options.name.clone().unwrap_or_else(|| {
		if local { "MVP Chain Local Testnet" } else { "MVP Chain Development" }.to_string()
	});
	let chain_type = options.chain_type.clone().unwrap_or(if local {
		ChainType::Local
	} else {
		ChainType::Development
	});
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

/// What wallets show: the token and the address format.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), "UNIT".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}
