//! The host abstraction: a runtime blob in an executor over a storage state. Scenarios talk to
//! it through `call` (runtime API name, SCALE input, SCALE output) and read state the way a
//! node's RPC does, so one scenario can run in every executor.

mod smoldot;
mod wasmtime;

pub use self::{smoldot::Smoldot, wasmtime::Wasmtime};
use codec::{Decode, Encode};
use sp_core::{
	storage::{well_known_keys, Storage},
	H256,
};
use std::{
	collections::BTreeMap,
	sync::{Mutex, OnceLock},
	thread::{self, ThreadId},
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

/// Takes what the runtime logged on the `runtime` target, where sp-io's panic handler writes,
/// from calls made on this thread (wasmtime runs the blob on the caller's thread).
pub fn runtime_log() -> Vec<String> {
	struct Capture;
	static LINES: Mutex<Vec<(ThreadId, String)>> = Mutex::new(Vec::new());
	static INSTALLED: OnceLock<()> = OnceLock::new();
	impl log::Log for Capture {
		fn enabled(&self, metadata: &log::Metadata) -> bool {
			metadata.target() == "runtime"
		}
		fn log(&self, record: &log::Record) {
			if self.enabled(record.metadata()) {
				let line = (thread::current().id(), record.args().to_string());
				LINES.lock().unwrap_or_else(|e| e.into_inner()).push(line);
			}
		}
		fn flush(&self) {}
	}
	INSTALLED.get_or_init(|| {
		log::set_logger(&Capture).expect("no other logger in this test binary");
		log::set_max_level(log::LevelFilter::Info);
	});
	let mut lines = LINES.lock().unwrap_or_else(|e| e.into_inner());
	let this = thread::current().id();
	let (mine, others) = lines.drain(..).partition(|(id, _)| *id == this);
	*lines = others;
	mine.into_iter().map(|(_, line)| line).collect()
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

	/// While pinned, calls run the `:code` of the moment of pinning, as a node runs a whole
	/// block with its parent's runtime even when the block changes `:code`.
	fn pin_code(&mut self, pinned: bool);

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

/// A host that records every call and its outcome, so that two executors' runs of one scenario
/// compare byte for byte.
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
	fn execute(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<Vec<u8>, String> {
		let result = self.inner.execute(method, input, keep);
		let output = result.clone().map_err(|_| ());
		self.calls.push(RecordedCall { method: method.to_string(), input: input.to_vec(), output });
		result
	}

	fn pin_code(&mut self, pinned: bool) {
		self.inner.pin_code(pinned)
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.storage(key)
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		self.inner.pairs()
	}

	fn state_root(&mut self) -> H256 {
		self.inner.state_root()
	}
}
