//! smoldot's executor (the wasmi interpreter): a host implementation independent of
//! `sc-executor`. smoldot asks for every storage read it needs and this host answers from its
//! own key-value state, like a light client answering from a storage proof.

use super::Host;
use smoldot::{
	executor::{self, host, vm},
	trie,
};
use sp_core::{
	storage::{well_known_keys, Storage},
	H256,
};
use std::collections::BTreeMap;

pub struct Smoldot {
	state: BTreeMap<Vec<u8>, Vec<u8>>,
	pinned: Option<Vec<u8>>,
	/// The runtime compiled from `:code` and `:heappages`, kept while those stay the same.
	runtime: Option<(Vec<u8>, host::HostVmPrototype)>,
	/// What the runtime logged, one line per message.
	pub logs: Vec<String>,
}

impl Smoldot {
	pub fn new(state: Storage) -> Self {
		assert!(state.children_default.is_empty(), "this host keeps the main trie only");
		Self { state: state.top, pinned: None, runtime: None, logs: Vec::new() }
	}

	fn prototype(&mut self) -> Result<(Vec<u8>, host::HostVmPrototype), String> {
		let code = match &self.pinned {
			Some(code) => code,
			None => self.state.get(well_known_keys::CODE).ok_or("no :code in state")?,
		};
		let heap_pages = self.state.get(well_known_keys::HEAP_PAGES);
		let key =
			[sp_io::hashing::blake2_256(code).to_vec(), heap_pages.cloned().unwrap_or_default()]
				.concat();
		if let Some((cached, prototype)) = self.runtime.take() {
			if cached == key {
				return Ok((key, prototype));
			}
		}
		let prototype = host::HostVmPrototype::new(host::Config {
			module: code,
			heap_pages: executor::storage_heap_pages_to_value(heap_pages.map(|v| &v[..]))
				.map_err(|e| format!("bad :heappages: {e}"))?,
			exec_hint: vm::ExecHint::ForceWasmi { lazy_validation: false },
			// Every import must be a host function smoldot knows.
			allow_unresolved_imports: false,
		})
		.map_err(|e| format!("smoldot cannot load the runtime: {e}"))?;
		Ok((key, prototype))
	}
}

impl Host for Smoldot {
	fn execute(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<Vec<u8>, String> {
		let (key, prototype) = self.prototype()?;
		let (result, prototype, requests) =
			mvp_chain::hosts::smoldot::call(prototype, method, input, &self.state);
		self.runtime = Some((key, prototype));
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
		Ok(finished.output)
	}

	fn pin_code(&mut self, pinned: bool) {
		self.pinned = if pinned { self.state.get(well_known_keys::CODE).cloned() } else { None };
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.state.get(key).cloned()
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		self.state.clone()
	}

	fn state_root(&mut self) -> H256 {
		let entries: Vec<_> = self.state.iter().collect();
		H256(trie::trie_root(trie::TrieEntryVersion::V1, trie::HashFunction::Blake2, &entries))
	}
}
