//! The command line: sc-cli's run flags and its standard subcommands.

#[derive(Debug, clap::Parser)]
#[command(name = "mvp-chain-node")]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert into the keystore, node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Write the chain spec of `--chain` (as `export-chain-spec` does; kept for the scripts
	/// every Substrate node has run).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Write the chain spec of `--chain`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Import and verify blocks from a file, without writing them.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Write the chain's blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Write the state at a block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Delete the chain's database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain by a number of blocks (finalized ones stay).
	Revert(sc_cli::RevertCmd),

	/// The database's meta columns.
	ChainInfo(sc_cli::ChainInfoCmd),
}
