//! Bad transactions get the right `InvalidTransaction` from both the pool's validation and
//! block building, as an answer and not a trap.

use crate::{
	chain::{dev_chain, sign_as, transfer, Chain, TxParams},
	host::{decode_exact, Host, Wasmtime},
};
use codec::Encode;
use mvp_chain_runtime::UNIT;
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	ApplyExtrinsicResult,
};

/// A chain one block in, where Alice has sent one transfer (her nonce is 1).
fn chain_after_one_transfer() -> Chain<Wasmtime> {
	let (mut chain, _) = dev_chain(Wasmtime::new);
	let xt = chain.sign(Alice, transfer(Bob, UNIT), 0);
	assert_eq!(chain.build_block(vec![xt]).results, vec![Ok(Ok(()))]);
	chain
}

fn apply(chain: &mut Chain<Wasmtime>, xt: &[u8]) -> ApplyExtrinsicResult {
	let out = chain.host.dry_call("BlockBuilder_apply_extrinsic", xt).expect("no trap");
	decode_exact("apply_extrinsic", &out)
}

#[test]
fn each_bad_transaction_gets_its_own_invalid_variant() {
	let mut chain = chain_after_one_transfer();
	let good = chain.params(Alice);
	let alice = Alice.to_account_id();
	let call = transfer(Bob, UNIT);
	let penniless = sr25519::Pair::from_string("//Penniless", None).expect("a dev seed");

	let alice_signs =
		|params: TxParams| sign_as(&Alice.pair(), alice.clone(), call.clone(), &params);

	let bad_signature = sign_as(&Bob.pair(), alice.clone(), call.clone(), &good);
	let stale = alice_signs(TxParams { nonce: 0, ..good.clone() });
	let wrong_genesis = alice_signs(TxParams { genesis: H256::repeat_byte(7), ..good.clone() });
	let wrong_spec = alice_signs(TxParams { spec_version: good.spec_version + 1, ..good.clone() });
	let too_poor = sign_as(
		&penniless,
		penniless.public().into(),
		call.clone(),
		&TxParams { nonce: 0, ..good.clone() },
	);
	// A framed extrinsic whose body is not this runtime's extrinsic format.
	let undecodable = vec![0xffu8, 0x00, 0x13, 0x37].encode();

	let cases: Vec<(&str, Vec<u8>, InvalidTransaction)> = vec![
		("bad signature", bad_signature.encode(), InvalidTransaction::BadProof),
		("stale nonce", stale.encode(), InvalidTransaction::Stale),
		("wrong genesis hash", wrong_genesis.encode(), InvalidTransaction::BadProof),
		("wrong spec version", wrong_spec.encode(), InvalidTransaction::BadProof),
		("cannot pay fees", too_poor.encode(), InvalidTransaction::Payment),
		("undecodable bytes", undecodable, InvalidTransaction::Call),
	];

	let expected: Vec<(&str, TransactionValidityError)> =
		cases.iter().map(|(name, _, e)| (*name, TransactionValidityError::Invalid(*e))).collect();
	let validated: Vec<_> =
		cases.iter().map(|(name, xt, _)| (*name, chain.validate(xt).expect_err(name))).collect();
	assert_eq!(validated, expected, "TaggedTransactionQueue_validate_transaction");

	chain.start_block();
	let applied: Vec<_> =
		cases.iter().map(|(name, xt, _)| (*name, apply(&mut chain, xt).expect_err(name))).collect();
	assert_eq!(applied, expected, "BlockBuilder_apply_extrinsic");
}

#[test]
fn a_future_nonce_waits_in_the_pool_but_cannot_enter_a_block() {
	let mut chain = chain_after_one_transfer();
	let future = chain.sign(Alice, transfer(Bob, UNIT), 1).encode();
	let valid = chain.validate(&future).expect("valid for the pool");
	let alice = Alice.to_account_id();
	assert_eq!(valid.requires, vec![(alice.clone(), 1u32).encode()], "waits for nonce 1");
	assert_eq!(valid.provides, vec![(alice, 2u32).encode()]);

	chain.start_block();
	assert_eq!(
		apply(&mut chain, &future),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Future))
	);
}
