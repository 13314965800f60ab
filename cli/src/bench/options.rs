//! The bench's command line.

use std::path::PathBuf;

/// Measures runtime blobs in sc-executor (wasmtime) and smoldot (wasmi): compile and
/// instantiate, Core_initialize_block, BlockBuilder_apply_extrinsic per transfer,
/// BlockBuilder_finalize_block and Core_execute_block of blocks of signed
/// Balances.transfer_keep_alive, each the median of fresh runs.
#[derive(clap::Args)]
pub struct Options {
	/// The blob to measure (raw or compressed wasm) [default: ours, as built].
	#[arg(long, value_name = "PATH")]
	pub blob: Option<PathBuf>,
	/// A second blob, run alternately with the first; prints ratios first/second.
	#[arg(long, value_name = "PATH")]
	pub vs: Option<PathBuf>,
	/// Block sizes: positive numbers and/or `max` (fill the block until the runtime refuses
	/// for lack of room).
	#[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "100,1000,max", value_parser = size)]
	pub transfers: Vec<Size>,
	/// Fresh runs per figure; the median is reported.
	#[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
	pub runs: u32,
	/// The hosts to measure in.
	#[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "wasmtime,smoldot")]
	pub hosts: Vec<HostKind>,
	/// A JSON file merged into each blob's genesis config before its senders are funded, for
	/// what a runtime's defaults leave unset.
	#[arg(long, value_name = "FILE", value_parser = json_file)]
	pub genesis_patch: Option<serde_json::Value>,
	/// Print JSON instead of a table.
	#[arg(long)]
	pub json: bool,
	/// Instead of timing, count one transfer's host calls by host function and by storage
	/// item and operation (wasmtime, the first number of --transfers, 100 by default).
	#[arg(long)]
	pub calls: bool,
	/// With --calls, also list one transfer's host calls in the order the runtime makes them.
	#[arg(long, requires = "calls")]
	pub in_order: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
	Transfers(usize),
	Max,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum HostKind {
	Wasmtime,
	Smoldot,
}

impl HostKind {
	pub fn name(self) -> &'static str {
		match self {
			HostKind::Wasmtime => "wasmtime",
			HostKind::Smoldot => "smoldot",
		}
	}
}

fn size(text: &str) -> Result<Size, String> {
	match text.trim() {
		"max" => Ok(Size::Max),
		n => match n.parse() {
			Ok(0) | Err(_) => Err("neither a positive number nor `max`".into()),
			Ok(n) => Ok(Size::Transfers(n)),
		},
	}
}

fn json_file(path: &str) -> Result<serde_json::Value, String> {
	let text = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
	serde_json::from_slice(&text).map_err(|e| format!("{path} is not JSON: {e}"))
}
