//! `mvp-chain bench`: measures runtime blobs in real hosts (sc-executor's wasmtime, smoldot's
//! wasmi) on blocks of signed transfers, one blob or two side by side.

mod block;
mod calls;
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
	if options.calls {
		return count_calls(&mut subjects, options);
	}
	let results = measure::run(&mut subjects, options)?;
	let blobs: Vec<&Blob> = subjects.iter().map(|s| &s.blob).collect();
	report::print(&blobs, &results, options);
	Ok(())
}

fn count_calls(subjects: &mut [measure::Subject], options: &Options) -> Result<(), String> {
	let transfers = options
		.transfers
		.iter()
		.find_map(|size| match size {
			options::Size::Transfers(n) => Some(*n),
			options::Size::Max => None,
		})
		.ok_or("--calls needs a number of transfers in --transfers, not only `max`")?;
	let mut counts = Vec::new();
	for subject in subjects.iter_mut() {
		eprintln!("bench: {}: tracing blocks of 0 and {transfers} transfers", subject.blob.label);
		let label = subject.blob.label.clone();
		counts.push(calls::count(subject, transfers).map_err(|e| format!("{label}: {e}"))?);
	}
	let labels: Vec<&str> = subjects.iter().map(|s| s.blob.label.as_str()).collect();
	if options.json {
		let json = calls::to_json(&labels, &counts);
		println!("{}", serde_json::to_string_pretty(&json).expect("JSON"));
	} else {
		calls::print(&labels, &counts, options.in_order);
	}
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
