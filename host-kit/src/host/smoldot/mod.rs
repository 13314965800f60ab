//! smoldot's executor (the wasmi interpreter): a host independent of `sc-executor`. smoldot asks
//! for every storage read it needs and this host answers from its own key-value state, like a
//! light client answering from a storage proof, with no cached trie nodes: state roots are
//! computed from all keys and values.

mod call;

use super::{Cost, Host};
use smoldot::{
	executor::{self, host::HostVmPrototype, vm},
	trie,
};
use sp_core::{
	storage::{well_known_keys, Storage},
	H256,
};
use sp_runtime::StateVersion;
use std::{
	any::Any,
	collections::BTreeMap,
	panic::{self, AssertUnwindSafe},
	time::{Duration, Instant},
};

/// A runtime compiled from a `:code` and `:heappages`.
type Compiled = (Vec<u8>, Option<Vec<u8>>, HostVmPrototype);

pub struct Smoldot {
	state: BTreeMap<Vec<u8>, Vec<u8>>,
	/// The code calls run while pinned.
	pinned: Option<Vec<u8>>,
	/// The runtime last compiled, kept while `:code` and `:heappages` stay the same.
	runtime: Option<Compiled>,
	/// What the runtime logged, one line per message.
	pub logs: Vec<String>,
}

impl Smoldot {
	pub fn new(state: Storage) -> Self {
		assert!(state.children_default.is_empty(), "this host keeps the main trie only");
		Self { state: state.top, pinned: None, runtime: None, logs: Vec::new() }
	}

	/// Parses, validates and instantiates `code` (compressed or not) in wasmi and says how long
	/// it took; the host starts over a state holding only `code` under `:code`.
	pub fn compile(code: &[u8]) -> Result<(Self, Duration), String> {
		let mut host = Self::new(super::state_with_code(code));
		let started = Instant::now();
		let prototype = prototype(code, None)?;
		let compiled = started.elapsed();
		host.runtime = Some((code.to_vec(), None, prototype));
		Ok((host, compiled))
	}

	/// The runtime for the code calls run now, compiled unless it is the one kept.
	fn take_runtime(&mut self) -> Result<Compiled, String> {
		let code = match &self.pinned {
			Some(code) => code,
			None => self.state.get(well_known_keys::CODE).ok_or("no :code in state")?,
		};
		let heap_pages = self.state.get(well_known_keys::HEAP_PAGES);
		match self.runtime.take() {
			Some(kept) if &kept.0 == code && kept.1.as_ref() == heap_pages => Ok(kept),
			_ => Ok((code.clone(), heap_pages.cloned(), prototype(code, heap_pages)?)),
		}
	}
}

fn prototype(code: &[u8], heap_pages: Option<&Vec<u8>>) -> Result<HostVmPrototype, String> {
	HostVmPrototype::new(executor::host::Config {
		module: code,
		heap_pages: executor::storage_heap_pages_to_value(heap_pages.map(|v| &v[..]))
			.map_err(|e| format!("bad :heappages: {e}"))?,
		exec_hint: vm::ExecHint::ForceWasmi { lazy_validation: false },
		// Every import must be a host function smoldot knows.
		allow_unresolved_imports: false,
	})
	.map_err(|e| format!("smoldot cannot load the runtime: {e}"))
}

impl Host for Smoldot {
	fn measured(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		let (code, heap_pages, prototype) = self.take_runtime()?;
		let state = &self.state;
		let started = Instant::now();
		// A panic inside smoldot takes the prototype with it; the next call compiles again.
		let (result, prototype, requests) =
			panic::catch_unwind(AssertUnwindSafe(|| call::run(prototype, method, input, state)))
				.map_err(|panic| format!("{method}: smoldot panicked: {}", message(&panic)))?;
		let time = started.elapsed();
		self.runtime = Some((code, heap_pages, prototype));
		self.logs.extend(requests.logs);
		let finished = result?;
		if keep(&finished.output) {
			for (key, value) in finished.changes {
				match value {
					Some(value) => self.state.insert(key, value),
					None => self.state.remove(&key),
				};
			}
		}
		// smoldot runs hashing, trie roots and the allocator inside its own VM: only what this
		// host answers counts as host time.
		let storage = requests.count - requests.signature_checks;
		let host = vec![
			("storage", storage, requests.storage),
			("crypto", requests.signature_checks, requests.signatures),
		];
		Ok((finished.output, Cost { time, heap_peak: None, host }))
	}

	fn pin_code(&mut self, pinned: bool) {
		self.pinned = if pinned { self.state.get(well_known_keys::CODE).cloned() } else { None };
	}

	/// Changes go straight into this host's map: nothing to commit.
	fn commit(&mut self) {}

	fn reset(&mut self, state: &Storage) {
		self.state = state.top.clone();
		self.pinned = None;
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.state.get(key).cloned()
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		self.state.clone()
	}

	fn state_root(&mut self, version: StateVersion) -> H256 {
		let version = match version {
			StateVersion::V0 => trie::TrieEntryVersion::V0,
			StateVersion::V1 => trie::TrieEntryVersion::V1,
		};
		let entries: Vec<_> = self.state.iter().collect();
		H256(trie::trie_root(version, trie::HashFunction::Blake2, &entries))
	}
}

fn message(panic: &Box<dyn Any + Send>) -> String {
	panic
		.downcast_ref::<String>()
		.cloned()
		.or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
		.unwrap_or_else(|| "no message".into())
		.replace('\n', " ")
}
