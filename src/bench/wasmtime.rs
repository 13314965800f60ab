//! sc-executor's wasmtime backend configured as a node configures it (pooled copy-on-write
//! instances, 2048 extra heap pages), over sp-io's host functions: what a node runs.

use super::{
	executor::{host_group, Cost, Executor},
	timed::{self, Timed},
};
use sc_executor_common::wasm_runtime::{HeapAllocStrategy, WasmModule};
use sc_executor_wasmtime::{
	create_runtime, Config, InstantiationStrategy, RuntimeBlob, Semantics, WasmtimeRuntime,
};
use sp_core::storage::{well_known_keys, Storage};
use sp_externalities::Externalities;
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::TestExternalities;
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

type Functions = sp_io::SubstrateHostFunctions;

/// What nodes use when the state holds no `:heappages`.
const HEAP: HeapAllocStrategy = HeapAllocStrategy::Static { extra_pages: 2048 };

pub struct Wasmtime {
	runtime: WasmtimeRuntime,
	ext: TestExternalities<BlakeTwo256>,
	/// Host functions time themselves (costs a clock read around every host call).
	timed: bool,
}

impl Wasmtime {
	/// Compiles `code` (compressed or not), over a state holding only `code` under `:code`;
	/// with `timed`, host functions time themselves.
	pub fn compile(code: &[u8], timed: bool) -> Result<(Self, Duration), String> {
		let blob = RuntimeBlob::uncompress_if_needed(code).map_err(|e| e.to_string())?;
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
		let started = Instant::now();
		let runtime = if timed {
			create_runtime::<Timed<Functions>>(blob, config)
		} else {
			create_runtime::<Functions>(blob, config)
		}
		.map_err(|e| format!("wasmtime cannot compile the blob: {e}"))?;
		let compiled = started.elapsed();
		let ext = TestExternalities::new_with_code(code, Storage::default());
		Ok((Self { runtime, ext, timed }, compiled))
	}

	/// The time to get an instance ready for a call: a call of an export the blob does not
	/// have instantiates, then fails on the lookup (sc-executor-wasmtime instantiates lazily).
	pub fn instantiate(&mut self) -> Duration {
		let mut instance = self.runtime.new_instance(HEAP).expect("the instance creator is made");
		let started = Instant::now();
		let missing = instance.call("bench: no such export", &[]);
		let time = started.elapsed();
		assert!(missing.is_err(), "the blob has an export named `bench: no such export`");
		time
	}

	/// Every top-level key and value of the state.
	pub fn pairs(&mut self) -> BTreeMap<Vec<u8>, Vec<u8>> {
		use sp_state_machine::Backend;
		self.ext
			.as_backend()
			.pairs(Default::default())
			.expect("the in-memory backend iterates")
			.map(|pair| pair.expect("the in-memory backend has every node"))
			.collect()
	}

	pub fn storage_root(&mut self, version: sp_runtime::StateVersion) -> Vec<u8> {
		self.ext.ext().storage_root(version)
	}
}

impl Executor for Wasmtime {
	fn reset(&mut self, state: &Storage) {
		let code = state.top.get(well_known_keys::CODE).cloned().unwrap_or_default();
		// `TestExternalities::new` would replace `:code` with empty bytes.
		self.ext = TestExternalities::new_with_code(&code, state.clone());
	}

	fn call(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		// As on a node, every call gets a fresh instance: the call's time includes instantiation.
		let mut instance = self.runtime.new_instance(HEAP).map_err(|e| e.to_string())?;
		let mut ext = self.ext.ext();
		ext.storage_start_transaction();
		timed::reset();
		let started = Instant::now();
		let (result, stats) = sp_externalities::set_and_run_with_externalities(&mut ext, || {
			instance.call_with_allocation_stats(method, input)
		});
		let time = started.elapsed();
		if result.as_deref().is_ok_and(keep) {
			ext.storage_commit_transaction().expect("a transaction was started");
		} else {
			ext.storage_rollback_transaction().expect("a transaction was started");
		}
		// The first line says what trapped; the wasm backtrace after it is for debuggers.
		let output = result.map_err(|e| {
			format!("{method}: {}", e.to_string().lines().next().unwrap_or_default())
		})?;
		let host = if self.timed {
			timed::spent::<Functions>()
				.into_iter()
				.map(|(name, calls, time)| (host_group(name), calls, time))
				.collect()
		} else {
			Vec::new()
		};
		let cost = Cost { time, heap_peak: stats.map(|s| s.bytes_allocated_peak), host };
		Ok((output, cost))
	}
}
