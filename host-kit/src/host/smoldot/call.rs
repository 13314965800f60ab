//! One runtime call in smoldot's `runtime_call` state machine, its requests answered from a
//! key-value state the caller owns.

use smoldot::{
	executor::{host::HostVmPrototype, runtime_call, storage_diff},
	trie::{self, branch_search},
};
use std::{
	collections::BTreeMap,
	iter,
	ops::Bound,
	time::{Duration, Instant},
};

/// A finished call: its output and the main-trie changes it made (`None` deletes).
pub struct Finished {
	pub output: Vec<u8>,
	pub changes: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

/// What the call asked of the host besides its own code.
#[derive(Default)]
pub struct Requests {
	/// Time spent answering storage reads and key iteration from `state`.
	pub storage: Duration,
	/// Time spent verifying signatures (smoldot does the verification when asked to).
	pub signatures: Duration,
	/// How many signatures it was asked to verify.
	pub signature_checks: u64,
	/// How many requests it made, signature checks included.
	pub count: u64,
	/// What the runtime logged, one line per message.
	pub logs: Vec<String>,
}

/// Calls `method` with `input` over `state`; the prototype comes back for the next call.
pub fn run(
	prototype: HostVmPrototype,
	method: &str,
	input: &[u8],
	state: &BTreeMap<Vec<u8>, Vec<u8>>,
) -> (Result<Finished, String>, HostVmPrototype, Requests) {
	let mut requests = Requests::default();
	let state_version =
		prototype.runtime_version().decode().state_version.unwrap_or(trie::TrieEntryVersion::V0);
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
			return (Err(format!("{method} did not start: {error}")), prototype, requests)
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
				let prototype = success.virtual_machine.into_prototype();
				return (Ok(Finished { output, changes }), prototype, requests);
			},
			runtime_call::RuntimeCall::Finished(Err(error)) => {
				return (Err(error.detail.to_string()), error.prototype, requests)
			},
			// Injecting an answer resumes the runtime: only the lookups before it are timed.
			runtime_call::RuntimeCall::StorageGet(request) => {
				let asked = Instant::now();
				let value = match request.child_trie() {
					Some(_) => None,
					None => state.get(request.key().as_ref()),
				};
				requests.storage += asked.elapsed();
				request.inject_value(value.map(|v| (iter::once(&v[..]), state_version)))
			},
			runtime_call::RuntimeCall::NextKey(request) => {
				let asked = Instant::now();
				let next = match request.child_trie() {
					Some(_) => None,
					None => next_key(state, &request),
				};
				requests.storage += asked.elapsed();
				request.inject_key(next.map(Vec::into_iter))
			},
			// smoldot then computes the merkle values itself from the keys and values.
			runtime_call::RuntimeCall::ClosestDescendantMerkleValue(request) => {
				request.resume_unknown()
			},
			runtime_call::RuntimeCall::SignatureVerification(request) => {
				let asked = Instant::now();
				let valid = request.is_valid();
				requests.signatures += asked.elapsed();
				requests.signature_checks += 1;
				if valid {
					request.resume_success()
				} else {
					request.resume_failed()
				}
			},
			runtime_call::RuntimeCall::LogEmit(request) => {
				requests.logs.push(match request.info() {
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
		requests.count += 1;
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
