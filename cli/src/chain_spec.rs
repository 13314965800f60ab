//! `mvp-chain chain-spec`: a chain spec (plain or raw) for the embedded blob (or the embedded
//! parachain blob, or a blob from a file), from one of its genesis presets, or for a network of
//! given validators.

use mvp_chain_spec::{
	parse_account, parse_amount, parse_validator, ChainSpec, Endowment, Extensions, Network,
	Validator,
};
use sc_chain_spec::ChainType;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Options {
	/// Genesis preset of the runtime: `development` (`dev`) or `local_testnet` (`local`: four
	/// validators, //Alice to //Dave) [default: development].
	#[arg(long, conflicts_with_all = ["validators", "sudo", "endowments", "dev_accounts"])]
	preset: Option<String>,
	/// A validator of a new network, as `[ACCOUNT=]AURA,GRANDPA`: its Aura (sr25519) and
	/// GRANDPA (ed25519) public keys, each SS58 or 0x hex (or `//Name` for test networks), and
	/// its account (default: the Aura key's). Repeat for each validator. Needs --sudo, --name
	/// and --id.
	#[arg(long = "validator", value_name = "[ACCOUNT=]AURA,GRANDPA", value_parser = parse_validator,
		requires_all = ["sudo", "name", "id"])]
	validators: Vec<Validator>,
	/// The sudo account of the new network (SS58, 0x hex or `//Name`).
	#[arg(long, value_parser = parse_account, requires = "validators")]
	sudo: Option<mvp_chain_runtime::AccountId>,
	/// Endow an account at genesis, as `ACCOUNT=TOKENS` (`5F…=1000`, `//Bob=0.5`). Repeat for
	/// each account.
	#[arg(long = "endow", value_name = "ACCOUNT=TOKENS", value_parser = parse_endowment,
		requires = "validators")]
	endowments: Vec<Endowment>,
	/// Also endow the well-known development accounts (//Alice … //Ferdie): test networks only.
	#[arg(long, requires = "validators")]
	dev_accounts: bool,
	/// With a preset: the runtime blob in FILE instead of the one this tool embeds (another
	/// build, such as the one a live chain runs, to rehearse an upgrade from it).
	#[arg(long, value_name = "FILE", conflicts_with = "validators")]
	runtime: Option<PathBuf>,
	/// With a preset: the parachain runtime this tool embeds; its genesis takes --para-id.
	#[arg(long, conflicts_with_all = ["validators", "runtime"], requires = "relay_chain")]
	parachain: bool,
	/// Write the raw spec (genesis storage), what nodes and chopsticks load.
	#[arg(long)]
	raw: bool,
	/// Chain name [default: "MVP Chain Development" / "MVP Chain Local Testnet"].
	#[arg(long)]
	name: Option<String>,
	/// Chain id [default: the preset name].
	#[arg(long)]
	id: Option<String>,
	/// Chain type [default: from the preset; `live` for a network of given validators].
	#[arg(long, value_enum)]
	chain_type: Option<Kind>,
	/// Add the `relay_chain` extension polkadot-omni-node requires: the relay chain's spec id.
	#[arg(long, requires = "para_id")]
	relay_chain: Option<String>,
	/// Add the `para_id` extension (with --relay-chain); a parachain runtime's genesis
	/// (`parachainInfo`) takes it too.
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

impl From<Kind> for ChainType {
	fn from(kind: Kind) -> Self {
		match kind {
			Kind::Development => ChainType::Development,
			Kind::Local => ChainType::Local,
			Kind::Live => ChainType::Live,
		}
	}
}

fn parse_endowment(text: &str) -> Result<Endowment, String> {
	let (account, amount) = text
		.split_once('=')
		.ok_or_else(|| format!("{text:?} is not ACCOUNT=TOKENS (`5F…=1000`, `//Bob=0.5`)"))?;
	Ok(Endowment { account: parse_account(account)?, amount: parse_amount(amount.trim())? })
}

pub fn run(options: &Options) -> Result<(), String> {
	let json = chain_spec(options)?.as_json(options.raw)?;
	match &options.output {
		Some(path) => std::fs::write(path, json + "\n")
			.map_err(|e| format!("writing {}: {e}", path.display())),
		None => {
			println!("{json}");
			Ok(())
		},
	}
}

fn chain_spec(options: &Options) -> Result<ChainSpec, String> {
	let extensions = match (&options.relay_chain, options.para_id) {
		(Some(relay_chain), Some(para_id)) => Extensions::parachain(relay_chain.clone(), para_id),
		_ => Extensions::default(),
	};
	let chain_type = options.chain_type.map(ChainType::from);
	let Some(sudo) = options.sudo.clone() else {
		let preset = options.preset.as_deref().unwrap_or(sc_chain_spec::DEV_RUNTIME_PRESET);
		let (name, id) = (options.name.as_deref(), options.id.as_deref());
		if options.parachain {
			let code = mvp_chain::parachain::WASM_BINARY.ok_or(
				"this build skipped the blobs (SKIP_WASM_BUILD is set); rebuild without it",
			)?;
			return mvp_chain_spec::from_preset_of(code, preset, name, id, chain_type, extensions);
		}
		let Some(path) = &options.runtime else {
			return mvp_chain_spec::from_preset(preset, name, id, chain_type, extensions);
		};
		let code = std::fs::read(path)
			.map_err(|e| format!("reading the runtime {}: {e}", path.display()))?;
		return mvp_chain_spec::from_preset_of(&code, preset, name, id, chain_type, extensions);
	};
	let network = Network {
		name: options.name.clone().expect("clap requires --name with --validator"),
		id: options.id.clone().expect("clap requires --id with --validator"),
		chain_type: chain_type.unwrap_or(ChainType::Live),
		validators: options.validators.clone(),
		sudo,
		endowments: options.endowments.clone(),
		dev_accounts: options.dev_accounts,
	};
	network.chain_spec(extensions)
}
