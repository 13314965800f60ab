//! A block authored from signed transfers, then imported on a fresh copy of genesis.

use crate::{
	chain::{dev_chain, transfer, Ours},
	host::{in_hosts, Host, HostExt},
};
use codec::Encode;
use mvp_chain_runtime::{Balance, RuntimeEvent, UNIT};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::StateVersion::V1;

fn transfers_land_with_exact_balances_nonces_and_fees_and_the_block_reimports<H: Host>(
	new: fn(Storage) -> H,
) {
	let (mut chain, genesis) = dev_chain(new);
	let (alice, bob) = (Alice.to_account_id(), Bob.to_account_id());
	let alice_before = chain.free(alice.clone());
	let bob_before = chain.free(bob.clone());
	let issuance_before = chain.total_issuance();

	let amounts: [Balance; 3] = [UNIT, 2 * UNIT, 3 * UNIT];
	let transfers: Vec<_> = amounts
		.iter()
		.enumerate()
		.map(|(i, v)| chain.sign(Alice, transfer(Bob, *v), i as u32))
		.collect();
	// The fee each transfer will pay, as a wallet asks for it before submitting.
	let quoted: Vec<Balance> =
		transfers.iter().map(|xt| chain.query_info(xt).partial_fee).collect();
	assert!(quoted.iter().all(|fee| *fee > 0));

	let built = chain.build_block(transfers);
	assert!(built.results.iter().all(|r| *r == Ok(Ok(()))), "{:?}", built.results);
	assert_eq!(
		built.block.extrinsics.len(),
		1 + amounts.len(),
		"timestamp inherent plus the transfers"
	);

	let paid: Vec<Balance> = built
		.events
		.iter()
		.filter_map(|record| match &record.event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip },
			) if *who == alice && *tip == 0 => Some(*actual_fee),
			_ => None,
		})
		.collect();
	assert_eq!(paid, quoted, "fees paid are the fees quoted");

	let sent: Balance = amounts.iter().sum();
	let fees: Balance = paid.iter().sum();
	assert_eq!(chain.free(alice.clone()), alice_before - sent - fees);
	assert_eq!(chain.free(bob.clone()), bob_before + sent);
	assert_eq!(*chain.nonce(alice), amounts.len() as u32);
	assert_eq!(*chain.nonce(bob), 0);
	assert_eq!(chain.total_issuance(), issuance_before - fees, "fees are burned");

	let mut importer = new(genesis.storage.clone());
	importer.call("Core_execute_block", &built.block.encode()).expect("the block imports");
	assert_eq!(importer.state_root(V1), built.block.header.state_root);
	assert_eq!(importer.state_root(V1), chain.host.state_root(V1));
}

in_hosts!(transfers_land_with_exact_balances_nonces_and_fees_and_the_block_reimports: wasmtime, native);

fn a_block_with_a_wrong_state_root_is_refused<H: Host>(new: fn(Storage) -> H) {
	let (mut chain, genesis) = dev_chain(new);
	let xt = chain.sign(Alice, transfer(Bob, UNIT), 0);
	let mut block = chain.build_block(vec![xt]).block;
	block.header.state_root = Default::default();
	crate::host::runtime_log(); // Starts capturing.
	let mut importer = new(genesis.storage.clone());
	let refused = importer.call("Core_execute_block", &block.encode());
	assert!(refused.is_err(), "a block with a wrong state root imports");
	let said = crate::host::runtime_log().join("\n");
	assert!(said.contains("Storage root must match that calculated"), "{said}");
	// A refused block leaves the importer's state as it was, and the importer still works.
	assert_eq!(importer.state_root(V1), genesis.header.state_root);
	let version: sp_version::RuntimeVersion = importer.query("Core_version", ());
	assert_eq!(version.spec_name, "mvp-chain");
}

in_hosts!(a_block_with_a_wrong_state_root_is_refused: wasmtime, native);
