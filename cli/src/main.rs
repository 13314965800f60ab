//! `mvp-chain`: tools over the runtime blob this binary embeds, and over any other blob.

mod bench;
mod chain_spec;
mod digests;
mod info;
mod logger;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mvp-chain", about = "Tools over the mvp-chain runtime blob", version)]
struct Cli {
	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
	/// The embedded blob's (or a given blob's) version, sizes, path, upgrade digests and
	/// imports (the default command).
	Info(info::Options),
	/// Write a chain spec for the embedded blob and one of its genesis presets.
	ChainSpec(chain_spec::Options),
	/// Measure runtime blobs in sc-executor (wasmtime) and smoldot (wasmi) on blocks of signed
	/// transfers.
	Bench(bench::Options),
}

fn main() -> ExitCode {
	logger::init();
	let result = match Cli::parse().command.unwrap_or(Command::Info(Default::default())) {
		Command::Info(options) => info::run(&options),
		Command::ChainSpec(options) => chain_spec::run(&options),
		Command::Bench(options) => bench::run(&options),
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(message) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}

/// The blob this binary embeds.
fn embedded_blob() -> Result<&'static [u8], String> {
	mvp_chain::WASM_BINARY
		.ok_or("this build skipped the blob (SKIP_WASM_BUILD is set); rebuild without it".into())
}
