//! The bench's output: a table for people, JSON for machines.

use super::{
	measure::size_label,
	measure::{Figures, Results, PVF},
	options::Options,
};
use mvp_host_kit::{blob::Blob, pvf};
use serde_json::{json, Value};

/// Rows of the table: figure key, label, unit.
const ROWS: &[(&str, &str, Unit)] = &[
	("transfers", "transfers in the block", Unit::Count),
	("initialize_block", "Core_initialize_block", Unit::Time),
	("apply_extrinsic", "apply_extrinsic, per transfer", Unit::Time),
	("apply_all", "apply_extrinsic, all transfers", Unit::Time),
	("finalize_block", "BlockBuilder_finalize_block", Unit::Time),
	("execute_block", "Core_execute_block", Unit::Time),
	("execute_block.measured", "  the same, host functions timed", Unit::Time),
	("execute_block.host_calls", "  host calls", Unit::Count),
	("execute_block.host_calls.allocator", "    of which allocator", Unit::Count),
	("execute_block.host", "  in host functions", Unit::Share),
	("execute_block.host.storage", "    storage", Unit::Share),
	("execute_block.host.hashing", "    hashing, trie roots", Unit::Share),
	("execute_block.host.crypto", "    signature checks", Unit::Share),
	("execute_block.host.allocator", "    allocator", Unit::Share),
	("execute_block.host.other", "    other", Unit::Share),
	("execute_block.runtime", "  in the runtime's own code", Unit::Share),
	("heap_peak_build", "heap peak, building", Unit::Bytes),
	("heap_peak_execute", "heap peak, executing", Unit::Bytes),
	("pov_size", "proof of validity, encoded", Unit::Bytes),
	("pov_size.proof", "  of which storage proof", Unit::Bytes),
	("pov_size.sent", "  compressed, of the relay's limit", Unit::BytesOf(pvf::MAX_POV_SIZE)),
	("validate_block", "validate_block, of backing's limit", Unit::TimeOf(pvf::BACKING_TIMEOUT)),
];

const LOAD_ROWS: &[(&str, &str, Unit)] = &[
	("compile", "compile (load, validate, compile)", Unit::Time),
	("instantiate", "instantiate, per call", Unit::Time),
	("pvf_prepare", "PVF prevalidate and prepare", Unit::Time),
];

#[derive(Clone, Copy)]
enum Unit {
	Count,
	Time,
	/// A time shown with its share of the measured whole (`execute_block.measured`).
	Share,
	Bytes,
	/// Bytes, with their share of a limit.
	BytesOf(usize),
	/// A time, with its share of a limit.
	TimeOf(std::time::Duration),
}

fn format(value: f64, unit: Unit, whole: Option<f64>) -> String {
	match unit {
		Unit::Count => format!("{value:.0}"),
		Unit::Bytes => bytes(value),
		Unit::BytesOf(limit) => format!("{} {:>3.0}%", bytes(value), 100.0 * value / limit as f64),
		Unit::Time => time(value),
		Unit::TimeOf(limit) => {
			format!("{} {:>3.0}%", time(value), 100.0 * value / limit.as_nanos() as f64)
		},
		Unit::Share => match whole {
			Some(whole) if whole > 0.0 => {
				format!("{} {:>3.0}%", time(value), 100.0 * value / whole)
			},
			_ => time(value),
		},
	}
}

fn bytes(value: f64) -> String {
	match value {
		v if v >= 1024.0 * 1024.0 => format!("{:.2} MiB", v / (1024.0 * 1024.0)),
		v => format!("{:.1} KiB", v / 1024.0),
	}
}

fn time(nanos: f64) -> String {
	match nanos {
		n if n >= 1e9 => format!("{:.3} s", n / 1e9),
		n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
		n => format!("{:.1} µs", n / 1e3),
	}
}

pub fn print(subjects: &[&Blob], results: &Results, options: &Options) {
	if options.json {
		println!("{}", serde_json::to_string_pretty(&to_json(subjects, results)).expect("JSON"));
		return;
	}
	println!("Runtime blobs");
	for (index, runtime) in subjects.iter().enumerate() {
		let sizes: Vec<String> =
			runtime.sizes.iter().map(|(what, n)| format!("{what} {n} B")).collect();
		println!(
			"  [{}] {}: {} spec {}, {}",
			index + 1,
			runtime.label,
			runtime.version.spec_name,
			runtime.version.spec_version,
			sizes.join(", ")
		);
	}
	println!("Medians of {} fresh runs; ratio = [1] / [2].", options.runs);
	let hosts: Vec<&str> = ["wasmtime", "smoldot", PVF]
		.into_iter()
		.filter(|h| results.keys().any(|(_, host, _)| host == h))
		.collect();
	let mut sections = vec![("load".to_string(), LOAD_ROWS)];
	sections.extend(options.transfers.iter().map(|&size| (size_label(size), ROWS)));
	for (label, rows) in sections {
		let title = if label == "load" {
			"loading the blob".to_string()
		} else {
			format!("a block of {label} transfers")
		};
		println!();
		let mut header = format!("{title:<36}");
		for host in &hosts {
			for index in 0..subjects.len() {
				header += &format!(" {:>16}", format!("{host} [{}]", index + 1));
			}
			if subjects.len() == 2 {
				header += &format!(" {:>7}", "ratio");
			}
		}
		println!("{header}");
		for &(key, name, unit) in rows {
			let mut line = format!("{name:<36}");
			let mut any = false;
			for host in &hosts {
				let mut values = Vec::new();
				for index in 0..subjects.len() {
					let figures = results.get(&(index, *host, label.clone()));
					let value = figures.and_then(|f| f.median(key));
					let whole = figures.and_then(|f| f.median("execute_block.measured"));
					any |= value.is_some();
					line +=
						&format!(" {:>16}", value.map_or("–".into(), |v| format(v, unit, whole)));
					values.push(value);
				}
				if let [Some(ours), Some(other)] = values[..] {
					line += &format!(
						" {:>7}",
						if other > 0.0 { format!("{:.2}", ours / other) } else { "–".into() }
					);
				} else if subjects.len() == 2 {
					line += &format!(" {:>7}", "–");
				}
			}
			if any {
				println!("{line}");
			}
		}
		for host in &hosts {
			for index in 0..subjects.len() {
				let figures = results.get(&(index, *host, label.clone()));
				if let Some(error) = figures.and_then(|f| f.error.as_ref()) {
					println!("  {host} [{}] failed: {error}", index + 1);
				}
			}
		}
	}
	println!();
	println!("Call times include instantiation, as on a node. Host-function times: wasmtime's come from a");
	println!(
		"separate run whose host functions read the clock around every call; smoldot runs hashing,"
	);
	println!(
		"trie roots and the allocator inside its own VM, so only the bench's storage lookups and"
	);
	println!(
		"signature checks count as host there. Percentages are shares of that run's execute_block."
	);
	if hosts.contains(&PVF) {
		println!(
			"pvf: a parachain block built in wasmtime (its proof recorded as a collator records it),"
		);
		println!(
			"as the relay chain's validators run it: polkadot's PVF executor, default executor"
		);
		println!(
			"parameters. Limits: a proof of validity of {} MiB as sent, {} s of validate_block in backing.",
			pvf::MAX_POV_SIZE / (1024 * 1024),
			pvf::BACKING_TIMEOUT.as_secs()
		);
	}
	if hosts.contains(&"smoldot") && subjects.iter().any(|b| super::block::is_parachain(b)) {
		println!(
			"smoldot records no proof: a parachain block built there reclaims no proof weight, so it"
		);
		println!("fills at the proof sizes the weights assume, with fewer transfers.");
	}
}

fn to_json(subjects: &[&Blob], results: &Results) -> Value {
	let blobs: Vec<Value> = subjects
		.iter()
		.map(|r| {
			json!({
				"label": r.label,
				"spec_name": r.version.spec_name.to_string(),
				"spec_version": r.version.spec_version,
				"sizes": r.sizes.iter().map(|(what, n)| (what.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
			})
		})
		.collect();
	let medians = |figures: &Figures| -> Value {
		figures
			.samples
			.keys()
			.map(|k| (k.clone(), json!(figures.median(k))))
			.collect::<serde_json::Map<_, _>>()
			.into()
	};
	let mut measurements = Vec::new();
	for ((index, host, size), figures) in results {
		let mut entry = json!({ "blob": index, "host": host, "size": size, "median": medians(figures), "runs": figures.samples, "error": figures.error });
		if subjects.len() == 2 && *index == 0 {
			if let Some(other) = results.get(&(1, *host, size.clone())) {
				let ratios: serde_json::Map<_, _> = figures
					.samples
					.keys()
					.filter_map(|k| Some((k.clone(), json!(figures.median(k)? / other.median(k)?))))
					.collect();
				entry["ratio"] = ratios.into();
			}
		}
		measurements.push(entry);
	}
	json!({ "units": { "time": "ns", "memory": "bytes" }, "blobs": blobs, "measurements": measurements })
}
