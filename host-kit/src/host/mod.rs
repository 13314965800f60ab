//! The host abstraction: a runtime blob in an executor over a storage state. Callers talk to it
//! through runtime API calls (name, SCALE input, SCALE output) and read state the way a node's
//! RPC does, so one scenario, measurement or tool runs in every executor.

mod native;
mod recorder;
mod smoldot;
mod state;
mod timed;
mod wasmtime;

pub use self::{
	native::Native,
	recorder::{RecordedCall, Recorder},
	smoldot::Smoldot,
	timed::HostCall,
	wasmtime::Wasmtime,
};
use codec::{Decode, DecodeAll, Encode};
use sp_core::{
	storage::{well_known_keys, Storage},
	H256,
};
use sp_keystore::testing::MemoryKeystore;
use sp_runtime::StateVersion;
use sp_trie::CompactProof;
use std::{collections::BTreeMap, time::Duration};

/// The cost of one runtime call.
#[derive(Clone, Debug, Default)]
pub struct Cost {
	/// The whole call, as the node sees it (instantiation included).
	pub time: Duration,
	/// The host allocator's high-water mark during the call (bytes held through
	/// `ext_allocator_malloc`), where the executor exposes it.
	pub heap_peak: Option<u32>,
	/// Calls and time inside host functions, by group (`storage`, `hashing`, …), where the host
	/// measures them.
	pub host: Vec<(&'static str, u64, Duration)>,
}

pub trait Host {
	/// Calls a runtime API and says what the call cost. Its storage changes are kept if it
	/// returns and `keep` approves of its answer; after a trap, or when `keep` says no, they are
	/// discarded.
	fn measured(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String>;

	/// [`Host::measured`] without the cost.
	fn execute(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<Vec<u8>, String> {
		self.measured(method, input, keep).map(|(output, _)| output)
	}

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

	/// Starts over from `state`, unpinned; compiled code is kept for the blobs it still holds.
	fn reset(&mut self, state: &Storage);

	/// Makes the changes kept so far part of the backend, as a node commits a block it built
	/// or imported; until then they stay in an overlay, as within a node's block.
	fn commit(&mut self);

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>>;
	/// Every top-level key and value of the state.
	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>>;
	/// The root of the main trie, with values laid out as `version` says.
	fn state_root(&mut self, version: StateVersion) -> H256;

	/// Where `SessionKeys_generate_session_keys` puts the keys it makes, in hosts that have
	/// a keystore (a full node's; not a light client's).
	fn keystore(&self) -> Option<&MemoryKeystore> {
		None
	}

	/// Starts recording every trie node calls read, with the proof-size extension a collator
	/// registers (so that what the runtime learns of the proof's size is what a validator's
	/// `validate_block` will tell it), until [`Host::take_proof`]. Whether the host can: the
	/// hosts over the storage of this process can.
	fn start_proof_recording(&mut self) -> bool {
		false
	}

	/// What was read since [`Host::start_proof_recording`], as a compact proof against the
	/// root of the state when recording started; recording stops.
	fn take_proof(&mut self) -> Option<CompactProof> {
		None
	}
}

/// A borrowed host is a host, so that a [`Chain`](crate::chain::Chain) can work on one a caller
/// keeps.
impl<H: Host + ?Sized> Host for &mut H {
	fn measured(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		(**self).measured(method, input, keep)
	}

	fn pin_code(&mut self, pinned: bool) {
		(**self).pin_code(pinned)
	}

	fn reset(&mut self, state: &Storage) {
		(**self).reset(state)
	}

	fn commit(&mut self) {
		(**self).commit()
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		(**self).storage(key)
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		(**self).pairs()
	}

	fn state_root(&mut self, version: StateVersion) -> H256 {
		(**self).state_root(version)
	}

	fn keystore(&self) -> Option<&MemoryKeystore> {
		(**self).keystore()
	}

	fn start_proof_recording(&mut self) -> bool {
		(**self).start_proof_recording()
	}

	fn take_proof(&mut self) -> Option<CompactProof> {
		(**self).take_proof()
	}
}

/// Typed calls over any [`Host`]: encode the arguments, decode the answer exactly.
pub trait HostExt: Host {
	/// Calls `method` keeping its changes; panics if it traps or answers another type.
	fn api<R: Decode>(&mut self, method: &str, args: impl Encode) -> R {
		let out =
			self.call(method, &args.encode()).unwrap_or_else(|e| panic!("{method} failed: {e}"));
		decode_exact(method, &out).unwrap_or_else(|e| panic!("{e}"))
	}

	/// Calls `method` discarding its changes; panics if it traps or answers another type.
	fn query<R: Decode>(&mut self, method: &str, args: impl Encode) -> R {
		let out = self
			.dry_call(method, &args.encode())
			.unwrap_or_else(|e| panic!("{method} failed: {e}"));
		decode_exact(method, &out).unwrap_or_else(|e| panic!("{e}"))
	}

	/// Calls `method` discarding its changes; a trap or an answer of another type is an error.
	fn try_query<R: Decode>(&mut self, method: &str, args: impl Encode) -> Result<R, String> {
		let out = self
			.dry_call(method, &args.encode())
			.map_err(|e| format!("{method}: {}", first_line(&e)))?;
		decode_exact(method, &out)
	}

	fn read<T: Decode>(&mut self, key: &[u8]) -> Option<T> {
		self.storage(key)
			.map(|raw| decode_exact("storage value", &raw).unwrap_or_else(|e| panic!("{e}")))
	}
}

impl<H: Host + ?Sized> HostExt for H {}

/// `bytes` decoded as a `T` with nothing left over (`DecodeAll`), an error naming `what`.
pub fn decode_exact<T: Decode>(what: &str, mut bytes: &[u8]) -> Result<T, String> {
	T::decode_all(&mut bytes).map_err(|e| format!("{what}: undecodable answer: {e}"))
}

/// The first line of a trap's text: what trapped. The wasm backtrace after it is for debuggers.
pub fn first_line(error: &str) -> String {
	error.lines().next().unwrap_or_default().to_string()
}

/// A state that holds nothing but `code` under `:code`: what a node starts genesis from.
pub fn state_with_code(code: &[u8]) -> Storage {
	let mut storage = Storage::default();
	storage.top.insert(well_known_keys::CODE.to_vec(), code.to_vec());
	storage
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
