//! `mvp-chain-node`: the node for the mvp-chain runtime. Aura authors blocks, GRANDPA finalizes
//! them, ParityDB stores them, and the runtime always runs from the chain's `:code` in the Wasm
//! executor, so an on-chain upgrade needs no new node. Its flags and subcommands are sc-cli's.

// sc-cli's runner takes and gives its own `Error`, a large type we cannot box.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod equivocation;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
