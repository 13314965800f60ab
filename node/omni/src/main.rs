//! polkadot-omni-node, as the published binary is, minus the native relay-chain runtimes: the
//! node loads the runtime from the chain spec, so ours needs neither.

use polkadot_omni_node_lib::{
	chain_spec::DiskChainSpecLoader, extra_subcommand::NoExtraSubcommand, run_with_custom_cli,
	runtime::DefaultRuntimeResolver, CliConfig, RunConfig, NODE_VERSION,
};

struct Config;

impl CliConfig for Config {
	fn impl_version() -> String {
		format!("{NODE_VERSION}-mvp-chain-node-{}", env!("CARGO_PKG_VERSION"))
	}

	fn author() -> String {
		"Parity Technologies; built by mvp-chain's scripts/omni-node.sh".into()
	}

	fn support_url() -> String {
		"https://github.com/paritytech/polkadot-sdk/issues/new".into()
	}

	fn copyright_start_year() -> u16 {
		2017
	}
}

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;
	let config = RunConfig::new(Box::new(DefaultRuntimeResolver), Box::new(DiskChainSpecLoader));
	Ok(run_with_custom_cli::<Config, NoExtraSubcommand>(config)?)
}
