//! `bench`: measures runtime blobs in real hosts (sc-executor's wasmtime, smoldot's wasmi) on
//! blocks of signed transfers, one blob or two side by side. See `bench --help`.

mod block;
mod executor;
mod genesis;
mod logger;
mod measure;
mod options;
mod report;
mod runtime;
mod smoldot;
mod timed;
mod transfers;
mod wasmtime;

use options::{Options, USAGE};
use runtime::Runtime;
use std::process::ExitCode;

fn main() -> ExitCode {
	logger::init();
	let args: Vec<String> = std::env::args().skip(1).collect();
	match Options::parse(&args).and_then(|options| match options {
		Some(options) => bench(&options),
		None => {
			println!("{USAGE}");
			Ok(())
		},
	}) {
		Ok(()) => ExitCode::SUCCESS,
		Err(message) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}

fn bench(options: &Options) -> Result<(), String> {
	let mut runtimes = vec![match &options.blob {
		Some(path) => Runtime::from_file(path)?,
		None => ours()?,
	}];
	if let Some(path) = &options.vs {
		runtimes.push(Runtime::from_file(path)?);
	}
	let mut subjects = Vec::new();
	for (runtime, mut host) in runtimes {
		let transfers = transfers::Transfers::prepare(&runtime)?;
		let patch = options.genesis_patch.as_ref();
		let genesis = genesis::build(&runtime, &mut host, patch, &transfers.funded())?;
		let transfers = transfers.at(&runtime, &genesis);
		subjects.push(measure::Subject::new(runtime, genesis, transfers));
	}
	let results = measure::run(&mut subjects, options)?;
	let runtimes: Vec<&Runtime> = subjects.iter().map(|s| &s.runtime).collect();
	report::print(&runtimes, &results, options);
	Ok(())
}

/// Our blob as this binary was built with it.
fn ours() -> Result<(Runtime, wasmtime::Wasmtime), String> {
	let compressed = mvp_chain::WASM_BINARY.ok_or(
		"this build skipped the blob (SKIP_WASM_BUILD is set); rebuild without it or pass --blob",
	)?;
	let mut sizes = Vec::new();
	if let Some(raw) = mvp_chain::WASM_BINARY_RAW_SIZE {
		sizes.push(("raw", raw));
	}
	if let Some(compact) = mvp_chain::WASM_BINARY_BLOATY {
		sizes.push(("compact", compact.len()));
	}
	sizes.push(("compressed", compressed.len()));
	Runtime::load("ours".into(), compressed.to_vec(), sizes)
}
