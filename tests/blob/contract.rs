//! The contract between the blob and every host: strict Wasm MVP, imported memory, only host
//! functions a real node registers, the exports a node calls, version sections that agree
//! with `Core_version`.

use crate::{
	chain::genesis,
	host::{blob, HostExt, Wasmtime},
};
use sc_executor::{sp_wasm_interface::HostFunctions, RuntimeVersion};
use sc_executor_common::runtime_blob::RuntimeBlob;
use std::collections::BTreeSet;
use wasmparser::{
	ExternalKind, FuncType, Parser, Payload, TypeRef, ValType, Validator, WasmFeatures,
};

/// Every runtime API function a node or wallet calls on this runtime.
pub const ENTRY_POINTS: &[&str] = &[
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
	"GrandpaApi_grandpa_authorities",
	"GrandpaApi_current_set_id",
	"GrandpaApi_submit_report_equivocation_unsigned_extrinsic",
	"GrandpaApi_generate_key_ownership_proof",
	"AuraEquivocationApi_generate_key_ownership_proof",
	"AuraEquivocationApi_submit_report_equivocation_unsigned_extrinsic",
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

/// What a host sees of the module: imports, exports and function signatures.
struct Module {
	function_imports: Vec<(String, String)>,
	memory_imports: Vec<(String, String)>,
	exports: Vec<(String, ExternalKind, u32)>,
	custom_sections: BTreeSet<String>,
	/// The signature of every function, imported ones first, by function index.
	signatures: Vec<FuncType>,
}

/// The names of every function the blob exports: the entry points a host may call.
pub fn exported_functions() -> BTreeSet<String> {
	let module = parse(&code());
	module
		.exports
		.into_iter()
		.filter(|(_, kind, _)| *kind == ExternalKind::Func)
		.map(|(name, _, _)| name)
		.collect()
}

fn code() -> Vec<u8> {
	mvp_host_kit::blob::decompress(blob())
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
	let mut validator = Validator::new_with_features(WasmFeatures::MVP);
	validator
		.validate_all(&code())
		.expect("the blob is valid Wasm MVP with every post-MVP feature off");
}

/// Every other build of the source too: the tests' fixtures run in the same hosts.
#[test]
fn every_fixture_validates_as_strict_mvp() {
	use mvp_chain::fixtures::*;
	for (name, fixture) in [
		("next_spec_version", NEXT_SPEC_VERSION),
		("foreign_spec_name", FOREIGN_SPEC_NAME),
		("probe", PROBE),
		("benchmarks", BENCHMARKS),
		("try_runtime", TRY_RUNTIME),
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
	let module = parse(&code());
	assert_eq!(module.memory_imports, vec![("env".to_string(), "memory".to_string())]);
	assert!(
		!module.exports.iter().any(|(_, kind, _)| *kind == ExternalKind::Memory),
		"memory must not be exported"
	);
}

#[test]
fn imports_only_host_functions_a_node_registers() {
	let provided: BTreeSet<String> = sp_io::SubstrateHostFunctions::host_functions()
		.iter()
		.map(|f| f.name().to_string())
		.collect();
	let module = parse(&code());
	assert!(!module.function_imports.is_empty());
	for (module_name, name) in &module.function_imports {
		assert_eq!(module_name, "env", "{name} is imported from {module_name}");
		assert!(name.starts_with("ext_"), "{name} is not a host function");
		assert!(provided.contains(name), "{name} is not among sp-io's SubstrateHostFunctions");
	}
}

#[test]
fn exports_the_heap_symbols_the_table_and_every_entry_point() {
	let module = parse(&code());
	let export =
		|name: &str| module.exports.iter().find(|(n, _, _)| n == name).map(|(_, k, i)| (*k, *i));
	assert_eq!(export("__heap_base").map(|e| e.0), Some(ExternalKind::Global));
	assert_eq!(export("__data_end").map(|e| e.0), Some(ExternalKind::Global));
	assert_eq!(export("__indirect_function_table").map(|e| e.0), Some(ExternalKind::Table));
	let entry_point = FuncType::new([ValType::I32, ValType::I32], [ValType::I64]);
	for name in ENTRY_POINTS {
		let (kind, index) = export(name).unwrap_or_else(|| panic!("{name} is not exported"));
		assert_eq!(kind, ExternalKind::Func, "{name}");
		assert_eq!(
			module.signatures[index as usize], entry_point,
			"{name} is not (i32, i32) -> i64"
		);
	}
}

#[test]
fn keeps_only_the_version_sections() {
	let module = parse(&code());
	let expected: BTreeSet<String> = ["runtime_version", "runtime_apis"].map(String::from).into();
	assert_eq!(module.custom_sections, expected);
}

#[test]
fn version_sections_agree_with_core_version() {
	let embedded = sc_executor::read_embedded_version(
		&RuntimeBlob::uncompress_if_needed(blob()).expect("blob"),
	)
	.expect("the sections decode")
	.expect("the blob carries the version sections");
	let mut host = Wasmtime::new(genesis("development").storage);
	let reported: RuntimeVersion = host.query("Core_version", ());
	// The sections list the APIs in link order; a node reads them as a set.
	let sorted = |mut v: RuntimeVersion| {
		v.apis.to_mut().sort();
		v
	};
	assert_eq!(sorted(embedded), sorted(reported.clone()));
	assert_eq!(reported.spec_name, "mvp-chain");
}
