//! Random calls of every pallet, with arguments at the edges, signed correctly (or nearly), so
//! that fuzzed transactions get past the signature check and into dispatch.

use crate::chain::{body, sign_as, sudo, TxParams};
use mvp_chain_runtime::{
	AccountId, BalancesCall, Runtime, RuntimeCall, SudoCall, TimestampCall, EXISTENTIAL_DEPOSIT,
	UNIT,
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::MultiAddress;

fn amount(rng: &mut StdRng) -> u128 {
	let ed = EXISTENTIAL_DEPOSIT;
	*[0, 1, ed - 1, ed, ed + 1, UNIT, 1_000 * UNIT, u128::MAX, rng.gen::<u128>() >> 64]
		.choose(rng)
		.expect("non-empty")
}

fn account(rng: &mut StdRng) -> AccountId {
	match rng.gen_range(0..4) {
		0 => AccountId::new(rng.gen()),
		1 => AccountId::new([0; 32]),
		_ => Sr25519Keyring::iter().collect::<Vec<_>>().choose(rng).expect("keys").to_account_id(),
	}
}

fn dest(rng: &mut StdRng) -> MultiAddress<AccountId, ()> {
	match rng.gen_range(0..8) {
		0 => MultiAddress::Index(()),
		1 => MultiAddress::Raw((0..rng.gen_range(0..40)).map(|_| rng.gen()).collect()),
		2 => MultiAddress::Address32(rng.gen()),
		3 => MultiAddress::Address20(rng.gen()),
		_ => MultiAddress::Id(account(rng)),
	}
}

fn bytes(rng: &mut StdRng) -> Vec<u8> {
	let len = *[0usize, 1, 32, 1_000, 70_000].choose(rng).expect("non-empty");
	(0..len).map(|_| rng.gen()).collect()
}

/// A call of any pallet the blob ships; `depth` bounds nesting through `sudo`.
pub fn random_call(rng: &mut StdRng, depth: u32) -> RuntimeCall {
	use frame_system::Call as System;
	let balances = |call: BalancesCall<Runtime>| RuntimeCall::Balances(call);
	match rng.gen_range(0..if depth == 0 { 15 } else { 18 }) {
		0 => balances(BalancesCall::transfer_allow_death { dest: dest(rng), value: amount(rng) }),
		1 => balances(BalancesCall::transfer_keep_alive { dest: dest(rng), value: amount(rng) }),
		2 => balances(BalancesCall::transfer_all { dest: dest(rng), keep_alive: rng.gen() }),
		3 => balances(BalancesCall::force_transfer {
			source: dest(rng),
			dest: dest(rng),
			value: amount(rng),
		}),
		4 => balances(BalancesCall::force_set_balance { who: dest(rng), new_free: amount(rng) }),
		5 => balances(BalancesCall::force_unreserve { who: dest(rng), amount: amount(rng) }),
		6 => balances(BalancesCall::burn { value: amount(rng), keep_alive: rng.gen() }),
		7 => balances(BalancesCall::upgrade_accounts { who: vec![account(rng), account(rng)] }),
		8 => balances(BalancesCall::force_adjust_total_issuance {
			direction: if rng.gen() {
				pallet_balances::AdjustmentDirection::Increase
			} else {
				pallet_balances::AdjustmentDirection::Decrease
			},
			delta: amount(rng),
		}),
		9 => RuntimeCall::System(System::remark { remark: bytes(rng) }),
		10 => RuntimeCall::System(System::remark_with_event { remark: bytes(rng) }),
		11 => RuntimeCall::System(System::set_heap_pages { pages: rng.gen() }),
		12 => RuntimeCall::System(System::set_code { code: bytes(rng) }),
		13 => RuntimeCall::System(System::authorize_upgrade {
			code_hash: rng.gen::<[u8; 32]>().into(),
		}),
		14 => RuntimeCall::Timestamp(TimestampCall::set { now: rng.gen() }),
		15 => sudo(random_call(rng, depth - 1)),
		16 => RuntimeCall::Sudo(SudoCall::sudo_as {
			who: dest(rng),
			call: Box::new(random_call(rng, depth - 1)),
		}),
		_ => RuntimeCall::Sudo(SudoCall::sudo_unchecked_weight {
			call: Box::new(random_call(rng, depth - 1)),
			weight: sp_runtime::Weight::from_parts(rng.gen(), rng.gen()),
		}),
	}
}

/// A random call signed by a random dev account (Alice holds the sudo key), at its next nonce
/// or near it; now and then signed by a key that is not the sender's. The extrinsic's bytes
/// come without their length prefix, as the body of an opaque extrinsic.
pub fn random_signed(rng: &mut StdRng, params: impl Fn(&AccountId) -> TxParams) -> Vec<u8> {
	let keys: Vec<_> = Sr25519Keyring::iter().collect();
	let signer: sr25519::Pair = keys.choose(rng).expect("keys").pair();
	let who: AccountId = if rng.gen_ratio(1, 10) { account(rng) } else { signer.public().into() };
	let mut p = params(&who);
	if rng.gen_ratio(1, 5) {
		p.nonce = p.nonce.wrapping_add(rng.gen_range(0..3)).wrapping_sub(1).into();
	}
	if rng.gen_ratio(1, 5) {
		p.tip = amount(rng);
	}
	let call = random_call(rng, 3);
	body(&sign_as(&signer, who, call, &p))
}
