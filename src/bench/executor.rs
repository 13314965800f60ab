//! What the bench needs of an executor: load a blob, start over from a state, call runtime
//! APIs keeping or discarding their changes, and say what each call cost.

use sp_core::storage::Storage;
use std::time::Duration;

/// The cost of one runtime call.
#[derive(Clone, Debug, Default)]
pub struct Cost {
	/// The whole call, as the node sees it.
	pub time: Duration,
	/// The host allocator's high-water mark during the call (bytes held through
	/// `ext_allocator_malloc`), where the executor exposes it.
	pub heap_peak: Option<u32>,
	/// Time inside host functions by group (`storage`, `hashing`, …), where measured.
	pub host: Vec<(&'static str, u64, Duration)>,
}

pub trait Executor {
	/// Starts over from `state` (which holds the blob under `:code`).
	fn reset(&mut self, state: &Storage);

	/// Calls a runtime API; its storage changes stay if `keep` approves of the answer.
	fn call(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String>;
}

/// The group a host function belongs to, by its name (`ext_<group>_<name>_version_<n>`).
pub fn host_group(function: &str) -> &'static str {
	let name = function.trim_start_matches("ext_");
	match name.split('_').next().unwrap_or_default() {
		"storage" | "default" => "storage",
		"hashing" | "trie" => "hashing",
		"crypto" => "crypto",
		"allocator" => "allocator",
		_ => "other",
	}
}
