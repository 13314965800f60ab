//! sc-executor's wasmtime backend configured as a node configures it (pooled copy-on-write
//! instances, 2048 extra heap pages, sp-io's host functions and cumulus' proof-size one as
//! polkadot-omni-node registers them, a fresh instance per call), over the storage a node's
//! executor gives it ([`State`]).

use super::{
	host_group,
	state::{set_safely, State},
	timed::{self, HostCall, Timed},
	Cost, Host,
};
use sc_executor_common::wasm_runtime::{HeapAllocStrategy, WasmModule};
use sc_executor_wasmtime::{
	create_runtime, Config, InstantiationStrategy, RuntimeBlob, Semantics, WasmtimeRuntime,
};
use sp_core::{
	storage::{well_known_keys, Storage},
	H256,
};
use sp_keystore::testing::MemoryKeystore;
use sp_runtime::StateVersion;
use std::{
	collections::BTreeMap,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// A parachain runtime also asks how large the proof being recorded is; without proof
/// recording the answer says so, as a node's does.
type Functions = (
	sp_io::SubstrateHostFunctions,
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
);

/// What nodes use when the state holds no `:heappages`.
const HEAP: HeapAllocStrategy = HeapAllocStrategy::Static { extra_pages: 2048 };

/// Compiled modules kept for reuse across hosts, as a node's runtime cache keeps them.
const CACHED_MODULES: usize = 8;

/// A compiled module and what it was compiled from: the code's hash and whether its host
/// functions time themselves.
type Module = ([u8; 32], bool, Arc<WasmtimeRuntime>);

pub struct Wasmtime {
	state: State,
	/// The module calls run while the code is pinned.
	pinned: Option<Arc<WasmtimeRuntime>>,
	/// Host functions time themselves (a clock read around every host call), for
	/// [`Cost::host`]; the module is then a separate compilation.
	timed: bool,
	/// While tracing (a timed host only), the host calls of the last call.
	trace: Option<Vec<HostCall>>,
}

impl Wasmtime {
	/// A host over `state`, which holds the blob under `:code`.
	pub fn new(state: Storage) -> Self {
		Self { state: State::new(state), pinned: None, timed: false, trace: None }
	}

	/// Compiles `code` with host functions that time themselves and traces every host call of
	/// every call, for [`Wasmtime::last_trace`].
	pub fn traced(code: &[u8]) -> Result<Self, String> {
		let (host, _) = Self::compile(code, true)?;
		Ok(Self { trace: Some(Vec::new()), ..host })
	}

	/// The host calls of the last call, in order, if this host traces.
	pub fn last_trace(&self) -> Option<&[HostCall]> {
		self.trace.as_deref()
	}

	/// A host over `state` whose host functions time themselves.
	pub fn timed(state: Storage) -> Self {
		Self { timed: true, ..Self::new(state) }
	}

	/// Compiles `code` (compressed or not) afresh, bypassing the cache, and says how long it
	/// took; the host starts over a state holding only `code` under `:code`.
	pub fn compile(code: &[u8], timed: bool) -> Result<(Self, Duration), String> {
		let started = Instant::now();
		let module = compile(code, timed)?;
		let compiled = started.elapsed();
		remember((sp_crypto_hashing::blake2_256(code), timed, module));
		let host = Self { timed, ..Self::new(super::state_with_code(code)) };
		Ok((host, compiled))
	}

	/// The time to get an instance ready for a call: a call of an export the blob does not
	/// have instantiates, then fails on the lookup (sc-executor-wasmtime instantiates lazily).
	pub fn instantiate(&mut self) -> Result<Duration, String> {
		let mut instance = self.module()?.new_instance(HEAP).map_err(|e| e.to_string())?;
		let started = Instant::now();
		let missing = instance.call("host-kit: no such export", &[]);
		let time = started.elapsed();
		match missing {
			Err(_) => Ok(time),
			Ok(_) => Err("the blob has an export named `host-kit: no such export`".into()),
		}
	}

	/// The module for the code calls run now: pinned, or from `:code`.
	fn module(&mut self) -> Result<Arc<WasmtimeRuntime>, String> {
		if let Some(module) = &self.pinned {
			return Ok(module.clone());
		}
		let hash = self.state.code_hash()?;
		if let Some(module) = cached(&hash, self.timed) {
			return Ok(module);
		}
		let code = self.state.storage(well_known_keys::CODE).ok_or("no :code in state")?;
		let module = compile(&code, self.timed)?;
		remember((hash, self.timed, module.clone()));
		Ok(module)
	}
}

fn modules() -> std::sync::MutexGuard<'static, Vec<Module>> {
	static MODULES: Mutex<Vec<Module>> = Mutex::new(Vec::new());
	MODULES.lock().unwrap_or_else(|e| e.into_inner())
}

fn cached(hash: &[u8; 32], timed: bool) -> Option<Arc<WasmtimeRuntime>> {
	let mut modules = modules();
	let at = modules.iter().position(|(h, t, _)| h == hash && *t == timed)?;
	// Most recently used last.
	let module = modules.remove(at);
	let runtime = module.2.clone();
	modules.push(module);
	Some(runtime)
}

fn remember(module: Module) {
	let mut modules = modules();
	modules.retain(|(h, t, _)| (h, t) != (&module.0, &module.1));
	if modules.len() == CACHED_MODULES {
		modules.remove(0);
	}
	modules.push(module);
}

fn compile(code: &[u8], timed: bool) -> Result<Arc<WasmtimeRuntime>, String> {
	let blob =
		RuntimeBlob::uncompress_if_needed(code).map_err(|e| format!("not a runtime blob: {e}"))?;
	let config = Config {
		allow_missing_func_imports: false,
		cache_path: None,
		semantics: Semantics {
			instantiation_strategy: InstantiationStrategy::PoolingCopyOnWrite,
			deterministic_stack_limit: None,
			canonicalize_nans: false,
			parallel_compilation: true,
			heap_alloc_strategy: HEAP,
			wasm_multi_value: false,
			wasm_bulk_memory: false,
			wasm_reference_types: false,
			wasm_simd: false,
		},
	};
	let runtime = if timed {
		create_runtime::<Timed<Functions>>(blob, config)
	} else {
		create_runtime::<Functions>(blob, config)
	};
	runtime.map(Arc::new).map_err(|e| format!("wasmtime cannot compile the blob: {e}"))
}

impl Host for Wasmtime {
	fn measured(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		let module = self.module()?;
		// As on a node, every call gets a fresh instance: the call's time includes instantiating.
		let mut instance = module.new_instance(HEAP).map_err(|e| e.to_string())?;
		timed::reset();
		if self.trace.is_some() {
			timed::trace();
		}
		let mut stats = None;
		let (result, time) = self.state.transaction(keep, |ext| {
			set_safely(ext, || {
				let (result, allocation) = instance.call_with_allocation_stats(method, input);
				stats = allocation;
				result.map_err(|e| e.to_string())
			})
		});
		let host = if self.timed {
			timed::spent::<Functions>()
				.into_iter()
				.map(|(name, calls, time)| (host_group(name), calls, time))
				.collect()
		} else {
			Vec::new()
		};
		if self.trace.is_some() {
			self.trace = Some(timed::take_trace());
		}
		let cost = Cost { time, heap_peak: stats.map(|s| s.bytes_allocated_peak), host };
		result.map(|output| (output, cost))
	}

	fn pin_code(&mut self, pinned: bool) {
		self.pinned = None;
		if pinned {
			self.pinned = self.module().ok();
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
