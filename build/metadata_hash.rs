//! RFC-78's metadata hash of a linked runtime, which the second build compiles in as
//! `RUNTIME_METADATA_HASH` (frame-metadata-hash-extension reads it): the runtime's own V15
//! metadata and version, read by running it in smoldot's executor (wasmi), its SS58 prefix
//! from that metadata, and its token from `runtime-common/src/chain_properties.rs`.

#[path = "../runtime-common/src/chain_properties.rs"]
mod chain_properties;
// The digest's one home, shared with the host kit's `info` and tests; the build has the
// metadata decoded already and uses `of_decoded` only.
#[path = "../host-kit/src/metadata_hash.rs"]
#[allow(dead_code)]
mod digest;

use codec::{Decode, Encode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use smoldot::executor::{
	host::{Config, HostVmPrototype},
	runtime_call, storage_diff, vm, DEFAULT_HEAP_PAGES,
};
use std::iter;

pub fn of(wasm: &[u8]) -> [u8; 32] {
	let prototype = HostVmPrototype::new(Config {
		module: wasm,
		heap_pages: DEFAULT_HEAP_PAGES,
		exec_hint: vm::ExecHint::ForceWasmi { lazy_validation: false },
		allow_unresolved_imports: true,
	})
	.unwrap_or_else(|e| panic!("smoldot cannot load the runtime just built: {e}"));
	let version = prototype.runtime_version().decode();
	let (spec_name, spec_version) = (version.spec_name.to_string(), version.spec_version);
	let answer = call(prototype, "Metadata_metadata_at_version", &15u32.encode());
	let metadata = Option::<Vec<u8>>::decode(&mut &answer[..])
		.expect("Metadata_metadata_at_version answers an Option")
		.unwrap_or_else(|| {
			panic!("the runtime serves no V15 metadata (`Metadata_metadata_at_version(15)` is None), which RFC-78's hash is over")
		});
	let metadata = RuntimeMetadataPrefixed::decode(&mut &metadata[..]).expect("V15 decodes").1;
	let extra = digest::ExtraInfo {
		spec_version,
		spec_name,
		base58_prefix: ss58_prefix(&metadata),
		decimals: chain_properties::TOKEN_DECIMALS,
		token_symbol: chain_properties::TOKEN_SYMBOL.to_string(),
	};
	digest::of_decoded(&metadata, &extra).unwrap_or_else(|e| panic!("{e}"))
}

/// `System.SS58Prefix`, as signers read it; it must be the chain properties' prefix.
fn ss58_prefix(metadata: &RuntimeMetadata) -> u16 {
	let RuntimeMetadata::V15(metadata) = metadata else { panic!("not V15 metadata") };
	let system = metadata.pallets.iter().find(|p| p.name == "System").expect("System pallet");
	let constant = system.constants.iter().find(|c| c.name == "SS58Prefix").expect("SS58Prefix");
	let prefix = u16::decode(&mut &constant.value[..]).expect("SS58Prefix is a u16");
	assert_eq!(prefix, chain_properties::SS58_PREFIX, "System.SS58Prefix is not chain_properties'");
	prefix
}

/// Runs a call that needs no storage: any storage the runtime asks for is absent. Not the host
/// kit's smoldot host: that crate embeds the blob this script is building (it depends on this
/// crate), so the script cannot use it; and a call without storage needs none of its state.
fn call(prototype: HostVmPrototype, method: &str, input: &[u8]) -> Vec<u8> {
	let mut call = runtime_call::run(runtime_call::Config {
		virtual_machine: prototype,
		function_to_call: method,
		parameter: iter::once(input),
		storage_main_trie_changes: storage_diff::TrieDiff::empty(),
		storage_proof_size_behavior:
			runtime_call::StorageProofSizeBehavior::proof_recording_disabled(),
		max_log_level: 0,
		calculate_trie_changes: false,
	})
	.unwrap_or_else(|(e, _)| panic!("{method} did not start: {e}"));
	loop {
		call = match call {
			runtime_call::RuntimeCall::Finished(Ok(done)) => {
				return done.virtual_machine.value().as_ref().to_vec()
			},
			runtime_call::RuntimeCall::Finished(Err(e)) => panic!("{method}: {}", e.detail),
			runtime_call::RuntimeCall::StorageGet(r) => {
				r.inject_value(None::<(iter::Empty<&[u8]>, _)>)
			},
			runtime_call::RuntimeCall::NextKey(r) => r.inject_key(None::<iter::Empty<_>>),
			runtime_call::RuntimeCall::ClosestDescendantMerkleValue(r) => r.resume_unknown(),
			runtime_call::RuntimeCall::LogEmit(r) => r.resume(),
			other => panic!("{method} asked the host for more than storage: {}", variant(&other)),
		}
	}
}

fn variant(call: &runtime_call::RuntimeCall) -> &'static str {
	match call {
		runtime_call::RuntimeCall::SignatureVerification(_) => "a signature check",
		runtime_call::RuntimeCall::OffchainStorageSet(_)
		| runtime_call::RuntimeCall::Offchain(_) => "offchain work",
		_ => "an unexpected request",
	}
}
