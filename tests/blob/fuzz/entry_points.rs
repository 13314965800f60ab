//! Every entry point the blob exports, with what it must do with any input: the argument and
//! answer types, valid inputs to start mutating from, and whether a trap may be its answer.

use super::{
	calls::{random_call, random_signed},
	mutate::{Field, Seed},
	Fixture,
};
use crate::{
	chain::{body, SHIPPED_PALLETS},
	runtime_apis::equivocation_report,
	sessions::aura_equivocation_report,
};
use codec::{Compact, Decode, DecodeLimit, Encode};
use frame_support::view_functions::{ViewFunction, ViewFunctionDispatchError};
use mvp_chain_runtime::{
	AccountId, Balance, Block, Header, Nonce, Runtime, RuntimeCall, UncheckedExtrinsic,
};
use pallet_transaction_payment::{FeeDetails, RuntimeDispatchInfo};
use rand::rngs::StdRng;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::{AuthorityId as GrandpaId, AuthorityList, OpaqueKeyOwnershipProof};
use sp_core::{crypto::KeyTypeId, OpaqueMetadata, H256};
use sp_inherents::{CheckInherentsResult, InherentData};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring::Alice};
use sp_runtime::{
	generic::Preamble,
	traits::LazyExtrinsic,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode, OpaqueExtrinsic, Weight,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;

/// Why a report's submission may trap: a node calls it with its transaction pool as an
/// extension, and without one the host refuses the submission.
const SUBMITS: &str =
	"a report whose proof decodes goes to the node's pool, an extension only a node supplies";

/// What an entry point may answer.
#[derive(Clone, Copy)]
pub enum Contract {
	/// Any input its arguments decode from gets an answer: errors are values, never traps.
	Answers,
	/// Answers, except for inputs `.0` picks out, which only the node itself supplies and
	/// which the pallets refuse by trapping, as upstream FRAME does.
	AnswersExcept(fn(&[u8]) -> bool, &'static str),
	/// A trap is the protocol's answer to some inputs (an invalid block, a header the chain
	/// cannot follow, inherent data or a seed the node itself supplies). It must be clean: the
	/// next call on the same executor works.
	MayTrap(&'static str),
}

/// The executor state an entry point is called in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
	/// The development genesis, as a node's pool and RPC see the chain's head.
	Head,
	/// Nothing but `:code`: where a node builds genesis.
	Code,
	/// A block being built on it: initialised, the timestamp inherent applied.
	Building,
}

/// Makes a fresh input from the random source.
pub type Fresh = Box<dyn Fn(&mut StdRng) -> Seed>;

pub struct EntryPoint {
	pub name: &'static str,
	pub contract: Contract,
	pub state: State,
	/// Whether the input decodes as the entry point's arguments, as the blob's generated
	/// decoder reads them (trailing bytes ignored); nesting beyond [`MAX_NESTING`] counts as
	/// undecodable.
	pub decodes: fn(&[u8]) -> bool,
	/// Whether an answer decodes, exactly, as the entry point's return type.
	pub answer: fn(&[u8]) -> Result<(), String>,
	pub seeds: Vec<Seed>,
	/// Makes fresh valid-looking inputs (signed random calls), beside mutating the seeds.
	pub fresh: Option<Fresh>,
}

/// A block whose extrinsics stay opaque until executed, as `Core_execute_block` and
/// `BlockBuilder_check_inherents` read their input.
type LazyBlock = sp_runtime::generic::LazyBlock<Header, OpaqueExtrinsic>;

/// How deep arguments may nest and still count as decodable: the depth limit sp-api applied
/// to runtime API arguments before it dropped it. Deeper input may trap on the blob's stack.
const MAX_NESTING: u32 = 256;

fn no_args(input: &[u8]) -> bool {
	input.is_empty()
}

fn args<A: Decode>(input: &[u8]) -> bool {
	A::decode_with_depth_limit(MAX_NESTING, &mut &input[..]).is_ok()
}

/// An opaque extrinsic that is a bare `Timestamp::set`, as an author's inherent is.
fn bare_timestamp(input: &[u8]) -> bool {
	let Ok(opaque) = OpaqueExtrinsic::decode(&mut &input[..]) else { return false };
	UncheckedExtrinsic::decode_unprefixed(opaque.inner()).is_ok_and(|xt| {
		matches!(xt.preamble, Preamble::Bare(_)) && matches!(xt.function, RuntimeCall::Timestamp(_))
	})
}

/// `check_inherents` arguments whose inherent data holds no readable timestamp.
fn without_timestamp(input: &[u8]) -> bool {
	<(LazyBlock, InherentData)>::decode(&mut &input[..]).is_ok_and(|(_, data)| {
		!matches!(data.get_data::<u64>(&sp_timestamp::INHERENT_IDENTIFIER), Ok(Some(_)))
	})
}

/// Whether the shipped blob has every call in `call`. The native runtime these tests link is
/// built with the probe pallet and the blob under test is not, so a `Probe` call, alone or
/// under `Sudo`, decodes here but not in the blob. Sudo's calls are the only ones that nest.
fn shipped(call: &RuntimeCall) -> bool {
	use frame_support::traits::GetCallMetadata;
	use pallet_sudo::Call as Sudo;
	let pallet = call.get_call_metadata().pallet_name;
	SHIPPED_PALLETS.contains(&pallet)
		&& match call {
			RuntimeCall::Sudo(
				Sudo::sudo { call }
				| Sudo::sudo_unchecked_weight { call, .. }
				| Sudo::sudo_as { call, .. },
			) => shipped(call),
			_ => true,
		}
}

/// `(extrinsic, length)` arguments whose extrinsic the shipped blob decodes.
fn xt_args(input: &[u8]) -> bool {
	<(UncheckedExtrinsic, u32)>::decode_with_depth_limit(MAX_NESTING, &mut &input[..])
		.is_ok_and(|(xt, _)| shipped(&xt.function))
}

/// `(call, length)` arguments whose call the shipped blob decodes.
fn call_args(input: &[u8]) -> bool {
	<(RuntimeCall, u32)>::decode_with_depth_limit(MAX_NESTING, &mut &input[..])
		.is_ok_and(|(call, _)| shipped(&call))
}

fn answer<R: Decode>(mut out: &[u8]) -> Result<(), String> {
	R::decode(&mut out).map_err(|e| e.to_string())?;
	out.is_empty().then_some(()).ok_or_else(|| format!("{} bytes after the answer", out.len()))
}

fn raw(value: impl Encode) -> Field {
	Field::Raw(value.encode())
}

fn none() -> Seed {
	Vec::new()
}

/// A block as fields: its header, the count, then each extrinsic's body re-framed on mutation.
fn block_fields(block: &Block) -> Seed {
	let mut fields = vec![raw(&block.header), raw(Compact(block.extrinsics.len() as u32))];
	fields.extend(block.extrinsics.iter().map(|xt| Field::Bytes(body(xt))));
	fields
}

fn entry(
	name: &'static str,
	contract: Contract,
	decodes: fn(&[u8]) -> bool,
	answer: fn(&[u8]) -> Result<(), String>,
	seeds: Vec<Seed>,
) -> EntryPoint {
	EntryPoint { name, contract, state: State::Head, decodes, answer, seeds, fresh: None }
}

pub fn all(fx: &Fixture) -> Vec<EntryPoint> {
	use Contract::*;
	let signed = fx.signed.clone();
	let nonce_zero = fx.params.clone();
	let fresh_xt = move |rng: &mut StdRng| random_signed(rng, |_| nonce_zero.clone());
	let inherent = body(&fx.block.extrinsics[0]);
	let xt_seeds = vec![vec![Field::Bytes(signed.clone())], vec![Field::Bytes(inherent.clone())]];
	let sources =
		[TransactionSource::External, TransactionSource::Local, TransactionSource::InBlock];
	let len = raw(signed.len() as u32);
	let view_id = pallet_probe::ScratchViewFunction::<Runtime>::id();
	let session_keys = [Alice.public().0, Ed25519Keyring::Alice.public().0].concat();
	let block = block_fields(&fx.block);
	let data = raw(&fx.inherent_data);

	let mut all =
		vec![
		entry("Core_version", Answers, no_args, answer::<RuntimeVersion>, vec![none()]),
		entry(
			"Core_execute_block",
			MayTrap("an invalid block is refused by trapping"),
			args::<LazyBlock>,
			answer::<()>,
			vec![block.clone()],
		),
		entry(
			"Core_initialize_block",
			MayTrap("a header the chain cannot follow (slot, digest) is refused by trapping"),
			args::<Header>,
			answer::<ExtrinsicInclusionMode>,
			vec![vec![raw(&fx.block.header)]],
		),
		entry("Metadata_metadata", Answers, no_args, answer::<OpaqueMetadata>, vec![none()]),
		entry(
			"Metadata_metadata_at_version",
			Answers,
			args::<u32>,
			answer::<Option<OpaqueMetadata>>,
			(14u32..=16).map(|v| vec![raw(v)]).collect(),
		),
		entry("Metadata_metadata_versions", Answers, no_args, answer::<Vec<u32>>, vec![none()]),
		EntryPoint {
			state: State::Building,
			fresh: Some(Box::new({
				let fresh_xt = fresh_xt.clone();
				move |rng| vec![Field::Bytes(fresh_xt(rng))]
			})),
			..entry(
				"BlockBuilder_apply_extrinsic",
				AnswersExcept(
					bare_timestamp,
					"a second timestamp inherent: the author's own, which the pool never passes on",
				),
				args::<OpaqueExtrinsic>,
				answer::<ApplyExtrinsicResult>,
				xt_seeds.clone(),
			)
		},
		EntryPoint {
			state: State::Building,
			..entry("BlockBuilder_finalize_block", Answers, no_args, answer::<Header>, vec![none()])
		},
		entry(
			"BlockBuilder_inherent_extrinsics",
			MayTrap("the node's own inherent data: pallets panic on data they cannot read"),
			args::<InherentData>,
			answer::<Vec<OpaqueExtrinsic>>,
			vec![vec![data.clone()]],
		),
		entry(
			"BlockBuilder_check_inherents",
			AnswersExcept(
				without_timestamp,
				"inherent data without a timestamp: the node's own data, not a peer's",
			),
			args::<(LazyBlock, InherentData)>,
			answer::<CheckInherentsResult>,
			vec![[block.clone(), vec![data.clone()]].concat()],
		),
		EntryPoint {
			fresh: Some(Box::new({
				let fresh_xt = fresh_xt.clone();
				let head = fx.genesis_hash;
				move |rng| vec![raw(TransactionSource::External), Field::Bytes(fresh_xt(rng)), raw(head)]
			})),
			..entry(
				"TaggedTransactionQueue_validate_transaction",
				Answers,
				args::<(TransactionSource, OpaqueExtrinsic, H256)>,
				answer::<TransactionValidity>,
				sources
					.iter()
					.flat_map(|source| {
						[&signed, &inherent].map(|xt| {
							vec![raw(source), Field::Bytes(xt.clone()), raw(fx.genesis_hash)]
						})
					})
					.collect(),
			)
		},
		entry(
			"OffchainWorkerApi_offchain_worker",
			MayTrap("the node runs it on headers it has imported"),
			args::<Header>,
			answer::<()>,
			vec![vec![raw(&fx.block.header)]],
		),
		entry("AuraApi_slot_duration", Answers, no_args, answer::<u64>, vec![none()]),
		entry("AuraApi_authorities", Answers, no_args, answer::<Vec<AuraId>>, vec![none()]),
		entry(
			"GrandpaApi_grandpa_authorities",
			Answers,
			no_args,
			answer::<AuthorityList>,
			vec![none()],
		),
		entry("GrandpaApi_current_set_id", Answers, no_args, answer::<u64>, vec![none()]),
		entry(
			"GrandpaApi_submit_report_equivocation_unsigned_extrinsic",
			MayTrap(SUBMITS),
			args::<(sp_consensus_grandpa::EquivocationProof<H256, u32>, OpaqueKeyOwnershipProof)>,
			answer::<Option<()>>,
			vec![vec![raw(equivocation_report()), Field::Bytes(vec![1, 2, 3])]],
		),
		entry(
			"GrandpaApi_generate_key_ownership_proof",
			Answers,
			args::<(u64, GrandpaId)>,
			answer::<Option<OpaqueKeyOwnershipProof>>,
			vec![vec![raw(0u64), raw(Ed25519Keyring::Alice.public())]],
		),
		entry(
			"AuraEquivocationApi_generate_key_ownership_proof",
			Answers,
			args::<(sp_consensus_slots::Slot, AuraId)>,
			answer::<Option<OpaqueKeyOwnershipProof>>,
			vec![vec![raw(sp_consensus_slots::Slot::from(1_000_001)), raw(Alice.public())]],
		),
		entry(
			"AuraEquivocationApi_submit_report_equivocation_unsigned_extrinsic",
			MayTrap(SUBMITS),
			args::<(sp_consensus_slots::EquivocationProof<Header, AuraId>, OpaqueKeyOwnershipProof)>,
			answer::<Option<()>>,
			vec![vec![raw(aura_equivocation_report()), Field::Bytes(vec![1, 2, 3])]],
		),
		entry(
			"SessionKeys_generate_session_keys",
			MayTrap("the node operator's seed: upstream's key generation panics on a non-UTF-8 seed"),
			args::<(Vec<u8>, Option<Vec<u8>>)>,
			answer::<OpaqueGeneratedSessionKeys>,
			vec![
				vec![Field::Bytes(Alice.to_account_id().encode()), raw(None::<Vec<u8>>)],
				vec![Field::Bytes(vec![1, 2, 3]), raw(Some(b"//Alice".to_vec()))],
			],
		),
		entry(
			"SessionKeys_decode_session_keys",
			Answers,
			args::<Vec<u8>>,
			answer::<Option<Vec<(Vec<u8>, KeyTypeId)>>>,
			vec![vec![Field::Bytes(session_keys)]],
		),
		entry(
			"AccountNonceApi_account_nonce",
			Answers,
			args::<AccountId>,
			answer::<Nonce>,
			vec![vec![raw(Alice.to_account_id())]],
		),
		EntryPoint {
			state: State::Code,
			..entry(
				"GenesisBuilder_build_state",
				Answers,
				args::<Vec<u8>>,
				answer::<Result<(), String>>,
				vec![vec![Field::Bytes(fx.config.clone())]],
			)
		},
		entry(
			"GenesisBuilder_get_preset",
			Answers,
			args::<Option<String>>,
			answer::<Option<Vec<u8>>>,
			[None, Some("development"), Some("local_testnet")]
				.map(|id| vec![raw(id.map(String::from))])
				.to_vec(),
		),
		entry("GenesisBuilder_preset_names", Answers, no_args, answer::<Vec<String>>, vec![none()]),
		entry(
			"RuntimeViewFunction_execute_view_function",
			Answers,
			args::<(frame_support::view_functions::ViewFunctionId, Vec<u8>)>,
			answer::<Result<Vec<u8>, ViewFunctionDispatchError>>,
			vec![vec![raw(view_id), Field::Bytes(Vec::new())]],
		),
	];

	for api in ["TransactionPaymentApi", "TransactionPaymentCallApi"] {
		let name = |method: &str| -> &'static str { format!("{api}_{method}").leak() };
		all.push(entry(
			name("query_weight_to_fee"),
			Answers,
			args::<Weight>,
			answer::<Balance>,
			vec![vec![raw(Weight::from_parts(1_000_000, 1_000))]],
		));
		all.push(entry(
			name("query_length_to_fee"),
			Answers,
			args::<u32>,
			answer::<Balance>,
			vec![vec![raw(1_000u32)]],
		));
	}
	for (method, answer) in [
		("query_info", answer::<RuntimeDispatchInfo<Balance>> as fn(&[u8]) -> _),
		("query_fee_details", answer::<FeeDetails<Balance>>),
	] {
		let fresh_xt = fresh_xt.clone();
		all.push(EntryPoint {
			fresh: Some(Box::new(move |rng| {
				let xt = fresh_xt(rng);
				vec![Field::Bytes(xt.clone()), raw(xt.len() as u32)]
			})),
			..entry(
				format!("TransactionPaymentApi_{method}").leak(),
				Answers,
				xt_args,
				answer,
				vec![vec![Field::Bytes(signed.clone()), len.clone()]],
			)
		});
	}
	for (method, answer) in [
		("query_call_info", answer::<RuntimeDispatchInfo<Balance>> as fn(&[u8]) -> _),
		("query_call_fee_details", answer::<FeeDetails<Balance>>),
	] {
		all.push(EntryPoint {
			fresh: Some(Box::new(|rng| vec![raw(random_call(rng, 3)), raw(100u32)])),
			..entry(
				format!("TransactionPaymentCallApi_{method}").leak(),
				Answers,
				call_args,
				answer,
				vec![vec![raw(&fx.call), len.clone()]],
			)
		});
	}
	all
}
