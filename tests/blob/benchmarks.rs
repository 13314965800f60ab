//! The `runtime-benchmarks` build of the blob serves the `Benchmark` runtime API: it lists every
//! pallet's benchmarks, in sc-executor with the benchmarking host functions frame-omni-bencher
//! registers. (Running them needs a state backend that commits between repetitions, such as
//! frame-omni-bencher's; `TestExternalities` has none.)

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
	] {
		assert!(pallets.iter().any(|p| p == pallet), "{pallet} not in {pallets:?}");
	}
	let probe = lists.iter().find(|l| l.pallet == b"pallet_probe").unwrap();
	let names: Vec<&[u8]> = probe.benchmarks.iter().map(|b| &b.name[..]).collect();
	assert_eq!(names, [&b"allocate"[..], b"recurse", b"storage_rollback"]);
	let clock = lists.iter().find(|l| l.pallet == b"pallet_nonce_clock").unwrap();
	let names: Vec<&[u8]> = clock.benchmarks.iter().map(|b| &b.name[..]).collect();
	assert_eq!(names, [&b"now"[..]]);
	assert!(!storage.is_empty());
}
