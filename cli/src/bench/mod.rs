//! `mvp-chain bench`: measures runtime blobs in real hosts (sc-executor's wasmtime, smoldot's
//! wasmi) on blocks of signed transfers, one blob or two side by side.

mod block;
mod measure;
mod options;
mod report;
mod transfers;

use mvp_host_kit::{blob::Blob, genesis};
pub use options::Options;

pub fn run(options: &Options) -> Result<(), String> {
	let mut blobs = vec![match &options.blob {
		Some(path) => Blob::from_file(path)?,
		None => ours()?,
	}];
	if let Some(path) = &options.vs {
		blobs.push(Blob::from_file(path)?);
	}
	let mut subjects = Vec::new();
	for (blob, mut host) in blobs {
		let label = blob.label.clone();
		let named = |e: String| format!("{label}: {e}");
		let transfers = transfers::Transfers::prepare(&blob).map_err(named)?;
		let mut config =
			genesis::config(&mut host, genesis::Preset::IfAny("development")).map_err(named)?;
		if let Some(patch) = &options.genesis_patch {
			sc_chain_spec::json_merge(&mut config, patch.clone());
		}
		genesis::fund(&mut config, &transfers.funded()).map_err(named)?;
		let genesis = genesis::build(&mut host, &config).map_err(named)?;
		let transfers = transfers.at(&blob, &genesis).map_err(named)?;
		subjects.push(measure::Subject::new(blob, genesis, transfers));
	}
	let results = measure::run(&mut subjects, options)?;
	let blobs: Vec<&Blob> = subjects.iter().map(|s| &s.blob).collect();
	report::print(&blobs, &results, options);
	Ok(())
}

/// Our blob as this binary was built with it.
fn ours() -> Result<(Blob, mvp_host_kit::host::Wasmtime), String> {
	let compressed = crate::embedded_blob().map_err(|e| format!("{e}, or pass --blob"))?;
	let mut sizes = Vec::new();
	if let Some(raw) = mvp_chain::WASM_BINARY_RAW_SIZE {
		sizes.push(("raw", raw));
	}
	if let Some(compact) = mvp_chain::WASM_BINARY_BLOATY {
		sizes.push(("compact", compact.len()));
	}
	sizes.push(("compressed", compressed.len()));
	Blob::load("ours".into(), compressed.to_vec(), sizes)
}
