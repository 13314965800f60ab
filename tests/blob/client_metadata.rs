//! Client libraries load this runtime's metadata: subxt's metadata crate decodes every version
//! `Metadata_metadata_versions` lists and finds the pallets, calls, storage, extensions,
//! runtime APIs and view functions a wallet or tool relies on.

use crate::{
	chain::{self, genesis, genesis_of, pallets_in},
	host::{in_hosts, is_native, probe_blob, Host, HostExt, Wasmtime},
};
use scale_info::{TypeDef, TypeDefPrimitive};
use sp_core::storage::Storage;

/// The primitive type `id` is, seen through compact encoding and single-field wrappers.
fn primitive(metadata: &subxt_metadata::Metadata, id: u32) -> Option<TypeDefPrimitive> {
	match &metadata.types().resolve(id)?.type_def {
		TypeDef::Primitive(p) => Some(p.clone()),
		TypeDef::Compact(c) => primitive(metadata, c.type_param.id),
		TypeDef::Composite(c) if c.fields.len() == 1 => primitive(metadata, c.fields[0].ty.id),
		_ => None,
	}
}

fn subxt_loads_every_listed_metadata_version<H: Host + 'static>(new: fn(Storage) -> H) {
	let mut host = new(genesis("development").storage);
	let versions: Vec<u32> = host.query("Metadata_metadata_versions", ());
	for v in [14, 15, 16] {
		assert!(versions.contains(&v), "V{v} not offered: {versions:?}");
	}
	// u32::MAX stands for the unstable metadata version, when a runtime offers it.
	for version in versions.into_iter().filter(|v| *v != u32::MAX) {
		let raw: Option<Vec<u8>> = host.query("Metadata_metadata_at_version", version);
		let raw = raw.unwrap_or_else(|| panic!("V{version} listed but not served"));
		let metadata = subxt_metadata::Metadata::decode_from(&raw)
			.unwrap_or_else(|e| panic!("subxt cannot load V{version}: {e}"));

		let names: Vec<&str> = metadata.pallets().map(|p| p.name()).collect();
		assert_eq!(names, pallets_in::<H>(), "V{version}");
		assert_eq!(names.contains(&"Probe"), is_native::<H>(), "the probe ships in no blob");
		let pallet = |name| metadata.pallet_by_name(name).expect("listed above");
		assert!(pallet("Balances").call_variant_by_name("transfer_keep_alive").is_some());
		assert!(pallet("System").storage().and_then(|s| s.entry_by_name("Account")).is_some());
		assert!(pallet("Balances").constant_by_name("ExistentialDeposit").is_some());

		let extensions: Vec<&str> = metadata
			.extrinsic()
			.transaction_extensions_by_version(0)
			.expect("extensions for extrinsic version 4")
			.map(|e| e.identifier())
			.collect();
		assert_eq!(extensions, chain::extensions(), "V{version}");
		// The nonce a wallet signs and reads is a plain `u32` (every Polkadot node's), not the
		// `TypeWithDefault` wrapper it is in the runtime.
		let check_nonce = metadata
			.extrinsic()
			.transaction_extensions_by_version(0)
			.expect("listed above")
			.find(|e| e.identifier() == "CheckNonce")
			.expect("CheckNonce");
		assert_eq!(primitive(&metadata, check_nonce.extra_ty()), Some(TypeDefPrimitive::U32));

		if version >= 15 {
			let core = metadata.runtime_api_trait_by_name("Core").expect("Core in V15+");
			assert!(core.method_by_name("version").is_some());
			for api in
				["TaggedTransactionQueue", "BlockBuilder", "AccountNonceApi", "GenesisBuilder"]
			{
				assert!(metadata.runtime_api_trait_by_name(api).is_some(), "{api} in V{version}");
			}
			let nonce_api = metadata.runtime_api_trait_by_name("AccountNonceApi").expect("above");
			let answer = nonce_api.method_by_name("account_nonce").expect("account_nonce");
			assert_eq!(primitive(&metadata, answer.output_ty()), Some(TypeDefPrimitive::U32));
		}
	}
}

in_hosts!(subxt_loads_every_listed_metadata_version: wasmtime, native);

/// The probe fixture's metadata: the probe's calls, and from V16 its view function, which
/// subxt finds.
#[test]
fn subxt_finds_the_probe_fixtures_calls_and_view_function() {
	let mut host = Wasmtime::new(genesis_of(probe_blob(), "development").storage);
	let raw: Option<Vec<u8>> = host.query("Metadata_metadata_at_version", 16u32);
	let metadata = subxt_metadata::Metadata::decode_from(&raw.expect("V16")[..]).expect("V16");
	let probe = metadata.pallet_by_name("Probe").expect("the fixture has the probe");
	assert!(probe.call_variant_by_name("allocate").is_some());
	assert!(probe.view_function_by_name("scratch").is_some());
}
