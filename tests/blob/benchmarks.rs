//! The `runtime-benchmarks` build of the blob serves the `Benchmark` runtime API: it lists every
//! pallet's benchmarks, in sc-executor with the benchmarking host functions frame-omni-bencher
//! registers, and runs each once, on the state backend frame-omni-bencher runs them on
//! (sc-client-db's `BenchmarkingState`, which commits between a benchmark's setup and its timed
//! part and wipes back to genesis after it): a runtime change that breaks a benchmark fails
//! here, not at the next `scripts/weights.sh`.

use crate::{chain::genesis, host::decode_exact};
use codec::Encode;
use frame_benchmarking::BenchmarkList;
use frame_support::traits::StorageInfo;
use sc_executor::WasmExecutor;
use sp_core::{
	storage::well_known_keys,
	traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode},
};
use sp_state_machine::TestExternalities;

type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

fn call(method: &str, input: &[u8]) -> Vec<u8> {
	let code = mvp_chain::fixtures::BENCHMARKS.expect("fixtures are built with the blob");
	let mut state = genesis("development").storage;
	state.top.insert(well_known_keys::CODE.to_vec(), code.to_vec());
	let mut ext = TestExternalities::<sp_runtime::traits::BlakeTwo256>::new_with_code(code, state);
	let fetcher = WrappedRuntimeCode(code.into());
	let runtime_code = RuntimeCode {
		code_fetcher: &fetcher,
		hash: sp_io::hashing::blake2_256(code).to_vec(),
		heap_pages: None,
	};
	let executor = WasmExecutor::<HostFunctions>::builder().build();
	let (result, _) =
		executor.call(&mut ext.ext(), &runtime_code, method, input, CallContext::Offchain);
	result.unwrap_or_else(|e| panic!("{method}: {e}"))
}

#[test]
fn every_pallet_with_benchmarks_is_listed() {
	let (lists, storage): (Vec<BenchmarkList>, Vec<StorageInfo>) =
		decode_exact("benchmark_metadata", &call("Benchmark_benchmark_metadata", &false.encode()))
			.unwrap_or_else(|e| panic!("{e}"));
	let pallets: Vec<String> =
		lists.iter().map(|l| String::from_utf8_lossy(&l.pallet).into_owned()).collect();
	for pallet in [
		"frame_benchmarking",
		"frame_system",
		"frame_system_extensions",
		"pallet_balances",
		"pallet_timestamp",
		"pallet_grandpa",
		"pallet_transaction_payment",
		"pallet_sudo",
		"pallet_probe",
		"pallet_nonce_clock",
		"pallet_validator_set",
		"pallet_equivocation",
	] {
		assert!(pallets.iter().any(|p| p == pallet), "{pallet} not in {pallets:?}");
	}
	let probe = lists.iter().find(|l| l.pallet == b"pallet_probe").unwrap();
	let names: Vec<&[u8]> = probe.benchmarks.iter().map(|b| &b.name[..]).collect();
	assert_eq!(names, [&b"allocate"[..], b"recurse", b"storage_rollback"]);
	let clock = lists.iter().find(|l| l.pallet == b"pallet_nonce_clock").unwrap();
	let names: Vec<&[u8]> = clock.benchmarks.iter().map(|b| &b.name[..]).collect();
	assert_eq!(names, [&b"now"[..]]);
	let validators = lists.iter().find(|l| l.pallet == b"pallet_validator_set").unwrap();
	let names: Vec<&[u8]> = validators.benchmarks.iter().map(|b| &b.name[..]).collect();
	assert_eq!(names, [&b"add_validator"[..], b"remove_validator", b"on_offence"]);
	let reports = lists.iter().find(|l| l.pallet == b"pallet_equivocation").unwrap();
	let names: Vec<&[u8]> = reports.benchmarks.iter().map(|b| &b.name[..]).collect();
	assert_eq!(names, [&b"check_equivocation_proof"[..]]);
	assert!(!storage.is_empty());
}

/// The benchmarks fixture over the development genesis, as frame-omni-bencher runs it.
struct Bench {
	code: &'static [u8],
	state: sc_client_db::BenchmarkingState<sp_runtime::traits::BlakeTwo256>,
	executor: WasmExecutor<HostFunctions>,
}

impl Bench {
	fn new() -> Self {
		let code = mvp_chain::fixtures::BENCHMARKS.expect("fixtures are built with the blob");
		let mut genesis = genesis("development").storage;
		genesis.top.insert(well_known_keys::CODE.to_vec(), code.to_vec());
		// No proof recording; reads and writes tracked, as the bencher runs.
		let state = sc_client_db::BenchmarkingState::new(genesis, None, false, true)
			.expect("a benchmarking state");
		Self { code, state, executor: WasmExecutor::builder().build() }
	}

	fn call(&self, method: &str, input: &[u8]) -> Vec<u8> {
		let fetcher = WrappedRuntimeCode(self.code.into());
		let runtime_code = RuntimeCode {
			code_fetcher: &fetcher,
			hash: sp_io::hashing::blake2_256(self.code).to_vec(),
			heap_pages: None,
		};
		let mut extensions = sp_externalities::Extensions::default();
		extensions
			.register(sp_keystore::KeystoreExt::new(sp_keystore::testing::MemoryKeystore::new()));
		extensions.register(sp_core::traits::ReadRuntimeVersionExt::new(
			WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build(),
		));
		let mut changes = sp_state_machine::OverlayedChanges::default();
		let answer = sp_state_machine::StateMachine::new(
			&self.state,
			&mut changes,
			&self.executor,
			method,
			input,
			&mut extensions,
			&runtime_code,
			CallContext::Offchain,
		)
		.execute();
		answer.unwrap_or_else(|e| panic!("{method}: {e}"))
	}
}

/// Every benchmark the runtime lists runs once, each component at its lowest value, with its
/// own verification.
#[test]
fn every_benchmark_runs_once_and_verifies() {
	use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig};
	let bench = Bench::new();
	let (lists, _): (Vec<BenchmarkList>, Vec<StorageInfo>) = decode_exact(
		"benchmark_metadata",
		&bench.call("Benchmark_benchmark_metadata", &false.encode()),
	)
	.unwrap_or_else(|e| panic!("{e}"));
	let mut ran = 0;
	for list in &lists {
		for benchmark in &list.benchmarks {
			let name = format!(
				"{}::{}",
				String::from_utf8_lossy(&list.pallet),
				String::from_utf8_lossy(&benchmark.name)
			);
			let selected: Vec<_> =
				benchmark.components.iter().map(|(param, low, _)| (*param, *low)).collect();
			let config = BenchmarkConfig {
				pallet: list.pallet.clone(),
				instance: list.instance.clone(),
				benchmark: benchmark.name.clone(),
				selected_components: selected.clone(),
				verify: true,
				internal_repeats: 1,
			};
			let out = bench.call("Benchmark_dispatch_benchmark", &config.encode());
			let answer: Result<Vec<BenchmarkBatch>, String> =
				decode_exact("dispatch_benchmark", &out).unwrap_or_else(|e| panic!("{e}"));
			let batches = answer.unwrap_or_else(|e| panic!("{name}: {e}"));
			// Exactly one batch: a skipped benchmark gives none.
			assert_eq!(batches.len(), 1, "{name}: {batches:?}");
			let batch = &batches[0];
			assert_eq!(
				(&batch.pallet, &batch.instance, &batch.benchmark),
				(&list.pallet, &list.instance, &benchmark.name),
				"{name}"
			);
			assert_eq!(batch.results.len(), 1, "{name}: one run");
			assert_eq!(batch.results[0].components, selected, "{name}");
			ran += 1;
		}
	}
	// Every pallet's benchmarks (above): the counts of frame-system's, balances' and ours alone
	// pass 30.
	assert!(ran >= 30, "{ran} benchmarks ran");
}
