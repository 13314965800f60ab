//! The measuring loop: every figure sampled over fresh runs, blobs interleaved run by run so
//! that drift in the machine's speed hits both alike.

use super::{
	block,
	options::{HostKind, Options, Size},
	transfers::Transfers,
};
use mvp_host_kit::{
	blob::Blob,
	genesis::Genesis,
	host::{Cost, Host, Smoldot, Wasmtime},
	pvf::{self, Validator},
};
use std::{collections::BTreeMap, time::Instant};

/// A blob under measurement with what it needs: genesis and signed transfers.
pub struct Subject {
	pub blob: Blob,
	pub genesis: Genesis,
	pub transfers: Transfers,
	hosts: Vec<Loaded>,
	/// A parachain's code as the relay chain's validators prepare it.
	validator: Option<Validator>,
}

/// A blob compiled in one host, plus, in wasmtime, a second copy whose host functions time
/// themselves (kept apart so that the clock reads never touch the headline figures).
struct Loaded {
	host: &'static str,
	executor: Box<dyn Host>,
	timed: Option<Wasmtime>,
}

/// Samples per figure (times in nanoseconds, memory in bytes), or why there are none.
#[derive(Default, Clone, Debug)]
pub struct Figures {
	pub samples: BTreeMap<String, Vec<f64>>,
	pub error: Option<String>,
}

impl Figures {
	fn add(&mut self, name: impl Into<String>, value: f64) {
		self.samples.entry(name.into()).or_default().push(value);
	}

	pub fn median(&self, name: &str) -> Option<f64> {
		let mut values = self.samples.get(name)?.clone();
		values.sort_by(f64::total_cmp);
		let mid = values.len() / 2;
		Some(if values.len() % 2 == 1 {
			values[mid]
		} else {
			(values[mid - 1] + values[mid]) / 2.0
		})
	}
}

/// Figures per (blob index, host, block size label); the size label `load` holds compile and
/// instantiate. The host [`PVF`] is the relay chain's validators running a parachain block's
/// proof of validity, built in wasmtime.
pub type Results = BTreeMap<(usize, &'static str, String), Figures>;

pub fn size_label(size: Size) -> String {
	match size {
		Size::Transfers(n) => n.to_string(),
		Size::Max => "max".into(),
	}
}

/// The relay chain's validators, as a host: polkadot's PVF executor.
pub const PVF: &str = "pvf";

/// Most transfers the bench offers a block in `max` mode, in case a runtime never says full.
const MAX_OFFERED: usize = 100_000;

impl Subject {
	pub fn new(blob: Blob, genesis: Genesis, transfers: Transfers) -> Self {
		Self { blob, genesis, transfers, hosts: Vec::new(), validator: None }
	}
}

pub fn run(subjects: &mut [Subject], options: &Options) -> Result<Results, String> {
	let mut results = Results::new();
	let runs = options.runs as usize;
	for (index, subject) in subjects.iter_mut().enumerate() {
		let code = subject.blob.code.clone();
		for &kind in &options.hosts {
			let host = kind.name();
			let figures = results.entry((index, host, "load".into())).or_default();
			let mut loaded = None;
			for run in 0..runs {
				progress(format_args!(
					"{} {host}: compiling, run {}/{runs}",
					subject.blob.label,
					run + 1
				));
				let named = |e: String| format!("{}: {e}", subject.blob.label);
				let (executor, compiled): (Box<dyn Host>, _) = match kind {
					HostKind::Wasmtime => {
						let (mut executor, time) =
							Wasmtime::compile(&code, false).map_err(named)?;
						// The first instance of a module is a cold one; nodes mostly see warm ones.
						executor.instantiate().map_err(named)?;
						let warm = executor.instantiate().map_err(named)?;
						figures.add("instantiate", warm.as_nanos() as f64);
						(Box::new(executor), time)
					},
					HostKind::Smoldot => {
						let (executor, time) = Smoldot::compile(&code).map_err(named)?;
						(Box::new(executor), time)
					},
				};
				figures.add("compile", compiled.as_nanos() as f64);
				loaded = Some(executor);
			}
			let timed = match kind {
				HostKind::Wasmtime => Some(Wasmtime::compile(&code, true)?.0),
				HostKind::Smoldot => None,
			};
			subject.hosts.push(Loaded { host, executor: loaded.expect("runs > 0"), timed });
		}
		// Validators run what a collator built in wasmtime, with the proof it recorded.
		if block::is_parachain(&subject.blob) && options.hosts.contains(&HostKind::Wasmtime) {
			progress(format_args!("{}: preparing the code as a PVF", subject.blob.label));
			let validator =
				Validator::prepare(&code).map_err(|e| format!("{}: {e}", subject.blob.label))?;
			let figures = results.entry((index, PVF, "load".into())).or_default();
			figures.add("pvf_prepare", validator.prepare_time.as_nanos() as f64);
			subject.validator = Some(validator);
		}
	}

	for &size in &options.transfers {
		let label = size_label(size);
		for run in 0..runs {
			// Alternate which blob goes first.
			let mut order: Vec<usize> = (0..subjects.len()).collect();
			if run % 2 == 1 {
				order.reverse();
			}
			for index in order {
				let subject = &mut subjects[index];
				for loaded in &mut subject.hosts {
					let figures = results.entry((index, loaded.host, label.clone())).or_default();
					if figures.error.is_some() {
						continue;
					}
					let started = Instant::now();
					let offered = match size {
						Size::Transfers(n) => n,
						Size::Max => subject.transfers.capacity.unwrap_or(MAX_OFFERED),
					};
					let mut transfers = subject.transfers.offer(offered);
					let built = block::build(
						loaded.executor.as_mut(),
						&subject.blob,
						&subject.genesis,
						&mut transfers,
					);
					// One host failing a block size does not stop the others: it is a finding.
					let built = match built {
						Ok(built) => built,
						Err(e) => {
							let error = format!("building the block: {e}");
							progress(format_args!(
								"{label} transfers: {} in {}: {error}",
								subject.blob.label, loaded.host
							));
							figures.error = Some(error);
							continue;
						},
					};
					let error = transfers.error.take();
					drop(transfers);
					if let Some(error) = error {
						return Err(format!("{}: signing transfers: {error}", subject.blob.label));
					}
					if size == Size::Max {
						// Later runs offer exactly what fits plus the one refused.
						subject.transfers.capacity.get_or_insert(built.transfers + 1);
					}
					record_build(figures, &built);
					let executed = block::execute(
						loaded.executor.as_mut(),
						&subject.blob,
						&subject.genesis,
						&built.block,
					)
					.map_err(|e| {
						format!(
							"{} in {}: executing the block it built: {e}",
							subject.blob.label, loaded.host
						)
					})?;
					record_execute(figures, &executed, loaded.host);
					if let Some(timed) = &mut loaded.timed {
						let executed =
							block::execute(timed, &subject.blob, &subject.genesis, &built.block)?;
						record_breakdown(figures, &executed);
					}
					if let (Some(validator), Some(candidate)) =
						(&subject.validator, &built.candidate)
					{
						let figures = results.entry((index, PVF, label.clone())).or_default();
						if figures.error.is_none() {
							validate(figures, validator, candidate, built.transfers);
						}
					}
					progress(format_args!(
						"{label} transfers, run {}/{runs}: {} {}: {} transfers, built and executed in {:.2} s",
						run + 1,
						subject.blob.label,
						loaded.host,
						built.transfers,
						started.elapsed().as_secs_f64()
					));
				}
			}
		}
	}
	Ok(results)
}

/// A parachain block's proof of validity, its sizes and its `validate_block` in the PVF
/// executor; a rejection is a finding, kept as the figures' error.
fn validate(
	figures: &mut Figures,
	validator: &Validator,
	candidate: &block::Candidate,
	transfers: usize,
) {
	let block_data = &candidate.params.block_data.0;
	figures.add("transfers", transfers as f64);
	figures.add("pov_size", block_data.len() as f64);
	figures.add("pov_size.proof", candidate.proof_size as f64);
	figures.add("pov_size.sent", pvf::sent_size(block_data) as f64);
	let (result, time) = validator.validate(&candidate.params);
	match result {
		Ok(_) => figures.add("validate_block", time.as_nanos() as f64),
		Err(e) => figures.error = Some(format!("validate_block rejected the block: {e}")),
	}
}

fn nanos(cost: &Cost) -> f64 {
	cost.time.as_nanos() as f64
}

fn record_build(figures: &mut Figures, built: &block::Built) {
	figures.add("transfers", built.transfers as f64);
	figures.add("initialize_block", nanos(&built.initialize));
	let total: f64 = built.apply.iter().map(nanos).sum();
	figures.add("apply_extrinsic", total / built.apply.len().max(1) as f64);
	figures.add("apply_all", total);
	figures.add("finalize_block", nanos(&built.finalize));
	let all = std::iter::once(&built.initialize)
		.chain(&built.apply)
		.chain(std::iter::once(&built.finalize));
	if let Some(peak) = all.filter_map(|c| c.heap_peak).max() {
		figures.add("heap_peak_build", peak as f64);
	}
}

fn record_execute(figures: &mut Figures, executed: &Cost, host: &str) {
	figures.add("execute_block", nanos(executed));
	if let Some(peak) = executed.heap_peak {
		figures.add("heap_peak_execute", peak as f64);
	}
	// smoldot's own run says how long its host took to answer; wasmtime's needs the timed copy.
	if host == "smoldot" {
		record_breakdown(figures, executed);
	}
}

/// Time in host functions by group and in the runtime's own code, for one `execute_block`.
fn record_breakdown(figures: &mut Figures, executed: &Cost) {
	let mut groups: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
	for (group, calls, time) in &executed.host {
		let entry = groups.entry(group).or_default();
		entry.0 += *calls as f64;
		entry.1 += time.as_nanos() as f64;
	}
	let host: f64 = groups.values().map(|(_, time)| time).sum();
	figures.add("execute_block.host_calls", groups.values().map(|(calls, _)| calls).sum());
	for (group, (calls, time)) in groups {
		figures.add(format!("execute_block.host.{group}"), time);
		figures.add(format!("execute_block.host_calls.{group}"), calls);
	}
	figures.add("execute_block.host", host);
	figures.add("execute_block.runtime", nanos(executed) - host);
	figures.add("execute_block.measured", nanos(executed));
}

fn progress(message: std::fmt::Arguments) {
	eprintln!("bench: {message}");
}
