//! The runtime itself, compiled natively (`std`), as a host: its runtime API dispatch over the
//! same storage, overlay and trap semantics as [`Wasmtime`](super::Wasmtime). Native code is
//! what a debugger, a profiler or a coverage tool can see into; the blob stays the product.
//!
//! It stands for the blob built from this source only: a call over a `:code` of another
//! runtime (after an upgrade, or a fixture) is refused with an error that says so. It has no
//! heap limit (no [`Cost::heap_peak`]), the test profile's overflow checks and debug
//! assertions, no RFC-78 metadata hash, and a stack of [`STACK`] bytes on a thread of its own
//! (whose start [`Cost::time`] includes).

use super::{
	state::{set_safely, State},
	Cost, Host,
};
use codec::Decode;
use sp_core::{storage::Storage, H256};
use sp_keystore::testing::MemoryKeystore;
use sp_runtime::StateVersion;
use sp_version::RuntimeVersion;
use std::{
	cell::Cell,
	collections::{BTreeMap, BTreeSet},
	sync::Once,
};

pub struct Native {
	state: State,
	/// `:code` hashes seen to hold this runtime's version.
	ours: Vec<[u8; 32]>,
	/// While pinned: whether the code of the moment of pinning was ours.
	pinned: Option<Result<(), String>>,
}

impl Native {
	/// A host over `state`, whose `:code` is the blob of this source.
	pub fn new(state: Storage) -> Self {
		install_panic_hook();
		Self { state: State::new(state), ours: Vec::new(), pinned: None }
	}

	/// Whether `:code` holds this runtime: its version, as a node reads it from the blob, is
	/// the one compiled in here.
	fn runs_ours(&mut self) -> Result<(), String> {
		if let Some(pinned) = &self.pinned {
			return pinned.clone();
		}
		let hash = self.state.code_hash()?;
		if self.ours.contains(&hash) {
			return Ok(());
		}
		let code = self.state.storage(sp_core::storage::well_known_keys::CODE).unwrap_or_default();
		let theirs = version_of(&code, &mut self.state)?;
		let ours = mvp_chain_runtime::VERSION;
		// The blob's `runtime_apis` section lists the APIs in the linker's order.
		let apis = |v: &RuntimeVersion| v.apis.iter().copied().collect::<BTreeSet<_>>();
		if (&theirs.spec_name, theirs.spec_version, theirs.impl_version, apis(&theirs))
			!= (&ours.spec_name, ours.spec_version, ours.impl_version, apis(&ours))
		{
			return Err(format!(
				"the native host runs {} {} compiled in; `:code` holds {} {} (a runtime \
				 upgrade or another build), which native execution cannot follow",
				ours.spec_name, ours.spec_version, theirs.spec_name, theirs.spec_version
			));
		}
		self.ours.push(hash);
		Ok(())
	}
}

/// The version a node reads from a blob: its version section, or its `Core_version`.
fn version_of(code: &[u8], state: &mut State) -> Result<RuntimeVersion, String> {
	let reader = super::state::version_reader();
	let encoded = reader
		.read_runtime_version(code, &mut state.ext.ext())
		.map_err(|e| format!("`:code` is not a runtime: {e}"))?;
	RuntimeVersion::decode(&mut &encoded[..]).map_err(|e| format!("`:code`'s version: {e}"))
}

/// The native runtime's stack.
const STACK: usize = 256 << 20;

thread_local! {
	/// Set on the threads that run the native runtime.
	static IN_RUNTIME: Cell<bool> = const { Cell::new(false) };
}

/// A panic in the native runtime is logged on the `runtime` target, as sp-io's panic handler
/// logs one in the blob, instead of printed; other panics go to the hook that was there.
fn install_panic_hook() {
	static INSTALLED: Once = Once::new();
	INSTALLED.call_once(|| {
		let previous = std::panic::take_hook();
		std::panic::set_hook(Box::new(move |info| {
			if IN_RUNTIME.get() {
				log::error!(target: "runtime", "{info}");
			} else {
				previous(info)
			}
		}));
	});
}

impl Host for Native {
	fn measured(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		self.runs_ours()?;
		// On a thread of its own with a stack as deep as the blob's is in wasmtime at least:
		// native frames of the test profile are larger, and a native stack overflow would
		// abort the process, not trap. It takes the caller's name, by which tests find what
		// their calls logged.
		let caller = std::thread::current().name().map(str::to_owned);
		let (result, time) = self.state.transaction(keep, |ext| {
			std::thread::scope(|scope| {
				let mut thread = std::thread::Builder::new().stack_size(STACK);
				if let Some(name) = caller {
					thread = thread.name(name);
				}
				let call = move || {
					IN_RUNTIME.set(true);
					set_safely(ext, || {
						mvp_chain_runtime::api::dispatch(method, input)
							.ok_or_else(|| format!("the runtime has no export `{method}`"))
					})
				};
				let thread = thread.spawn_scoped(scope, call).expect("a thread for the call");
				thread.join().expect("the call's panics are caught")
			})
		});
		result.map(|output| (output, Cost { time, heap_peak: None, host: Vec::new() }))
	}

	fn pin_code(&mut self, pinned: bool) {
		self.pinned = None;
		if pinned {
			self.pinned = Some(self.runs_ours());
		}
	}

	fn commit(&mut self) {
		self.state.commit()
	}

	fn reset(&mut self, state: &Storage) {
		self.state.reset(state);
		self.pinned = None;
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.state.storage(key)
	}

	fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		self.state.pairs()
	}

	fn state_root(&mut self, version: StateVersion) -> H256 {
		self.state.state_root(version)
	}

	fn keystore(&self) -> Option<&MemoryKeystore> {
		Some(&self.state.keystore)
	}

	fn start_proof_recording(&mut self) -> bool {
		self.state.start_proof_recording();
		true
	}

	fn take_proof(&mut self) -> Option<sp_trie::CompactProof> {
		self.state.take_proof()
	}
}
