//! smoldot's executor (the wasmi interpreter): a host implementation independent of
//! `sc-executor`. smoldot asks for every storage read it needs and this host answers from its
//! own key-value state, like a light client answering from a storage proof.

use super::Host;
use smoldot::{
	executor::{self, host, runtime_call, storage_diff, vm},
	trie::{self, branch_search},
};
use sp_core::{
	storage::{well_known_keys, Storage},
	H256,
};
use std::{collections::BTreeMap, iter, ops::Bound};

pub struct Smoldot {
	state: BTreeMap<Vec<u8>, Vec<u8>>,
	pinned: Option<Vec<u8>>,
	/// The runtime compiled from `:code` and `:heappages`, kept while those stay the same.
	runtime: Option<(Vec<u8>, host::HostVmPrototype)>,
	/// What the runtime logged, one line per message.
	pub logs: Vec<String>,
}

/// A finished call: its output and the main-trie changes it made (`None` deletes).
struct Finished {
	output: Vec<u8>,
	changes: Vec<(Vec<u8>, Option<Vec<u8>>)>,
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

	fn run(
		&mut self,
		prototype: host::HostVmPrototype,
		method: &str,
		input: &[u8],
	) -> (Result<Finished, String>, host::HostVmPrototype) {
		let state_version = prototype
			.runtime_version()
			.decode()
			.state_version
			.unwrap_or(trie::TrieEntryVersion::V0);
		let started = runtime_call::run(runtime_call::Config {
			virtual_machine: prototype,
			function_to_call: method,
			parameter: iter::once(input),
			storage_main_trie_changes: storage_diff::TrieDiff::empty(),
			storage_proof_size_behavior:
				runtime_call::StorageProofSizeBehavior::proof_recording_disabled(),
			max_log_level: 3,
			calculate_trie_changes: false,
		});
		let mut call = match started {
			Ok(call) => call,
			Err((error, prototype)) => {
				return (Err(format!("{method} did not start: {error}")), prototype)
			},
		};
		loop {
			call = match call {
				runtime_call::RuntimeCall::Finished(Ok(success)) => {
					let output = success.virtual_machine.value().as_ref().to_vec();
					let changes = success
						.storage_changes
						.main_trie_storage_changes_iter_unordered()
						.map(|(k, v)| (k.to_vec(), v.map(<[u8]>::to_vec)))
						.collect();
					return (
						Ok(Finished { output, changes }),
						success.virtual_machine.into_prototype(),
					);
				},
				runtime_call::RuntimeCall::Finished(Err(error)) => {
					return (Err(error.detail.to_string()), error.prototype)
				},
				runtime_call::RuntimeCall::StorageGet(request) => {
					let value = match request.child_trie() {
						Some(_) => None,
						None => self.state.get(request.key().as_ref()),
					};
					request.inject_value(value.map(|v| (iter::once(&v[..]), state_version)))
				},
				runtime_call::RuntimeCall::NextKey(request) => {
					let next = match request.child_trie() {
						Some(_) => None,
						None => next_key(&self.state, &request),
					};
					request.inject_key(next.map(Vec::into_iter))
				},
				// smoldot then computes the merkle values itself from the keys and values.
				runtime_call::RuntimeCall::ClosestDescendantMerkleValue(request) => {
					request.resume_unknown()
				},
				runtime_call::RuntimeCall::SignatureVerification(request) => {
					request.verify_and_resume()
				},
				runtime_call::RuntimeCall::LogEmit(request) => {
					self.logs.push(match request.info() {
						runtime_call::LogEmitInfo::Log { target, message, .. } => {
							format!("{target}: {message}")
						},
						runtime_call::LogEmitInfo::Utf8(text) => text.to_string(),
						runtime_call::LogEmitInfo::Hex(hex) => hex.to_string(),
						runtime_call::LogEmitInfo::Num(number) => number.to_string(),
					});
					request.resume()
				},
				runtime_call::RuntimeCall::OffchainStorageSet(request) => request.resume(),
				runtime_call::RuntimeCall::Offchain(context) => match context {
					runtime_call::OffchainContext::StorageGet(r) => r.inject_value(None::<Vec<u8>>),
					runtime_call::OffchainContext::StorageSet(r) => r.resume(true),
					runtime_call::OffchainContext::Timestamp(r) => r.inject_timestamp(0),
					runtime_call::OffchainContext::RandomSeed(r) => r.inject_random_seed([0; 32]),
					runtime_call::OffchainContext::SubmitTransaction(r) => r.resume(false),
				},
			};
		}
	}
}

/// The next trie node after the requested key: a storage key, or with `branch_nodes` a
/// branch node too, which smoldot's branch search derives from successive storage keys.
fn next_key(
	state: &BTreeMap<Vec<u8>, Vec<u8>>,
	request: &runtime_call::NextKey,
) -> Option<Vec<runtime_call::Nibble>> {
	let mut search = branch_search::BranchSearch::NextKey(branch_search::start_branch_search(
		branch_search::Config {
			key_before: request.key().collect::<Vec<_>>().into_iter(),
			or_equal: request.or_equal(),
			prefix: request.prefix().collect::<Vec<_>>().into_iter(),
			no_branch_search: !request.branch_nodes(),
		},
	));
	loop {
		match search {
			branch_search::BranchSearch::Found { branch_trie_node_key } => {
				return branch_trie_node_key.map(Iterator::collect)
			},
			branch_search::BranchSearch::NextKey(next) => {
				let before: Vec<u8> = next.key_before().collect();
				let lower =
					if next.or_equal() { Bound::Included(before) } else { Bound::Excluded(before) };
				let prefix: Vec<u8> = next.prefix().collect();
				let found = state
					.range::<Vec<u8>, _>((lower, Bound::Unbounded))
					.next()
					.map(|(key, _)| key)
					.filter(|key| key.starts_with(&prefix));
				search = next.inject(found.map(|key| key.iter().copied()));
			},
		}
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
		let (result, prototype) = self.run(prototype, method, input);
		self.runtime = Some((key, prototype));
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
