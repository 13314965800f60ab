//! The storage a node's executor runs calls over, shared by the hosts that run in this process
//! (wasmtime and the native runtime): `TestExternalities` with the extensions a node
//! registers, one storage transaction per call, and reads the way a node's RPC reads.

use sc_executor::{with_externalities_safe, WasmExecutor};
use sp_core::{
	storage::{well_known_keys, Storage},
	traits::{ReadRuntimeVersion, ReadRuntimeVersionExt},
	H256,
};
use sp_externalities::Externalities;
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{traits::BlakeTwo256, StateVersion};
use sp_state_machine::{InMemoryBackend, TestExternalities, TrieBackendBuilder};
use sp_trie::{proof_size_extension::ProofSizeExt, recorder::Recorder, CompactProof};
use std::{
	any::TypeId,
	collections::BTreeMap,
	panic::AssertUnwindSafe,
	sync::{Arc, OnceLock},
	time::{Duration, Instant},
};

pub(super) struct State {
	pub ext: TestExternalities<BlakeTwo256>,
	pub keystore: Arc<MemoryKeystore>,
	/// While a block's proof is recorded: the recorder, and the root the proof is against.
	recording: Option<(Recorder<BlakeTwo256>, H256)>,
}

impl State {
	pub fn new(state: Storage) -> Self {
		let keystore = Arc::new(MemoryKeystore::new());
		Self { ext: externalities(state, &keystore), keystore, recording: None }
	}

	/// Starts over from `state`, keeping the keystore.
	pub fn reset(&mut self, state: &Storage) {
		self.ext = externalities(state.clone(), &self.keystore);
		self.recording = None;
	}

	/// Records the trie nodes calls read from the backend, as a collator records a block's
	/// proof, with the proof-size extension registered, until [`State::take_proof`]. The changes
	/// kept until then stay in the overlay (a commit would drop the recorder), as a block's do.
	pub fn start_proof_recording(&mut self) {
		self.ext.commit_all().expect("no transaction is open between calls");
		let recorder = Recorder::<BlakeTwo256>::default();
		let root = *self.ext.backend.root();
		let storage = self.ext.backend.backend_storage().clone();
		self.ext.backend =
			TrieBackendBuilder::new(storage, root).with_recorder(recorder.clone()).build();
		self.ext.register_extension(ProofSizeExt::new(recorder.clone()));
		self.recording = Some((recorder, root));
	}

	/// The compact proof of what was read since recording started; recording stops.
	pub fn take_proof(&mut self) -> Option<CompactProof> {
		let (recorder, root) = self.recording.take()?;
		self.ext.extensions.deregister(TypeId::of::<ProofSizeExt>());
		let root_now = *self.ext.backend.root();
		let storage = self.ext.backend.backend_storage().clone();
		self.ext.backend = TrieBackendBuilder::new(storage, root_now).build();
		let proof = recorder.drain_storage_proof();
		Some(proof.into_compact_proof::<BlakeTwo256>(root).expect("the nodes of a trie read"))
	}

	/// Runs `call` in a storage transaction that is kept if the call returns and `keep`
	/// approves of its answer. `call` sets the externalities it is given for the runtime (see
	/// [`set_safely`]). Says how long `call` took.
	pub fn transaction(
		&mut self,
		keep: &dyn Fn(&[u8]) -> bool,
		call: impl FnOnce(&mut Ext<'_>) -> Result<Vec<u8>, String>,
	) -> (Result<Vec<u8>, String>, Duration) {
		let mut ext = self.ext.ext();
		ext.storage_start_transaction();
		let started = Instant::now();
		let result = call(&mut ext);
		let time = started.elapsed();
		if result.as_deref().is_ok_and(keep) {
			ext.storage_commit_transaction().expect("a transaction was started");
		} else {
			// A trap can leave the runtime's own storage transactions open (a node's
			// `StateMachine` rolls them back on leaving the runtime): roll back everything
			// down to, and including, the one opened above.
			while ext.storage_rollback_transaction().is_ok() {}
		}
		(result, time)
	}

	/// The hash of `:code`: the trie keeps the hash of a large value, so the code is not read.
	pub fn code_hash(&mut self) -> Result<[u8; 32], String> {
		let hash = self.ext.ext().storage_hash(well_known_keys::CODE).ok_or("no :code in state")?;
		hash.try_into().map_err(|_| "a storage hash is 32 bytes".into())
	}

	pub fn commit(&mut self) {
		// Into the trie: an overlay that only grows makes every later state root and state read
		// slower, block after block. (A recording backend is replaced by a plain one.)
		self.recording = None;
		self.ext.commit_all().expect("no transaction is open between calls");
	}

	pub fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.ext.ext().storage(key)
	}

	pub fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
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

	pub fn state_root(&mut self, version: StateVersion) -> H256 {
		H256::from_slice(&self.ext.ext().storage_root(version))
	}
}

/// The externalities of one call.
pub(super) type Ext<'a> = sp_state_machine::Ext<'a, BlakeTwo256, InMemoryBackend<BlakeTwo256>>;

/// Runs `call` with `ext` set for the runtime; a panic (of a host function, or of the native
/// runtime) is the call's error, as on a node.
pub(super) fn set_safely(
	ext: &mut Ext<'_>,
	call: impl FnOnce() -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
	with_externalities_safe(ext, AssertUnwindSafe(call))
		.unwrap_or_else(|panic| Err(panic.to_string()))
}

fn externalities(state: Storage, keystore: &Arc<MemoryKeystore>) -> TestExternalities<BlakeTwo256> {
	let code = state.top.get(well_known_keys::CODE).cloned().unwrap_or_default();
	// `TestExternalities::new` would replace `:code` with empty bytes.
	let mut ext = TestExternalities::new_with_code(&code, state);
	ext.register_extension(KeystoreExt::from(keystore.clone() as Arc<dyn Keystore>));
	// `system.set_code` reads the new blob's version through the executor, as on a node.
	ext.register_extension(ReadRuntimeVersionExt::new(version_reader()));
	ext
}

/// A node's runtime-version reader: the version sections, or `Core_version` for blobs without.
pub(super) fn version_reader() -> Arc<dyn ReadRuntimeVersion> {
	static READER: OnceLock<Arc<WasmExecutor<sp_io::SubstrateHostFunctions>>> = OnceLock::new();
	READER.get_or_init(|| Arc::new(WasmExecutor::builder().build())).clone()
}
