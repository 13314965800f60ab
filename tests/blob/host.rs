//! The host abstraction: a runtime blob in an executor over a storage state. Scenarios talk to
//! it through `call` (runtime API name, SCALE input, SCALE output) and read state the way a
//! node's RPC does, so one scenario can run in every executor.

use codec::{Decode, Encode};
use sc_executor::{Externalities, WasmExecutor};
use sp_core::{
	storage::{well_known_keys, Storage},
	traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode},
	H256,
};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{traits::BlakeTwo256, StateVersion};
use sp_state_machine::{Backend, TestExternalities};
use std::{
	collections::BTreeMap,
	sync::{Arc, OnceLock},
};

/// The compressed blob, as `:code` holds it.
pub fn blob() -> &'static [u8] {
	mvp_chain::WASM_BINARY.expect("the blob is built unless SKIP_WASM_BUILD is set")
}

/// A state that holds nothing but `code` under `:code`: what a node starts genesis from.
pub fn state_with_code(code: &[u8]) -> Storage {
	let mut storage = Storage::default();
	storage.top.insert(well_known_keys::CODE.to_vec(), code.to_vec());
	storage
}

pub trait Host {
	/// Calls a runtime API. Its storage changes are kept if it returns and `keep` approves of
	/// its answer; after a trap, or when `keep` says no, they are discarded.
	fn execute(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<Vec<u8>, String>;

	/// Calls a runtime API and keeps its storage changes, as block building does.
	fn call(&mut self, method: &str, input: &[u8]) -> Result<Vec<u8>, String> {
		self.execute(method, input, &|_| true)
	}

	/// Calls a runtime API and discards its storage changes, like the `state_call` RPC.
	fn dry_call(&mut self, method: &str, input: &[u8]) -> Result<Vec<u8>, String> {
		self.execute(method, input, &|_| false)
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>>;
	/// Every top-level key and value of the state.
	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>>;
	fn state_root(&mut self) -> H256;
}

/// Typed calls over any [`Host`]: encode the arguments, decode the answer exactly.
pub trait HostExt: Host {
	fn api<R: Decode>(&mut self, method: &str, args: impl Encode) -> R {
		let out =
			self.call(method, &args.encode()).unwrap_or_else(|e| panic!("{method} failed: {e}"));
		decode_exact(method, &out)
	}

	fn query<R: Decode>(&mut self, method: &str, args: impl Encode) -> R {
		let out = self
			.dry_call(method, &args.encode())
			.unwrap_or_else(|e| panic!("{method} failed: {e}"));
		decode_exact(method, &out)
	}

	fn read<T: Decode>(&mut self, key: &[u8]) -> Option<T> {
		self.storage(key).map(|raw| decode_exact("storage value", &raw))
	}
}

impl<H: Host + ?Sized> HostExt for H {}

pub fn decode_exact<T: Decode>(what: &str, mut bytes: &[u8]) -> T {
	let value = T::decode(&mut bytes).unwrap_or_else(|e| panic!("{what}: undecodable answer: {e}"));
	assert!(bytes.is_empty(), "{what}: {} bytes left after decoding", bytes.len());
	value
}

/// `sc-executor`'s `WasmExecutor` (wasmtime) with sp-io's host functions: what nodes run.
pub struct Wasmtime {
	ext: TestExternalities<BlakeTwo256>,
	/// Where `SessionKeys_generate_session_keys` puts the keys it makes.
	pub keystore: Arc<MemoryKeystore>,
}

/// One executor for the whole test binary, so each distinct blob compiles once.
fn executor() -> &'static WasmExecutor<sp_io::SubstrateHostFunctions> {
	static EXECUTOR: OnceLock<WasmExecutor<sp_io::SubstrateHostFunctions>> = OnceLock::new();
	EXECUTOR.get_or_init(|| WasmExecutor::builder().build())
}

impl Wasmtime {
	pub fn new(state: Storage) -> Self {
		let code = state.top.get(well_known_keys::CODE).cloned().unwrap_or_default();
		// `TestExternalities::new` would replace `:code` with empty bytes.
		let mut ext = TestExternalities::new_with_code(&code, state);
		let keystore = Arc::new(MemoryKeystore::new());
		ext.register_extension(KeystoreExt::from(keystore.clone() as Arc<dyn Keystore>));
		Self { ext, keystore }
	}
}

impl Host for Wasmtime {
	fn execute(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<Vec<u8>, String> {
		let code = self.storage(well_known_keys::CODE).ok_or("no :code in state")?;
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
		if result.as_deref().is_ok_and(keep) {
			ext.storage_commit_transaction().expect("a transaction was started");
		} else {
			ext.storage_rollback_transaction().expect("a transaction was started");
		}
		result.map_err(|e| e.to_string())
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.ext.ext().storage(key)
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		let backend = self.ext.as_backend();
		backend
			.pairs(Default::default())
			.expect("the in-memory backend iterates")
			.map(|pair| pair.expect("the in-memory backend has every node"))
			.collect()
	}

	fn state_root(&mut self) -> H256 {
		H256::decode(&mut &self.ext.ext().storage_root(StateVersion::V1)[..]).expect("32 bytes")
	}
}
