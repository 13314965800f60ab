//! Every runtime API the blob exports, called and its answer decoded and checked.

use crate::{
	chain::{dev_chain, genesis, genesis_of, pallets_in, slot_time, transfer, Chain, Ours},
	host::{in_hosts, is_native, probe_blob, Host, HostExt},
};
use codec::{Decode, Encode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use frame_support::dispatch::GetDispatchInfo;
use frame_support::view_functions::{ViewFunction, ViewFunctionDispatchError, ViewFunctionId};
use mvp_chain_runtime::{Balance, Header, Runtime, UncheckedExtrinsic, SLOT_DURATION, VERSION};
use pallet_transaction_payment::{FeeDetails, RuntimeDispatchInfo};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::{AuthorityId as GrandpaId, AuthorityList, OpaqueKeyOwnershipProof};
use sp_core::crypto::KeyTypeId;
use sp_core::storage::Storage;
use sp_inherents::{CheckInherentsResult, InherentData};
use sp_keyring::{
	Ed25519Keyring,
	Sr25519Keyring::{self, Alice, Bob, Charlie, Dave},
};
use sp_keystore::Keystore;
use sp_runtime::{
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidity, TransactionValidityError,
	},
	Weight,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;

fn dev_host<H: Host>(new: fn(Storage) -> H) -> H {
	new(genesis("development").storage)
}

fn core_version_lists_every_api_at_the_release_version<H: Host + 'static>(new: fn(Storage) -> H) {
	let version: RuntimeVersion = dev_host(new).query("Core_version", ());
	assert_eq!(version.spec_name, "mvp-chain");
	// Natively `Core_version` is `VERSION` itself (the native host checked the blob's against
	// it before the call); from the blob it must equal what the native build derives from the
	// API traits' versions.
	if !is_native::<H>() {
		assert_eq!(version.spec_version, VERSION.spec_version);
		assert_eq!(version.apis, VERSION.apis);
	}
	for name in [
		"Core",
		"Metadata",
		"BlockBuilder",
		"TaggedTransactionQueue",
		"OffchainWorkerApi",
		"AuraApi",
		"GrandpaApi",
		"SessionKeys",
		"AccountNonceApi",
		"TransactionPaymentApi",
		"TransactionPaymentCallApi",
		"GenesisBuilder",
		"RuntimeViewFunction",
	] {
		let id = sp_crypto_hashing::blake2_64(name.as_bytes());
		assert!(version.apis.iter().any(|(api, _)| *api == id), "{name} missing from Core_version");
	}
}

in_hosts!(core_version_lists_every_api_at_the_release_version: wasmtime, native);

fn pallet_names(metadata: &RuntimeMetadata) -> Vec<String> {
	match metadata {
		RuntimeMetadata::V14(m) => m.pallets.iter().map(|p| p.name.clone()).collect(),
		RuntimeMetadata::V15(m) => m.pallets.iter().map(|p| p.name.clone()).collect(),
		RuntimeMetadata::V16(m) => m.pallets.iter().map(|p| p.name.clone()).collect(),
		other => panic!("unexpected metadata version {}", other.version()),
	}
}

fn metadata_decodes_at_every_listed_version<H: Host + 'static>(new: fn(Storage) -> H) {
	let mut host = dev_host(new);
	let expected = pallets_in::<H>();

	// `OpaqueMetadata` encodes as the bytes it wraps.
	let raw: Vec<u8> = host.query("Metadata_metadata", ());
	let default = RuntimeMetadataPrefixed::decode(&mut &raw[..]).expect("metadata decodes");
	assert_eq!(default.1.version(), 14, "the default metadata is V14");
	assert_eq!(pallet_names(&default.1), expected);

	let versions: Vec<u32> = host.query("Metadata_metadata_versions", ());
	for v in [14, 15, 16] {
		assert!(versions.contains(&v), "V{v} not offered: {versions:?}");
	}
	for v in versions.iter().copied().filter(|v| *v != u32::MAX) {
		let at: Option<Vec<u8>> = host.query("Metadata_metadata_at_version", v);
		let raw = at.unwrap_or_else(|| panic!("V{v} listed but not served"));
		let metadata = RuntimeMetadataPrefixed::decode(&mut &raw[..]).expect("metadata decodes");
		assert_eq!(metadata.1.version(), v);
		assert_eq!(pallet_names(&metadata.1), expected, "V{v}");
	}
	let absent: Option<Vec<u8>> = host.query("Metadata_metadata_at_version", 13u32);
	assert!(absent.is_none());
}

in_hosts!(metadata_decodes_at_every_listed_version: wasmtime, native);

fn check_inherents_accepts_the_authored_block_and_refuses_a_far_future_one<H: Host>(
	new: fn(Storage) -> H,
) {
	let (mut chain, genesis) = dev_chain(new);
	let header = chain.next_header();
	let block = chain.build_block(vec![]).block;
	let slot_time = |data_offset: i64| {
		let now = slot_time(&header).checked_add_signed(data_offset).expect("after the epoch");
		let mut data = InherentData::new();
		data.put_data(sp_timestamp::INHERENT_IDENTIFIER, &now).unwrap();
		data
	};
	let mut parent = new(genesis.storage.clone());
	let good: CheckInherentsResult =
		parent.query("BlockBuilder_check_inherents", (&block, slot_time(0)));
	assert!(good.ok());
	// The node's clock is far behind the block's timestamp: the block is from the future,
	// refused for good, for its timestamp and nothing else.
	let bad: CheckInherentsResult =
		parent.query("BlockBuilder_check_inherents", (&block, slot_time(-3_600_000)));
	assert!(!bad.ok() && bad.fatal_error(), "a block from the future is refused for good");
	let errors: Vec<_> = bad.into_errors().collect();
	assert_eq!(
		errors,
		vec![(
			sp_timestamp::INHERENT_IDENTIFIER,
			sp_timestamp::InherentError::TooFarInFuture.encode()
		)],
	);
}

in_hosts!(check_inherents_accepts_the_authored_block_and_refuses_a_far_future_one: wasmtime, native);

/// No pallet of ours has an offchain worker: on an imported header it answers `()` and writes
/// only what `Executive::offchain_worker` sets up for the pallets, the header's hash under
/// `System::BlockHash` and the intra-block entropy.
fn offchain_worker_only_notes_the_header<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let header: Header = chain.build_block(vec![]).block.header;
	let before = chain.host.pairs();
	// Kept (a node discards them), so that what it wrote can be seen.
	let out = chain
		.host
		.call("OffchainWorkerApi_offchain_worker", &header.encode())
		.unwrap_or_else(|e| panic!("{e}"));
	assert!(out.is_empty(), "`()` encodes as no bytes: {out:?}");
	let after = chain.host.pairs();
	let changed: std::collections::BTreeSet<&Vec<u8>> = before
		.keys()
		.chain(after.keys())
		.filter(|key| before.get(*key) != after.get(*key))
		.collect();
	let block_hash = frame_system::BlockHash::<Runtime>::hashed_key_for(header.number);
	let entropy = sp_core::storage::well_known_keys::INTRABLOCK_ENTROPY.to_vec();
	assert_eq!(changed, [&block_hash, &entropy].into_iter().collect());
	assert_eq!(after.get(&block_hash), Some(&header.hash().encode()));
}

in_hosts!(offchain_worker_only_notes_the_header: wasmtime, native);

fn aura_reports_slot_duration_and_authorities<H: Host>(new: fn(Storage) -> H) {
	let mut host = dev_host(new);
	let duration: u64 = host.query("AuraApi_slot_duration", ());
	assert_eq!(duration, SLOT_DURATION);
	let authorities: Vec<AuraId> = host.query("AuraApi_authorities", ());
	assert_eq!(authorities, vec![AuraId::from(Alice.public())]);

	let mut local = new(genesis("local_testnet").storage);
	let authorities: Vec<AuraId> = local.query("AuraApi_authorities", ());
	let four = [Alice, Bob, Charlie, Dave].map(|k| AuraId::from(k.public())).to_vec();
	assert_eq!(authorities, four);
}

in_hosts!(aura_reports_slot_duration_and_authorities: wasmtime, native);

fn grandpa_answers_its_authorities_and_set_id<H: Host>(new: fn(Storage) -> H) {
	let mut host = dev_host(new);
	let authorities: AuthorityList = host.query("GrandpaApi_grandpa_authorities", ());
	assert_eq!(authorities, vec![(GrandpaId::from(Ed25519Keyring::Alice.public()), 1)]);
	let set_id: u64 = host.query("GrandpaApi_current_set_id", ());
	assert_eq!(set_id, 0);
}

in_hosts!(grandpa_answers_its_authorities_and_set_id: wasmtime, native);

/// A GRANDPA equivocation report with a key-ownership proof from the runtime: refused from the
/// network and, forged, refused in validation (not only at dispatch, as `pallet-grandpa` alone
/// would); a valid one from the node itself enters a block and is recorded as an offence.
fn grandpa_reports_are_checked_in_validation<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let alice = GrandpaId::from(Ed25519Keyring::Alice.public());
	let proof: Option<OpaqueKeyOwnershipProof> =
		chain.host.query("GrandpaApi_generate_key_ownership_proof", (0u64, alice));
	let key_owner_proof: sp_session::MembershipProof =
		proof.expect("Alice is a validator").decode().expect("a membership proof");
	let report = |equivocation_proof| {
		let call =
			pallet_grandpa::Call::<mvp_chain_runtime::Runtime>::report_equivocation_unsigned {
				equivocation_proof: Box::new(equivocation_proof),
				key_owner_proof: key_owner_proof.clone(),
			};
		UncheckedExtrinsic::new_bare(mvp_chain_runtime::RuntimeCall::Grandpa(call))
	};
	let validate = |chain: &mut Chain<H>, source: TransactionSource, xt: &UncheckedExtrinsic| {
		let validity: TransactionValidity = chain
			.host
			.query("TaggedTransactionQueue_validate_transaction", (source, xt, chain.head.hash()));
		validity
	};
	let forged = report(equivocation_report());
	assert_eq!(
		validate(&mut chain, TransactionSource::Local, &forged),
		Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof)),
		"votes not signed as GRANDPA signs them"
	);
	let valid = report(signed_equivocation_report());
	assert_eq!(
		validate(&mut chain, TransactionSource::External, &valid),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Call)),
		"another node's report"
	);
	assert!(validate(&mut chain, TransactionSource::Local, &valid).is_ok());
	let built = chain.build_block(vec![valid.clone()]);
	assert_eq!(built.results, vec![Ok(Ok(()))]);
	assert!(built.events.iter().any(|r| matches!(&r.event,
		mvp_chain_runtime::RuntimeEvent::Offences(pallet_offences::Event::Offence { kind, .. })
			if kind == b"grandpa:equivoca")));
	assert_eq!(
		validate(&mut chain, TransactionSource::Local, &valid),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Stale)),
		"the same report again"
	);
}

in_hosts!(grandpa_reports_are_checked_in_validation: wasmtime, native);

fn session_keys_are_generated_into_the_keystore_and_decode<H: Host>(new: fn(Storage) -> H) {
	let mut host = dev_host(new);
	let owner = Alice.to_account_id().encode();
	let generated: OpaqueGeneratedSessionKeys =
		host.query("SessionKeys_generate_session_keys", (owner, None::<Vec<u8>>));
	let decoded: Option<Vec<(Vec<u8>, KeyTypeId)>> =
		host.query("SessionKeys_decode_session_keys", &generated.keys);
	let decoded = decoded.expect("freshly generated keys decode");
	assert_eq!(
		decoded.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
		vec![KeyTypeId(*b"aura"), KeyTypeId(*b"gran")]
	);
	let aura: [u8; 32] = decoded[0].0.clone().try_into().expect("an sr25519 key");
	let grandpa: [u8; 32] = decoded[1].0.clone().try_into().expect("an ed25519 key");
	assert!(host
		.keystore()
		.expect("a keystore")
		.sr25519_public_keys(KeyTypeId(*b"aura"))
		.contains(&aura.into()));
	assert!(host
		.keystore()
		.expect("a keystore")
		.ed25519_public_keys(KeyTypeId(*b"gran"))
		.contains(&grandpa.into()));
	assert!(!generated.proof.is_empty(), "the keys come with an ownership proof");

	let garbage: Option<Vec<(Vec<u8>, KeyTypeId)>> =
		host.query("SessionKeys_decode_session_keys", vec![1u8, 2, 3]);
	assert!(garbage.is_none());
}

in_hosts!(session_keys_are_generated_into_the_keystore_and_decode: wasmtime, native);

fn transaction_payment_apis_agree_with_each_other<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let call = transfer(Bob, 5);
	let xt = chain.sign(Alice, call.clone(), 0);
	let len = xt.encoded_size() as u32;

	let info: RuntimeDispatchInfo<Balance> =
		chain.host.query("TransactionPaymentApi_query_info", (&xt, len));
	let details: FeeDetails<Balance> =
		chain.host.query("TransactionPaymentApi_query_fee_details", (&xt, len));
	let inclusion =
		details.inclusion_fee.clone().expect("signed transactions pay an inclusion fee");
	assert_eq!(
		inclusion.base_fee + inclusion.len_fee + inclusion.adjusted_weight_fee,
		info.partial_fee
	);
	assert_eq!(inclusion.len_fee, Balance::from(len), "one unit per byte");

	let weight = Weight::from_parts(1_234_567, 0);
	for api in ["TransactionPaymentApi", "TransactionPaymentCallApi"] {
		let by_weight: Balance = chain.host.query(&format!("{api}_query_weight_to_fee"), weight);
		assert_eq!(by_weight, 1_234_567, "{api}: one unit per unit of ref time");
		let by_length: Balance = chain.host.query(&format!("{api}_query_length_to_fee"), 321u32);
		assert_eq!(by_length, 321, "{api}");
	}
	assert_eq!(
		inclusion.adjusted_weight_fee,
		chain.host.query::<Balance>("TransactionPaymentApi_query_weight_to_fee", info.weight)
	);

	// The call alone weighs what its dispatch info says; the extrinsic adds its extensions.
	let call_info: RuntimeDispatchInfo<Balance> =
		chain.host.query("TransactionPaymentCallApi_query_call_info", (&call, len));
	assert_eq!(call_info.weight, call.get_dispatch_info().call_weight);
	assert!(call_info.weight.all_lt(info.weight));
	assert_eq!(call_info.class, info.class);
	let call_details: FeeDetails<Balance> =
		chain.host.query("TransactionPaymentCallApi_query_call_fee_details", (&call, len));
	let call_inclusion = call_details.inclusion_fee.expect("an inclusion fee");
	assert_eq!(call_inclusion.base_fee, inclusion.base_fee);
	assert_eq!(call_inclusion.len_fee, inclusion.len_fee);
	assert_eq!(call_inclusion.adjusted_weight_fee, Balance::from(call_info.weight.ref_time()));
	assert_eq!(
		call_inclusion.base_fee + call_inclusion.len_fee + call_inclusion.adjusted_weight_fee,
		call_info.partial_fee
	);
}

in_hosts!(transaction_payment_apis_agree_with_each_other: wasmtime, native);

fn genesis_builder_lists_serves_and_validates_presets<H: Host>(new: fn(Storage) -> H) {
	let mut host = dev_host(new);
	let names: Vec<String> = host.query("GenesisBuilder_preset_names", ());
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);

	let local: Option<Vec<u8>> =
		host.query("GenesisBuilder_get_preset", Some("local_testnet".to_string()));
	let local: serde_json::Value =
		serde_json::from_slice(&local.expect("local_testnet exists")).unwrap();
	assert_eq!(local["validatorSet"]["validators"].as_array().map(Vec::len), Some(4));
	assert_eq!(local["session"]["keys"].as_array().map(Vec::len), Some(4));
	let sudo = local["sudo"]["key"].as_str().expect("a sudo key");
	assert_eq!(sudo, sp_core::crypto::Ss58Codec::to_ss58check(&Alice.to_account_id()));
	let endowed = local["balances"]["balances"].as_array().expect("balances");
	assert_eq!(endowed.len(), Sr25519Keyring::well_known().count());

	let unknown: Option<Vec<u8>> =
		host.query("GenesisBuilder_get_preset", Some("mainnet".to_string()));
	assert!(unknown.is_none());
	let refused: Result<(), String> =
		host.query("GenesisBuilder_build_state", b"{not json".to_vec());
	assert!(refused.expect_err("bad JSON is refused").contains("Invalid JSON"));
}

in_hosts!(genesis_builder_lists_serves_and_validates_presets: wasmtime, native);

/// Through the probe fixture, whose pallet has a view function (the shipped pallets have none).
fn view_functions_dispatch_by_id<H: Host>(new: fn(Storage) -> H) {
	let genesis = genesis_of(probe_blob(), "development");
	let mut host = new(genesis.storage.clone());
	let id = pallet_probe::ScratchViewFunction::<Runtime>::id();
	let answer: Result<Vec<u8>, ViewFunctionDispatchError> =
		host.query("RuntimeViewFunction_execute_view_function", (&id, ().encode()));
	assert_eq!(answer.expect("the probe's view function exists"), None::<u32>.encode());
	// It reads the state: a value put there is what it answers.
	let mut state = genesis.storage;
	state.top.insert(pallet_probe::Scratch::<Runtime>::hashed_key().to_vec(), 42u32.encode());
	let answer: Result<Vec<u8>, ViewFunctionDispatchError> =
		new(state).query("RuntimeViewFunction_execute_view_function", (&id, ().encode()));
	assert_eq!(answer.expect("the probe's view function exists"), Some(42u32).encode());

	let unknown = ViewFunctionId { prefix: [7; 16], suffix: [9; 16] };
	let answer: Result<Vec<u8>, ViewFunctionDispatchError> =
		host.query("RuntimeViewFunction_execute_view_function", (&unknown, ().encode()));
	assert!(matches!(answer, Err(ViewFunctionDispatchError::NotFound(_))), "{answer:?}");
}

in_hosts!(view_functions_dispatch_by_id: wasmtime, native);

/// Alice prevoting for two blocks in round 1 of set 0, signed as GRANDPA signs votes: a valid
/// GRANDPA equivocation report.
pub fn signed_equivocation_report() -> sp_consensus_grandpa::EquivocationProof<sp_core::H256, u32> {
	alice_prevotes_twice(|prevote| {
		let message = finality_grandpa::Message::Prevote(prevote.clone());
		sp_consensus_grandpa::localized_payload(1, 0, &message)
	})
}

/// Alice prevoting for two blocks in one round, the votes signed bare (not as GRANDPA signs
/// them): a well-formed GRANDPA equivocation report whose proof does not hold.
pub fn equivocation_report() -> sp_consensus_grandpa::EquivocationProof<sp_core::H256, u32> {
	alice_prevotes_twice(|prevote| prevote.encode())
}

/// Alice's prevotes for blocks 0x01… and 0x02… at height 1, each signed over `signed(vote)`.
fn alice_prevotes_twice(
	signed: fn(&finality_grandpa::Prevote<sp_core::H256, u32>) -> Vec<u8>,
) -> sp_consensus_grandpa::EquivocationProof<sp_core::H256, u32> {
	let vote = |target: u8| {
		let prevote = finality_grandpa::Prevote {
			target_hash: sp_core::H256::repeat_byte(target),
			target_number: 1u32,
		};
		let signature = Ed25519Keyring::Alice.sign(&signed(&prevote));
		(prevote, sp_consensus_grandpa::AuthoritySignature::from(signature))
	};
	let equivocation =
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: 1,
			identity: GrandpaId::from(Ed25519Keyring::Alice.public()),
			first: vote(1),
			second: vote(2),
		});
	sp_consensus_grandpa::EquivocationProof::new(0, equivocation)
}
