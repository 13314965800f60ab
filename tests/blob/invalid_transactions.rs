//! Every `InvalidTransaction` and `UnknownTransaction` the runtime can give, each triggered
//! through the executor and checked for its exact variant, from the pool's validation and from
//! block building; and the pool's priority, longevity and tags for valid transactions.

use crate::{
	chain::{dev_chain, sign_as, sudo, transfer, Chain, Ours, OursBlock, TxParams},
	host::{in_hosts, is_native, Host},
};
use codec::Encode;
use mvp_chain_runtime::{
	configs::{RuntimeBlockLength, RuntimeBlockWeights},
	AccountId, Address, Balance, RuntimeCall, SudoCall, TimestampCall, UncheckedExtrinsic, UNIT,
};
use pallet_transaction_payment::RuntimeDispatchInfo;
use sp_core::storage::Storage;
use sp_core::{ed25519, sr25519, Get, Pair, H256};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	generic::Era,
	transaction_validity::{
		InvalidTransaction as Invalid, TransactionValidityError, UnknownTransaction as Unknown,
		ValidTransaction,
	},
	ApplyExtrinsicResult, DispatchError, MultiSignature, Weight,
};

/// A chain five blocks in: Alice sent one transfer in block 1 (her nonce is 1); the hashes of
/// blocks 0 to 5, for mortal eras to be born at.
fn chain_five_blocks_in<H: Host>(new: fn(Storage) -> H) -> (Chain<H>, Vec<H256>) {
	let (mut chain, genesis) = dev_chain(new);
	let mut hashes = vec![genesis.hash()];
	let xt = chain.sign(Alice, transfer(Bob, UNIT), 0);
	assert_eq!(chain.build_block(vec![xt]).results, vec![Ok(Ok(()))]);
	hashes.push(chain.head.hash());
	for _ in 2..=5 {
		chain.build_block(Vec::new());
		hashes.push(chain.head.hash());
	}
	(chain, hashes)
}

fn remark(len: usize) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![1; len] })
}

/// A signed extrinsic from `address` with any signature: the checks before the signature's
/// refuse it.
fn unsigned_by(address: Address, call: RuntimeCall, p: &TxParams) -> UncheckedExtrinsic {
	let signature = MultiSignature::Sr25519(sr25519::Signature::from_raw([0; 64]));
	UncheckedExtrinsic::new_signed(call, address, signature, p.extension().0)
}

/// From the all-zero account, with an ed25519 signature that verifies for any message under
/// that key (a small-order point): only `CheckNonZeroSender` stands in its way.
fn from_zero_account(call: RuntimeCall, p: &TxParams) -> UncheckedExtrinsic {
	let mut raw = [0u8; 64];
	raw[0] = 1; // R is the identity point and s is zero.
	let signature = MultiSignature::Ed25519(ed25519::Signature::from_raw(raw));
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(AccountId::new([0; 32])),
		signature,
		p.extension().0,
	)
}

/// What the pool and a block author each answer.
struct Case {
	name: &'static str,
	xt: Vec<u8>,
	validate: Result<(), TransactionValidityError>,
	/// `None` where only the author itself could put it in a block (a bare inherent).
	apply: Option<ApplyExtrinsicResult>,
}

fn refused(
	name: &'static str,
	xt: impl Encode,
	error: impl Into<TransactionValidityError>,
) -> Case {
	let error = error.into();
	Case { name, xt: xt.encode(), validate: Err(error), apply: Some(Err(error)) }
}

fn each_bad_transaction_gets_its_own_variant_from_the_pool_and_from_block_building<
	H: Host + 'static,
>(
	new: fn(Storage) -> H,
) {
	let (mut chain, hashes) = chain_five_blocks_in(new);
	let good = chain.params(Alice);
	let alice = Alice.to_account_id();
	let call = transfer(Bob, UNIT);
	let signs = |p: TxParams, call: RuntimeCall| sign_as(&Alice.pair(), alice.clone(), call, &p);
	let penniless = sr25519::Pair::from_string("//Penniless", None).expect("a dev seed");
	let timestamp = RuntimeCall::Timestamp(TimestampCall::set { now: 1 });

	let cases = vec![
		refused(
			"signed by another key",
			sign_as(&Bob.pair(), alice.clone(), call.clone(), &good),
			Invalid::BadProof,
		),
		refused(
			"stale nonce",
			signs(TxParams { nonce: 0u32.into(), ..good.clone() }, call.clone()),
			Invalid::Stale,
		),
		refused(
			"the last nonce, whose use would wrap to 0",
			signs(TxParams { nonce: u32::MAX.into(), ..good.clone() }, call.clone()),
			Invalid::Custom(pallet_nonce_clock::NONCE_EXHAUSTED),
		),
		Case {
			name: "future nonce",
			xt: signs(TxParams { nonce: 2u32.into(), ..good.clone() }, call.clone()).encode(),
			validate: Ok(()),
			apply: Some(Err(Invalid::Future.into())),
		},
		refused(
			"wrong genesis hash",
			signs(TxParams { genesis: H256::repeat_byte(7), ..good.clone() }, call.clone()),
			Invalid::BadProof,
		),
		refused(
			"wrong spec version",
			signs(TxParams { spec_version: good.spec_version + 1, ..good.clone() }, call.clone()),
			Invalid::BadProof,
		),
		refused(
			"wrong transaction version",
			signs(
				TxParams { transaction_version: good.transaction_version + 1, ..good.clone() },
				call.clone(),
			),
			Invalid::BadProof,
		),
		// Born at block 1 with a period of 4: dead by block 6, whose era lands on block 5.
		refused(
			"expired mortal era",
			signs(
				TxParams { mortality: Some((Era::mortal(4, 1), hashes[1])), ..good.clone() },
				call.clone(),
			),
			Invalid::BadProof,
		),
		// Born at block 6, the one being built: its hash is not known yet.
		refused(
			"era born in the future",
			signs(
				TxParams { mortality: Some((Era::mortal(4, 6), hashes[5])), ..good.clone() },
				call.clone(),
			),
			Invalid::AncientBirthBlock,
		),
		refused(
			"longer than a block's normal share",
			signs(good.clone(), remark(4 * 1024 * 1024)),
			Invalid::ExhaustsResources,
		),
		refused(
			"heavier than a block's normal share",
			sign_as(
				&Bob.pair(),
				Bob.to_account_id(),
				RuntimeCall::Sudo(SudoCall::sudo_unchecked_weight {
					call: Box::new(remark(0)),
					weight: Weight::from_parts(u64::MAX / 2, 0),
				}),
				&chain.params(Bob),
			),
			Invalid::ExhaustsResources,
		),
		refused(
			"an account that does not exist",
			sign_as(
				&penniless,
				penniless.public().into(),
				call.clone(),
				&TxParams { nonce: 0u32.into(), ..good.clone() },
			),
			Invalid::Payment,
		),
		refused(
			"a tip beyond the balance",
			signs(TxParams { tip: Balance::MAX, ..good.clone() }, call.clone()),
			Invalid::Payment,
		),
		refused(
			"the zero account",
			from_zero_account(call.clone(), &TxParams { nonce: 0u32.into(), ..good.clone() }),
			Invalid::BadSigner,
		),
		refused("undecodable bytes", vec![0xffu8, 0x00, 0x13, 0x37], Invalid::Call),
		refused("a bare remark", UncheckedExtrinsic::new_bare(remark(1)), Invalid::Call),
		Case {
			name: "a signed timestamp",
			xt: signs(good.clone(), timestamp.clone()).encode(),
			validate: Err(Invalid::MandatoryValidation.into()),
			apply: Some(Err(Invalid::BadMandatory.into())),
		},
		Case {
			name: "a bare timestamp from the pool",
			xt: UncheckedExtrinsic::new_bare(timestamp).encode(),
			validate: Err(Invalid::MandatoryValidation.into()),
			apply: None,
		},
		refused(
			"a general transaction nobody authorises",
			UncheckedExtrinsic::new_transaction(call.clone(), good.extension().0),
			Invalid::UnknownOrigin,
		),
		refused(
			"a signer by account index",
			unsigned_by(Address::Index(()), call.clone(), &good),
			Unknown::CannotLookup,
		),
		// The blob checks its own RFC-78 hash (`metadata_hash.rs`): another one signed in mode 1
		// is a signature over something else. The native runtime has no hash (it is the digest
		// of the blob's metadata, compiled into the blob's second build only), so mode 1 cannot
		// be checked there, as in any runtime built without one.
		refused(
			"a wrong metadata hash",
			signs(TxParams { metadata_hash: Some([0; 32]), ..good.clone() }, call.clone()),
			match is_native::<H>() {
				false => TransactionValidityError::from(Invalid::BadProof),
				true => Unknown::CannotLookup.into(),
			},
		),
		// Pallets without `ValidateUnsigned` keep bare calls out of the pool; a block author may
		// still include one, which then fails its origin check without paying a fee.
		Case {
			name: "a bare transfer",
			xt: UncheckedExtrinsic::new_bare(call.clone()).encode(),
			validate: Err(Unknown::NoUnsignedValidator.into()),
			apply: Some(Ok(Err(DispatchError::BadOrigin))),
		},
	];

	let expected: Vec<_> = cases.iter().map(|c| (c.name, c.validate)).collect();
	let validated: Vec<_> =
		cases.iter().map(|c| (c.name, chain.validate(&c.xt).map(|_| ()))).collect();
	assert_eq!(validated, expected, "TaggedTransactionQueue_validate_transaction");

	let mut block = chain.start_block().expect("initialize_block");
	let expected: Vec<_> = cases.iter().filter_map(|c| Some((c.name, c.apply?))).collect();
	let applied: Vec<_> = cases
		.iter()
		.filter(|c| c.apply.is_some())
		.map(|c| (c.name, block.verdict(&c.xt)))
		.collect();
	assert_eq!(applied, expected, "BlockBuilder_apply_extrinsic");

	let seen: Vec<TransactionValidityError> = cases
		.iter()
		.flat_map(|c| [c.validate.err(), c.apply.and_then(Result::err)])
		.flatten()
		.collect();
	for variant in producible() {
		assert!(seen.contains(&variant), "{variant:?} is never triggered");
	}
}

in_hosts!(each_bad_transaction_gets_its_own_variant_from_the_pool_and_from_block_building: wasmtime, native);

/// Every variant the runtime can produce. The match has no wildcard, so a variant added
/// upstream fails to compile here until it is triggered above or explained.
fn producible() -> Vec<TransactionValidityError> {
	let invalid = [
		Invalid::Call,
		Invalid::Payment,
		Invalid::Future,
		Invalid::Stale,
		Invalid::BadProof,
		Invalid::AncientBirthBlock,
		Invalid::ExhaustsResources,
		Invalid::Custom(0),
		Invalid::BadMandatory,
		Invalid::MandatoryValidation,
		Invalid::BadSigner,
		Invalid::IndeterminateImplicit,
		Invalid::UnknownOrigin,
	];
	let unknown = [Unknown::CannotLookup, Unknown::NoUnsignedValidator, Unknown::Custom(0)];
	let invalid = invalid.into_iter().filter(|v| match v {
		// No pallet or extension of this runtime returns a custom code, and every extension
		// it uses states its implicit data.
		Invalid::Custom(_) | Invalid::IndeterminateImplicit => false,
		Invalid::Call
		| Invalid::Payment
		| Invalid::Future
		| Invalid::Stale
		| Invalid::BadProof
		| Invalid::AncientBirthBlock
		| Invalid::ExhaustsResources
		| Invalid::BadMandatory
		| Invalid::MandatoryValidation
		| Invalid::BadSigner
		| Invalid::UnknownOrigin => true,
	});
	let unknown = unknown.into_iter().filter(|v| match v {
		Unknown::Custom(_) => false,
		Unknown::CannotLookup | Unknown::NoUnsignedValidator => true,
	});
	invalid.map(Into::into).chain(unknown.map(Into::into)).collect()
}

/// The priority `ChargeTransactionPayment` gives: the tip (plus one) scaled by how many such
/// transactions fit in a block, plus for operational ones a virtual tip of five times the fee.
fn expected_priority(info: &RuntimeDispatchInfo<Balance>, len: usize, tip: Balance) -> u64 {
	let max_weight = RuntimeBlockWeights::get().max_block;
	let max_length = *RuntimeBlockLength::get().max.get(info.class) as u64;
	let weight = info.weight;
	let per_block = (max_length / len as u64)
		.min(max_weight.ref_time() / weight.ref_time())
		.min(max_weight.proof_size() / weight.proof_size()) as u128;
	let mut priority = (tip + 1) * per_block;
	if info.class == frame_support::dispatch::DispatchClass::Operational {
		priority += (info.partial_fee + tip) * 5 * per_block;
	}
	priority as u64
}

fn valid_transactions_get_their_priority_longevity_and_tags<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, hashes) = chain_five_blocks_in(new);
	let good = chain.params(Alice);
	let alice = Alice.to_account_id();
	let current = 6u64; // Validation runs as if in the block after the head.
	let code = RuntimeCall::System(frame_system::Call::set_code { code: vec![0; 100] });
	let cases: Vec<(&str, TxParams, RuntimeCall, u64)> = vec![
		("immortal, no tip", good.clone(), transfer(Bob, UNIT), u64::MAX - current),
		(
			"immortal, tipped",
			TxParams { tip: 1_000, ..good.clone() },
			transfer(Bob, UNIT),
			u64::MAX - current,
		),
		(
			"mortal for 64 blocks from the head",
			TxParams { mortality: Some((Era::mortal(64, 5), hashes[5])), ..good.clone() },
			transfer(Bob, UNIT),
			63,
		),
		("operational (sudo set_code)", good.clone(), sudo(code), u64::MAX - current),
	];
	for (name, params, call, longevity) in cases {
		let xt = sign_as(&Alice.pair(), alice.clone(), call, &params);
		let len = xt.encoded_size();
		let info = chain.query_info(&xt);
		let valid = chain.validate(&xt.encode()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
		assert_eq!(
			valid,
			ValidTransaction {
				priority: expected_priority(&info, len, params.tip),
				requires: Vec::new(),
				provides: vec![(alice.clone(), params.nonce).encode()],
				longevity,
				propagate: true,
			},
			"{name}"
		);
	}

	let future = chain.sign(Alice, transfer(Bob, UNIT), 2).encode();
	let valid = chain.validate(&future).expect("valid for the pool");
	assert_eq!(valid.requires, vec![(alice.clone(), 2u32).encode()], "waits for nonce 2");
	assert_eq!(valid.provides, vec![(alice, 3u32).encode()]);
}

in_hosts!(valid_transactions_get_their_priority_longevity_and_tags: wasmtime, native);
