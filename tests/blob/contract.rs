//! The contract between each blob (the solochain's and the parachain's) and every host: strict
//! Wasm MVP, imported memory, only host functions a real node registers, the exports a node
//! calls, version sections that agree with `Core_version`.

use crate::{
	chain::genesis_of,
	host::{blob, HostExt, Wasmtime},
};
use sc_executor::{sp_wasm_interface::HostFunctions, RuntimeVersion};
use sc_executor_common::runtime_blob::RuntimeBlob;
use std::collections::BTreeSet;
use wasmparser::{
	ExternalKind, FuncType, Parser, Payload, TypeRef, ValType, Validator, WasmFeatures,
};

/// The runtime API functions both runtimes export, which nodes and wallets call.
const SHARED_ENTRY_POINTS: &[&str] = &[
	"Core_version",
	"Core_execute_block",
	"Core_initialize_block",
	"Metadata_metadata",
	"Metadata_metadata_at_version",
	"Metadata_metadata_versions",
	"BlockBuilder_apply_extrinsic",
	"BlockBuilder_finalize_block",
	"BlockBuilder_inherent_extrinsics",
	"BlockBuilder_check_inherents",
	"TaggedTransactionQueue_validate_transaction",
	"OffchainWorkerApi_offchain_worker",
	"AuraApi_slot_duration",
	"AuraApi_authorities",
	"SessionKeys_generate_session_keys",
	"SessionKeys_decode_session_keys",
	"AccountNonceApi_account_nonce",
	"TransactionPaymentApi_query_info",
	"TransactionPaymentApi_query_fee_details",
	"TransactionPaymentApi_query_weight_to_fee",
	"TransactionPaymentApi_query_length_to_fee",
	"TransactionPaymentCallApi_query_call_info",
	"TransactionPaymentCallApi_query_call_fee_details",
	"TransactionPaymentCallApi_query_weight_to_fee",
	"TransactionPaymentCallApi_query_length_to_fee",
	"GenesisBuilder_build_state",
	"GenesisBuilder_get_preset",
	"GenesisBuilder_preset_names",
	"RuntimeViewFunction_execute_view_function",
];

/// The solochain's own: finality and misbehaviour reports.
const SOLOCHAIN_ENTRY_POINTS: &[&str] = &[
	"GrandpaApi_grandpa_authorities",
	"GrandpaApi_current_set_id",
	"GrandpaApi_submit_report_equivocation_unsigned_extrinsic",
	"GrandpaApi_generate_key_ownership_proof",
	"AuraEquivocationApi_generate_key_ownership_proof",
	"AuraEquivocationApi_submit_report_equivocation_unsigned_extrinsic",
];

/// The parachain's own: what collators and polkadot-omni-node ask, and what relay chain
/// validators run.
const PARACHAIN_ENTRY_POINTS: &[&str] = &[
	"CollectCollationInfo_collect_collation_info",
	"AuraUnincludedSegmentApi_can_build_upon",
	"GetParachainInfo_parachain_id",
	"RelayParentOffsetApi_relay_parent_offset",
	"RelayParentOffsetApi_max_claim_queue_offset",
	"validate_block",
];

/// Every runtime API function a node or wallet calls on the solochain.
pub fn entry_points() -> Vec<&'static str> {
	[SHARED_ENTRY_POINTS, SOLOCHAIN_ENTRY_POINTS].concat()
}

/// A blob under contract: its name in messages, its code, the spec name it reports, the entry
/// points it must export.
struct Runtime {
	name: &'static str,
	blob: &'static [u8],
	spec_name: &'static str,
	entry_points: Vec<&'static str>,
}

fn runtimes() -> [Runtime; 2] {
	[
		Runtime {
			name: "the solochain",
			blob: blob(),
			spec_name: "mvp-chain",
			entry_points: entry_points(),
		},
		Runtime {
			name: "the parachain",
			blob: mvp_chain::parachain::WASM_BINARY.expect("the parachain blob is built"),
			spec_name: "mvp-parachain",
			entry_points: [SHARED_ENTRY_POINTS, PARACHAIN_ENTRY_POINTS].concat(),
		},
	]
}

/// What a host sees of the module: imports, exports and function signatures.
struct Module {
	function_imports: Vec<(String, String)>,
	memory_imports: Vec<(String, String)>,
	exports: Vec<(String, ExternalKind, u32)>,
	custom_sections: BTreeSet<String>,
	/// The signature of every function, imported ones first, by function index.
	signatures: Vec<FuncType>,
}

/// The names of every function the solochain's blob exports: the entry points a host may call.
pub fn exported_functions() -> BTreeSet<String> {
	let module = parse(&code(blob()));
	module
		.exports
		.into_iter()
		.filter(|(_, kind, _)| *kind == ExternalKind::Func)
		.map(|(name, _, _)| name)
		.collect()
}

fn code(blob: &[u8]) -> Vec<u8> {
	mvp_host_kit::blob::decompress(blob)
		.expect("the blob is in the sp-maybe-compressed-blob format")
}

fn parse(code: &[u8]) -> Module {
	let mut types = Vec::new();
	let mut module = Module {
		function_imports: Vec::new(),
		memory_imports: Vec::new(),
		exports: Vec::new(),
		custom_sections: BTreeSet::new(),
		signatures: Vec::new(),
	};
	for payload in Parser::new(0).parse_all(code) {
		match payload.expect("parses") {
			Payload::TypeSection(reader) => {
				for group in reader {
					for ty in group.expect("type").into_types() {
						types.push(ty.unwrap_func().clone());
					}
				}
			},
			Payload::ImportSection(reader) => {
				for import in reader {
					let import = import.expect("import");
					let name = (import.module.to_string(), import.name.to_string());
					match import.ty {
						TypeRef::Func(ty) => {
							module.function_imports.push(name);
							module.signatures.push(types[ty as usize].clone());
						},
						TypeRef::Memory(_) => module.memory_imports.push(name),
						other => panic!("unexpected import {name:?}: {other:?}"),
					}
				}
			},
			Payload::FunctionSection(reader) => {
				for ty in reader {
					module.signatures.push(types[ty.expect("function") as usize].clone());
				}
			},
			Payload::ExportSection(reader) => {
				for export in reader {
					let export = export.expect("export");
					module.exports.push((export.name.to_string(), export.kind, export.index));
				}
			},
			Payload::CustomSection(reader) => {
				module.custom_sections.insert(reader.name().to_string());
			},
			_ => {},
		}
	}
	module
}

#[test]
fn validates_as_strict_mvp() {
	for runtime in runtimes() {
		Validator::new_with_features(WasmFeatures::MVP)
			.validate_all(&code(runtime.blob))
			.unwrap_or_else(|e| panic!("{} is not strict Wasm MVP: {e}", runtime.name));
	}
}

/// Every other build of the sources too: the tests' fixtures run in the same hosts.
#[test]
fn every_fixture_validates_as_strict_mvp() {
	use mvp_chain::fixtures::*;
	for (name, fixture) in [
		("next_spec_version", NEXT_SPEC_VERSION),
		("foreign_spec_name", FOREIGN_SPEC_NAME),
		("probe", PROBE),
		("benchmarks", BENCHMARKS),
		("try_runtime", TRY_RUNTIME),
		("parachain_next_spec_version", mvp_chain::parachain::fixtures::NEXT_SPEC_VERSION),
	] {
		let code = mvp_host_kit::blob::decompress(fixture.expect("fixtures are built"))
			.unwrap_or_else(|e| panic!("{name}: {e}"));
		Validator::new_with_features(WasmFeatures::MVP)
			.validate_all(&code)
			.unwrap_or_else(|e| panic!("{name} is not strict Wasm MVP: {e}"));
	}
}

#[test]
fn memory_is_imported_not_exported() {
	for runtime in runtimes() {
		let module = parse(&code(runtime.blob));
		let env_memory = vec![("env".to_string(), "memory".to_string())];
		assert_eq!(module.memory_imports, env_memory, "{}", runtime.name);
		assert!(
			!module.exports.iter().any(|(_, kind, _)| *kind == ExternalKind::Memory),
			"{} must not export its memory",
			runtime.name
		);
	}
}

/// sp-io's host functions, which every node registers, and the one a parachain node adds
/// (polkadot-omni-node's `ParachainHostFunctions`): the solochain needs none of the latter.
#[test]
fn imports_only_host_functions_a_node_registers() {
	let names = |functions: Vec<&'static dyn sc_executor::sp_wasm_interface::Function>| {
		functions.iter().map(|f| f.name().to_string()).collect::<BTreeSet<_>>()
	};
	let substrate = names(sp_io::SubstrateHostFunctions::host_functions());
	let parachain = names(
		cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions::host_functions(),
	);
	assert_eq!(
		parachain,
		["ext_storage_proof_size_storage_proof_size_version_1".to_string()].into()
	);
	for (runtime, extra) in runtimes().iter().zip([BTreeSet::new(), parachain]) {
		let module = parse(&code(runtime.blob));
		assert!(!module.function_imports.is_empty());
		for (module_name, name) in &module.function_imports {
			assert_eq!(
				module_name, "env",
				"{}: {name} is imported from {module_name}",
				runtime.name
			);
			assert!(name.starts_with("ext_"), "{}: {name} is not a host function", runtime.name);
			assert!(
				substrate.contains(name) || extra.contains(name),
				"{}: {name} is not among the host functions its nodes register",
				runtime.name
			);
		}
		// What each registers beyond sp-io's, the blob uses.
		for name in &extra {
			assert!(
				module.function_imports.iter().any(|(_, imported)| imported == name),
				"{} does not import {name}",
				runtime.name
			);
		}
	}
}

#[test]
fn exports_the_heap_symbols_the_table_and_every_entry_point() {
	for runtime in runtimes() {
		let module = parse(&code(runtime.blob));
		let export = |name: &str| {
			module.exports.iter().find(|(n, _, _)| n == name).map(|(_, k, i)| (*k, *i))
		};
		let what = runtime.name;
		assert_eq!(export("__heap_base").map(|e| e.0), Some(ExternalKind::Global), "{what}");
		assert_eq!(export("__data_end").map(|e| e.0), Some(ExternalKind::Global), "{what}");
		let table = export("__indirect_function_table").map(|e| e.0);
		assert_eq!(table, Some(ExternalKind::Table), "{what}");
		let entry_point = FuncType::new([ValType::I32, ValType::I32], [ValType::I64]);
		for name in &runtime.entry_points {
			let (kind, index) =
				export(name).unwrap_or_else(|| panic!("{what}: {name} is not exported"));
			assert_eq!(kind, ExternalKind::Func, "{what}: {name}");
			assert_eq!(
				module.signatures[index as usize], entry_point,
				"{what}: {name} is not (i32, i32) -> i64"
			);
		}
	}
}

#[test]
fn keeps_only_the_version_sections() {
	let expected: BTreeSet<String> = ["runtime_version", "runtime_apis"].map(String::from).into();
	for runtime in runtimes() {
		let module = parse(&code(runtime.blob));
		assert_eq!(module.custom_sections, expected, "{}", runtime.name);
	}
}

#[test]
fn version_sections_agree_with_core_version() {
	for runtime in runtimes() {
		let embedded = sc_executor::read_embedded_version(
			&RuntimeBlob::uncompress_if_needed(runtime.blob).expect("blob"),
		)
		.expect("the sections decode")
		.expect("the blob carries the version sections");
		let mut host = Wasmtime::new(genesis_of(runtime.blob, "development").storage);
		let reported: RuntimeVersion = host.query("Core_version", ());
		// The sections list the APIs in link order; a node reads them as a set.
		let sorted = |mut v: RuntimeVersion| {
			v.apis.to_mut().sort();
			v
		};
		assert_eq!(sorted(embedded), sorted(reported.clone()), "{}", runtime.name);
		assert_eq!(reported.spec_name, runtime.spec_name);
	}
}
