//! A burst from one account as a node's pool sees it, in both executors and natively: three
//! transfers signed at the account's next three nonces are each valid at the head, tagged
//! `(account, nonce)` with the nonce as the four bytes of a `u32`, as every Polkadot node
//! encodes the tags it looks for; each requires the one before, so the pool chains them; and a
//! block holding all three in that order applies each.

use crate::{
	chain::{dev_chain, transfer, Ours},
	host::{in_hosts, Host},
};
use codec::Encode;
use mvp_chain_runtime::{AccountId, UNIT};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::{Alice, Bob};

fn a_burst_chains_up_in_the_pool_and_lands<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, _) = dev_chain(new);
	// A nonce that is not 0, so that an encoding that dropped the upper bytes would show.
	let warm_up = (0..2).map(|i| chain.sign(Alice, transfer(Bob, UNIT), i)).collect();
	chain.build_block(warm_up);
	let alice: AccountId = Alice.to_account_id();
	let start = *chain.nonce(alice.clone());
	assert_eq!(start, 2);

	let burst: Vec<_> = (0..3).map(|i| chain.sign(Alice, transfer(Bob, UNIT), i)).collect();
	let tag = |nonce: u32| (alice.clone(), nonce).encode();
	for (i, xt) in (0u32..).zip(&burst) {
		let valid = chain.validate(&xt.encode()).unwrap_or_else(|e| panic!("{i}: {e:?}"));
		assert_eq!(valid.provides, vec![tag(start + i)], "transaction {i} provides");
		let requires = if i == 0 { vec![] } else { vec![tag(start + i - 1)] };
		assert_eq!(valid.requires, requires, "transaction {i} requires the one before");
	}

	let bob_before = chain.free(Bob.to_account_id());
	let built = chain.build_block(burst);
	assert_eq!(built.results, vec![Ok(Ok(())); 3]);
	assert_eq!(*chain.nonce(alice), start + 3);
	assert_eq!(chain.free(Bob.to_account_id()), bob_before + 3 * UNIT);
}

in_hosts!(a_burst_chains_up_in_the_pool_and_lands: wasmtime, smoldot, native);
