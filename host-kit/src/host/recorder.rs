//! A host that records every call and its outcome, so that two executors' runs of one scenario
//! compare byte for byte.

use super::{Cost, Host};
use sp_core::{storage::Storage, H256};
use sp_runtime::StateVersion;
use std::collections::BTreeMap;

pub struct Recorder<H> {
	pub inner: H,
	pub calls: Vec<RecordedCall>,
}

/// A call and its answer; a trap is recorded without its text, which differs between executors.
#[derive(Debug, PartialEq, Eq)]
pub struct RecordedCall {
	pub method: String,
	pub input: Vec<u8>,
	pub output: Result<Vec<u8>, ()>,
}

impl<H: Host> Recorder<H> {
	pub fn new(inner: H) -> Self {
		Self { inner, calls: Vec::new() }
	}
}

impl<H: Host> Host for Recorder<H> {
	fn measured(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		let result = self.inner.measured(method, input, keep);
		let output = result.as_ref().map(|(out, _)| out.clone()).map_err(|_| ());
		self.calls.push(RecordedCall { method: method.to_string(), input: input.to_vec(), output });
		result
	}

	fn pin_code(&mut self, pinned: bool) {
		self.inner.pin_code(pinned)
	}

	fn reset(&mut self, state: &Storage) {
		self.inner.reset(state)
	}

	fn commit(&mut self) {
		self.inner.commit()
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.storage(key)
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		self.inner.pairs()
	}

	fn state_root(&mut self, version: StateVersion) -> H256 {
		self.inner.state_root(version)
	}

	fn keystore(&self) -> Option<&sp_keystore::testing::MemoryKeystore> {
		self.inner.keystore()
	}

	fn start_proof_recording(&mut self) -> bool {
		self.inner.start_proof_recording()
	}

	fn take_proof(&mut self) -> Option<sp_trie::CompactProof> {
		self.inner.take_proof()
	}
}
