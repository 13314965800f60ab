//! No replay across an account's lives, in both executors and natively: an account signs an immortal and a
//! mortal transfer, empties itself with `transfer_all` and is reaped, is funded again, and the
//! exact bytes of each old transaction are refused as `Stale` by the pool's validation and by
//! block building, while the account's new transactions land.

use crate::{
	chain::{dev_chain, sign_as, transfer, BuiltBlock, Chain, Ours, OursBlock, TxParams},
	host::{in_hosts, Host},
};
use codec::Encode;
use mvp_chain_runtime::{AccountId, BalancesCall, RuntimeCall, UncheckedExtrinsic, UNIT};
use sp_core::{sr25519, storage::Storage, Pair};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	generic::Era,
	traits::Header as _,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

fn fund(to: &AccountId, value: u128) -> RuntimeCall {
	RuntimeCall::Balances(BalancesCall::transfer_allow_death { dest: to.clone().into(), value })
}

/// A block that includes every one of `xts`.
fn all_land<H: Host>(chain: &mut Chain<H>, xts: Vec<UncheckedExtrinsic>, what: &str) -> BuiltBlock {
	let built = chain.build_block(xts);
	for (i, result) in built.results.iter().enumerate() {
		assert!(matches!(result, Ok(Ok(()))), "{what}, transaction {i}: {result:?}");
	}
	built
}

fn replay_is_refused<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	let victim = sr25519::Pair::from_string("//Replay", None).expect("a dev seed");
	let who: AccountId = victim.public().into();

	let funding = chain.sign(Alice, fund(&who, 10 * UNIT), 0);
	all_land(&mut chain, vec![funding], "fund");
	let first_life = chain.nonce(who.clone());
	// Nobody was reaped yet: the floor is where genesis left it.
	assert_eq!(*first_life, 0, "the first life starts at the floor");

	let signs = |chain: &mut Chain<H>, call, nonce: u32, mortal: bool| {
		let head = chain.head.clone();
		let mortality = mortal.then(|| (Era::mortal(64, u64::from(*head.number())), head.hash()));
		let params = TxParams { nonce: nonce.into(), mortality, ..chain.params(Alice) };
		sign_as(&victim, who.clone(), call, &params)
	};
	let immortal = signs(&mut chain, transfer(Bob, UNIT), *first_life, false);
	let mortal = signs(&mut chain, transfer(Bob, UNIT), *first_life + 1, true);
	all_land(&mut chain, vec![immortal.clone(), mortal.clone()], "first life");
	let empty = RuntimeCall::Balances(BalancesCall::transfer_all {
		dest: Alice.to_account_id().into(),
		keep_alive: false,
	});
	let transfer_all = signs(&mut chain, empty, *first_life + 2, false);
	all_land(&mut chain, vec![transfer_all.clone()], "transfer_all");
	assert_eq!(chain.account(who.clone()), None, "transfer_all reaped the account");

	let funding = chain.sign(Alice, fund(&who, 10 * UNIT), 0);
	all_land(&mut chain, vec![funding], "fund again");
	let second_life = chain.nonce(who.clone());
	// The first life used three nonces and was reaped holding the fourth: the floor.
	assert_eq!(*second_life, *first_life + 3, "the second life starts where the first ended");

	let stale = TransactionValidityError::Invalid(InvalidTransaction::Stale);
	let old = [("immortal", &immortal), ("mortal", &mortal), ("transfer_all", &transfer_all)];
	for (name, xt) in old {
		assert_eq!(
			chain.validate(&xt.encode()),
			Err(stale),
			"{name}: validation, InvalidTransaction::Stale"
		);
	}
	let mut block = chain.start_block().expect("initialize_block");
	block.apply_inherents().expect("the inherents are accepted");
	for (name, xt) in old {
		let verdict = block.verdict(&xt.encode());
		assert_eq!(verdict, Err(stale), "{name}: block building, InvalidTransaction::Stale");
	}
	block.finalize().expect("finalize_block");

	let free_before = chain.free(who.clone());
	let again = signs(&mut chain, transfer(Bob, UNIT), *second_life, false);
	all_land(&mut chain, vec![again], "second life");
	assert_eq!(*chain.nonce(who.clone()), *second_life + 1);
	assert!(chain.free(who) < free_before - UNIT, "the new transfer moved money and paid its fee");
}

in_hosts!(replay_is_refused: wasmtime, smoldot, native);
