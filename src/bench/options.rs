//! The bench's command line.

use std::path::PathBuf;

pub const USAGE: &str = "usage: bench [options]

Measures a runtime blob in sc-executor (wasmtime) and smoldot (wasmi): compile and instantiate,
Core_initialize_block, BlockBuilder_apply_extrinsic per transfer, BlockBuilder_finalize_block and
Core_execute_block of blocks of signed Balances.transfer_keep_alive, each the median of fresh runs.

options:
  --blob PATH        the blob to measure (raw or compressed wasm); default: ours, as built
  --vs PATH          a second blob, run alternately with the first; prints ratios first/second
  --transfers LIST   block sizes, comma-separated numbers and/or `max` (fill the block until the
                     runtime refuses for lack of room); default: 100,1000,max
  --runs N           fresh runs per figure, the median is reported; default: 5
  --hosts LIST       wasmtime,smoldot (default both)
  --genesis-patch F  a JSON file merged into each blob's genesis config before its senders are
                     funded, for what a runtime's defaults leave unset
  --json             print JSON instead of a table
  --help             this text";

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
	Transfers(usize),
	Max,
}

pub struct Options {
	pub blob: Option<PathBuf>,
	pub vs: Option<PathBuf>,
	pub sizes: Vec<Size>,
	pub runs: usize,
	pub wasmtime: bool,
	pub smoldot: bool,
	pub json: bool,
	pub genesis_patch: Option<serde_json::Value>,
}

impl Options {
	/// `Ok(None)` when help was asked for.
	pub fn parse(args: &[String]) -> Result<Option<Self>, String> {
		let mut options = Options {
			blob: None,
			vs: None,
			sizes: vec![Size::Transfers(100), Size::Transfers(1000), Size::Max],
			runs: 5,
			wasmtime: true,
			smoldot: true,
			json: false,
			genesis_patch: None,
		};
		let mut args = args.iter();
		while let Some(arg) = args.next() {
			let mut value =
				|name: &str| args.next().cloned().ok_or(format!("{name} needs a value"));
			match arg.as_str() {
				"--blob" => options.blob = Some(value("--blob")?.into()),
				"--vs" => options.vs = Some(value("--vs")?.into()),
				"--transfers" => {
					options.sizes = value("--transfers")?
						.split(',')
						.map(|size| match size.trim() {
							"max" => Ok(Size::Max),
							n => match n.parse() {
								Ok(0) | Err(_) => Err(format!(
									"--transfers: {n:?} is neither a positive number nor `max`"
								)),
								Ok(n) => Ok(Size::Transfers(n)),
							},
						})
						.collect::<Result<_, _>>()?
				},
				"--runs" => {
					let runs = value("--runs")?;
					options.runs = match runs.parse() {
						Ok(0) | Err(_) => {
							return Err(format!("--runs: {runs:?} is not a positive number"))
						},
						Ok(n) => n,
					}
				},
				"--hosts" => {
					let hosts = value("--hosts")?;
					options.wasmtime = false;
					options.smoldot = false;
					for host in hosts.split(',') {
						match host.trim() {
							"wasmtime" => options.wasmtime = true,
							"smoldot" => options.smoldot = true,
							other => {
								return Err(format!(
									"--hosts: unknown host {other:?} (wasmtime, smoldot)"
								))
							},
						}
					}
				},
				"--json" => options.json = true,
				"--genesis-patch" => {
					let path = value("--genesis-patch")?;
					let text = std::fs::read(&path)
						.map_err(|e| format!("--genesis-patch: cannot read {path}: {e}"))?;
					options.genesis_patch = Some(
						serde_json::from_slice(&text)
							.map_err(|e| format!("--genesis-patch: {path} is not JSON: {e}"))?,
					);
				},
				"--help" | "-h" => return Ok(None),
				other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
			}
		}
		Ok(Some(options))
	}
}
