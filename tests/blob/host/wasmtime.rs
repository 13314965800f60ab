//! `sc-executor`'s `WasmExecutor` (wasmtime), the executor nodes run.

use super::Host;
use codec::Decode;
use sc_executor::{Externalities, WasmExecutor};
use sp_core::{
	storage::{well_known_keys, Storage},
	traits::{
		CallContext, CodeExecutor, ReadRuntimeVersion, ReadRuntimeVersionExt, RuntimeCode,
		WrappedRuntimeCode,
	},
	H256,
};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{traits::BlakeTwo256, StateVersion};
use sp_state_machine::TestExternalities;
use std::{
	collections::BTreeMap,
	sync::{Arc, OnceLock},
};

/// `sc-executor`'s `WasmExecutor` (wasmtime) with sp-io's host functions: what nodes run.
pub struct Wasmtime {
	ext: TestExternalities<BlakeTwo256>,
	pinned: Option<Vec<u8>>,
	/// Where `SessionKeys_generate_session_keys` puts the keys it makes.
	pub keystore: Arc<MemoryKeystore>,
}

/// One executor for the whole test binary, so each distinct blob compiles once.
fn executor() -> &'static Arc<WasmExecutor<sp_io::SubstrateHostFunctions>> {
	static EXECUTOR: OnceLock<Arc<WasmExecutor<sp_io::SubstrateHostFunctions>>> = OnceLock::new();
	EXECUTOR.get_or_init(|| Arc::new(WasmExecutor::builder().build()))
}

impl Wasmtime {
	pub fn new(state: Storage) -> Self {
		let code = state.top.get(well_known_keys::CODE).cloned().unwrap_or_default();
		// `TestExternalities::new` would replace `:code` with empty bytes.
		let mut ext = TestExternalities::new_with_code(&code, state);
		let keystore = Arc::new(MemoryKeystore::new());
		ext.register_extension(KeystoreExt::from(keystore.clone() as Arc<dyn Keystore>));
		// `system.set_code` reads the new blob's version through the executor, as on a node.
		let reader: Arc<dyn ReadRuntimeVersion> = executor().clone();
		ext.register_extension(ReadRuntimeVersionExt::new(reader));
		Self { ext, pinned: None, keystore }
	}
}

impl Host for Wasmtime {
	fn execute(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<Vec<u8>, String> {
		let code = match &self.pinned {
			Some(code) => code.clone(),
			None => self.storage(well_known_keys::CODE).ok_or("no :code in state")?,
		};
		let fetcher = WrappedRuntimeCode(code.as_slice().into());
		let runtime_code = RuntimeCode {
			code_fetcher: &fetcher,
			hash: sp_io::hashing::blake2_256(&code).to_vec(),
			heap_pages: None,
		};
		let mut ext = self.ext.ext();
		ext.storage_start_transaction();
		let (result, _) = executor().call(
			&mut ext,
			&runtime_code,
			method,
			input,
			CallContext::Onchain { import: false },
		);
		let kept = result.as_deref().is_ok_and(keep);
		if kept {
			ext.storage_commit_transaction().expect("a transaction was started");
		} else {
			// A trap can leave the runtime's own storage transactions open (a node's
			// `StateMachine` rolls them back on leaving the runtime): roll back everything
			// down to, and including, the one opened above.
			while ext.storage_rollback_transaction().is_ok() {}
		}
		if kept {
			// Into the trie, as a node commits a block: an overlay that only grows makes every
			// later state root and state read slower, block after block.
			self.ext.commit_all().expect("no transaction is open between calls");
		}
		result.map_err(|e| e.to_string())
	}

	fn pin_code(&mut self, pinned: bool) {
		self.pinned = if pinned { self.storage(well_known_keys::CODE) } else { None };
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.ext.ext().storage(key)
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		// Key by key through the externalities: a copy of the backend would take every trie
		// node ever committed with it.
		let mut ext = self.ext.ext();
		let mut pairs = BTreeMap::new();
		let mut key = Vec::new();
		if let Some(value) = ext.storage(&key) {
			pairs.insert(key.clone(), value);
		}
		while let Some(next) = ext.next_storage_key(&key) {
			let value = ext.storage(&next).expect("a key that is next has a value");
			pairs.insert(next.clone(), value);
			key = next;
		}
		pairs
	}

	fn state_root(&mut self) -> H256 {
		H256::decode(&mut &self.ext.ext().storage_root(StateVersion::V1)[..]).expect("32 bytes")
	}
}
