//! `bench --calls`: where a transfer's host calls go, by host function and by storage item.
//! Both come from traces of `Core_execute_block` in wasmtime: a block of N transfers less an
//! empty block, divided by N, so the block's own calls (inherents, hooks, roots) drop out and
//! two blobs compare as two lists rather than as one ratio.

use super::{block, measure::Subject};
use mvp_host_kit::host::{HostCall, Wasmtime};
use serde_json::{json, Value};
use sp_core::bytes::to_hex;
use std::collections::{BTreeMap, BTreeSet};
use subxt::Metadata;

/// What one transfer costs a blob in host calls, and what its block costs without transfers.
pub struct Counts {
	pub transfers: usize,
	/// Calls of the block with no transfers.
	pub empty_block: usize,
	/// Calls of the block with `transfers` transfers.
	pub full_block: usize,
	/// Per transfer, by host function.
	pub functions: BTreeMap<String, f64>,
	/// Per transfer, by (storage item, operation).
	pub storage: BTreeMap<(String, String), f64>,
	/// One transfer's calls in order: those between the writes of `:extrinsic_index` that
	/// end the previous transfer and this one (`Executive` notes each applied extrinsic). The
	/// block's per-extrinsic work at its end (clearing `ExtrinsicData`) is not among them.
	pub sequence: Vec<String>,
}

impl Counts {
	pub fn per_transfer(&self) -> f64 {
		self.functions.values().sum()
	}
}

/// Traces `subject`'s blob on an empty block and on a block of `transfers` transfers.
pub fn count(subject: &mut Subject, transfers: usize) -> Result<Counts, String> {
	let names = KeyNames::new(&subject.blob.metadata)?;
	let mut host = Wasmtime::traced(&subject.blob.code)?;
	let empty = traced_block(&mut host, subject, 0)?;
	let full = traced_block(&mut host, subject, transfers)?;
	let functions = per_transfer(by_function(&full), by_function(&empty), transfers);
	let storage = per_transfer(by_item(&full, &names), by_item(&empty, &names), transfers);
	Ok(Counts {
		transfers,
		empty_block: empty.len(),
		full_block: full.len(),
		functions,
		storage,
		sequence: one_transfer(&full, &names, transfers),
	})
}

/// What `full` has beyond `empty`, per transfer; what they share drops out.
fn per_transfer<K: Ord + Clone>(
	full: BTreeMap<K, usize>,
	empty: BTreeMap<K, usize>,
	transfers: usize,
) -> BTreeMap<K, f64> {
	let keys: BTreeSet<K> = full.keys().chain(empty.keys()).cloned().collect();
	keys.into_iter()
		.map(|k| {
			let n = *full.get(&k).unwrap_or(&0) as f64 - *empty.get(&k).unwrap_or(&0) as f64;
			(k, n / transfers as f64)
		})
		.filter(|(_, n)| *n != 0.0)
		.collect()
}

fn traced_block(
	host: &mut Wasmtime,
	subject: &mut Subject,
	transfers: usize,
) -> Result<Vec<HostCall>, String> {
	let mut offer = subject.transfers.offer(transfers);
	let built = block::build(host, &subject.blob, &subject.genesis, &mut offer)?;
	if let Some(error) = offer.error.take() {
		return Err(format!("signing transfers: {error}"));
	}
	if built.transfers != transfers {
		return Err(format!(
			"the block holds {} of the {transfers} transfers offered; offer fewer",
			built.transfers
		));
	}
	block::execute(host, &subject.blob, &subject.genesis, &built.block)?;
	Ok(host.last_trace().expect("a traced host").to_vec())
}

fn by_function(trace: &[HostCall]) -> BTreeMap<String, usize> {
	let mut counts = BTreeMap::new();
	for call in trace {
		*counts.entry(call.function.to_string()).or_default() += 1;
	}
	counts
}

fn by_item(trace: &[HostCall], names: &KeyNames) -> BTreeMap<(String, String), usize> {
	let mut counts = BTreeMap::new();
	for call in trace {
		if let Some(key) = &call.key {
			*counts.entry((names.name(key), operation(call.function))).or_default() += 1;
		}
	}
	counts
}

/// `ext_storage_get_version_1` → `get`.
fn operation(function: &str) -> String {
	let name = function.trim_start_matches("ext_storage_").trim_start_matches("ext_");
	match name.rfind("_version_") {
		Some(at) => name[..at].to_string(),
		None => name.to_string(),
	}
}

/// The calls of the middle transfer, consecutive repeats folded (`name ×3`).
fn one_transfer(trace: &[HostCall], names: &KeyNames, transfers: usize) -> Vec<String> {
	let marks: Vec<usize> = trace
		.iter()
		.enumerate()
		.filter(|(_, c)| {
			operation(c.function) == "set" && c.key.as_deref() == Some(b":extrinsic_index")
		})
		.map(|(at, _)| at)
		.collect();
	// The marks end the inherents and then every transfer; take a pair in the middle.
	let middle = marks.len().saturating_sub(transfers.div_ceil(2) + 1);
	let (Some(&start), Some(&end)) = (marks.get(middle), marks.get(middle + 1)) else {
		return Vec::new();
	};
	let mut lines: Vec<(String, usize)> = Vec::new();
	for call in &trace[start + 1..=end] {
		let line = match &call.key {
			Some(key) => format!("{} {}", operation(call.function), names.name(key)),
			None => call.function.to_string(),
		};
		match lines.last_mut() {
			Some((last, n)) if *last == line => *n += 1,
			_ => lines.push((line, 1)),
		}
	}
	lines.into_iter().map(|(line, n)| if n > 1 { format!("{line} ×{n}") } else { line }).collect()
}

/// Storage keys named after the metadata's pallets and items.
struct KeyNames {
	/// `twox128(pallet prefix) ++ twox128(item)` → `Pallet::Item`.
	items: BTreeMap<Vec<u8>, String>,
	/// `twox128(pallet prefix)` → `Pallet`.
	pallets: BTreeMap<Vec<u8>, String>,
}

impl KeyNames {
	fn new(metadata: &[u8]) -> Result<Self, String> {
		let metadata = Metadata::decode_from(metadata)
			.map_err(|e| format!("subxt cannot read the metadata: {e}"))?;
		let (mut items, mut pallets) = (BTreeMap::new(), BTreeMap::new());
		for pallet in metadata.pallets() {
			let Some(storage) = pallet.storage() else { continue };
			let prefix = sp_crypto_hashing::twox_128(storage.prefix().as_bytes()).to_vec();
			for entry in storage.entries() {
				let item = sp_crypto_hashing::twox_128(entry.name().as_bytes());
				let key = [&prefix[..], &item[..]].concat();
				items.insert(key, format!("{}::{}", storage.prefix(), entry.name()));
			}
			pallets.insert(prefix, storage.prefix().to_string());
		}
		Ok(Self { items, pallets })
	}

	/// `Pallet::Item`, a well-known key as text, or the key's first bytes in hex.
	fn name(&self, key: &[u8]) -> String {
		if key.starts_with(b":") {
			return String::from_utf8_lossy(key).into_owned();
		}
		if let Some(item) = key.get(..32).and_then(|k| self.items.get(k)) {
			return item.clone();
		}
		match key.get(..16).and_then(|k| self.pallets.get(k)) {
			Some(pallet) if key.len() == 16 => format!("{pallet}::*"),
			Some(pallet) => format!("{pallet}::(not in the metadata)"),
			None => format!("{}…", to_hex(&key[..key.len().min(8)], false)),
		}
	}
}

/// Side-by-side tables: per transfer by function, then by storage item and operation.
pub fn print(labels: &[&str], counts: &[Counts], sequence: bool) {
	let transfers = counts[0].transfers;
	println!(
		"Host calls per transfer in Core_execute_block, wasmtime: (a block of {transfers} \
		 transfers − an empty block) / {transfers}"
	);
	let header = |first: &str| {
		let mut line = format!("{first:<52}");
		for index in 1..=labels.len() {
			line += &format!(" {:>10}", format!("[{index}]"));
		}
		if counts.len() == 2 {
			line += &format!(" {:>10}", "[1] − [2]");
		}
		line
	};
	for (index, label) in labels.iter().enumerate() {
		println!("  [{}] {label}", index + 1);
	}
	println!();
	println!("{}", header("host function"));
	let functions = merged(counts.iter().map(|c| &c.functions));
	for name in &functions {
		println!("{}", row(name, counts.iter().map(|c| c.functions.get(name).copied())));
	}
	println!(
		"{}",
		row("all host calls, per transfer", counts.iter().map(|c| Some(c.per_transfer())))
	);
	println!(
		"{}",
		row(
			&format!("all host calls of the block of {transfers} / {transfers}"),
			counts.iter().map(|c| Some(c.full_block as f64 / transfers as f64))
		)
	);
	println!(
		"{}",
		row("the empty block's calls", counts.iter().map(|c| Some(c.empty_block as f64)))
	);
	println!();
	println!("{}", header("storage item, operation"));
	let items = merged(counts.iter().map(|c| &c.storage));
	for key in &items {
		let name = format!("{} {}", key.0, key.1);
		println!("{}", row(&name, counts.iter().map(|c| c.storage.get(key).copied())));
	}
	if sequence {
		for (label, counts) in labels.iter().zip(counts) {
			println!();
			println!(
				"One transfer's host calls in order, {label} (without the block's per-extrinsic \
				 work at its end):"
			);
			for line in &counts.sequence {
				println!("  {line}");
			}
		}
	}
}

fn merged<'a, K: Ord + Clone + 'a>(
	maps: impl Iterator<Item = &'a BTreeMap<K, f64>>,
) -> BTreeSet<K> {
	maps.flat_map(|m| m.keys().cloned()).collect()
}

fn row(name: &str, values: impl Iterator<Item = Option<f64>>) -> String {
	let values: Vec<f64> = values.map(|v| v.unwrap_or(0.0)).collect();
	let mut line = format!("{name:<52}");
	for value in &values {
		line += &format!(" {:>10}", number(*value));
	}
	if let [ours, other] = values[..] {
		let difference = ours - other;
		let sign = if difference > 0.0 { "+" } else { "" };
		line += &format!(" {:>10}", format!("{sign}{}", number(difference)));
	}
	line
}

/// Whole numbers as such, fractions (a call per block spread over its transfers) to 0.01.
fn number(value: f64) -> String {
	if value.fract() == 0.0 {
		format!("{value:.0}")
	} else {
		format!("{value:.2}")
	}
}

pub fn to_json(labels: &[&str], counts: &[Counts]) -> Value {
	let blobs: Vec<Value> = labels
		.iter()
		.zip(counts)
		.map(|(label, c)| {
			json!({
				"label": label,
				"transfers": c.transfers,
				"empty_block_calls": c.empty_block,
				"full_block_calls": c.full_block,
				"per_transfer": c.per_transfer(),
				"functions": c.functions,
				"storage": c.storage.iter().map(|((item, op), n)| json!({ "item": item, "operation": op, "per_transfer": n })).collect::<Vec<_>>(),
				"sequence": c.sequence,
			})
		})
		.collect();
	json!({ "calls": blobs })
}
