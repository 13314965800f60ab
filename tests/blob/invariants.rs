//! Random workloads, block after block in the executor, hold the money invariants: total
//! issuance is the sum of all accounts, no account holds less than the existential deposit,
//! fees are withdrawn exactly as `TransactionPaymentApi_query_info` predicts, nonces only grow,
//! and re-executing a block on its parent state gives the same state root, and every pallet's
//! `try_state` holds after it (through the try-runtime build). Every included
//! transaction is kept: once its signer has been reaped and funded again, its exact bytes are
//! resubmitted, and neither the pool nor block building may accept them.
//!
//! `MVP_INVARIANT_OPS` raises how many operations run (at least [`CI_OPS`]),
//! `MVP_INVARIANT_SEED` the random seed (default: from the clock, printed).

use crate::{
	chain::{dev_chain, sign_as, sudo, BuiltBlock, Chain, EventRecord, Ours, TxParams},
	host::{decode_exact, Host, HostExt, Wasmtime},
	knobs,
	old_transactions::OldTransactions,
	try_runtime::{with_try_code, TryStateSelect},
};
use codec::{Decode, Encode};
use frame_support::storage::storage_prefix;
use mvp_chain::fixtures::NEXT_SPEC_VERSION;
use mvp_chain_runtime::{
	genesis_config_presets::ENDOWMENT, AccountId, Balance, BalancesCall, Nonce, RuntimeCall,
	RuntimeEvent, SystemCall, EXISTENTIAL_DEPOSIT as ED,
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};
use sp_core::{sr25519, storage::Storage, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::Header as _, transaction_validity::InvalidTransaction, ApplyExtrinsicResult,
	StateVersion::V1, Weight,
};
use std::collections::{BTreeMap, HashMap};

/// Operations per CI run.
pub const CI_OPS: usize = 600;

type AccountInfo = crate::chain::AccountInfo;

/// Who signs: the well-known dev accounts (Alice holds the sudo key) and accounts nobody
/// funded at genesis, which transfers create and reap.
fn actors() -> Vec<sr25519::Pair> {
	let known = Sr25519Keyring::iter().take(6).map(|k| k.pair());
	let fresh = (0..6).map(|i| {
		sr25519::Pair::from_string(&format!("//Invariant//{i}"), None).expect("a dev seed")
	});
	known.chain(fresh).collect()
}

fn id(pair: &sr25519::Pair) -> AccountId {
	pair.public().into()
}

/// Every account in `state`, as a node's RPC iterates `System::Account`.
fn accounts(state: &BTreeMap<Vec<u8>, Vec<u8>>) -> BTreeMap<AccountId, AccountInfo> {
	let prefix = storage_prefix(b"System", b"Account");
	state
		.range(prefix.to_vec()..)
		.take_while(|(key, _)| key.starts_with(&prefix))
		.map(|(key, value)| {
			// Blake2-128 of the account, then the account itself.
			let who = AccountId::decode(&mut &key[prefix.len() + 16..]).expect("an account key");
			(who, decode_exact("AccountInfo", value).unwrap_or_else(|e| panic!("{e}")))
		})
		.collect()
}

/// An amount that exercises an edge for a sender holding `free`: under and at the existential
/// deposit, leaving dust behind (the sender is reaped), half, all of it (no fee left), or any.
fn amount(rng: &mut StdRng, free: Balance, fee: Balance) -> Balance {
	let leaves_dust = free.saturating_sub(fee + ED / 2);
	*[ED - 1, ED, leaves_dust, free / 2, free, rng.gen_range(0..=free.max(1))]
		.choose(rng)
		.expect("non-empty")
}

/// One random operation: the index of its signer and its call. Alice (actor 0) holds the sudo
/// key that signs the refills: she receives and signs root calls, but is never the one drained
/// (a seed that reaped her once starved the rest of the run of refills).
fn random_op(
	rng: &mut StdRng,
	chain: &mut Chain<impl Host>,
	actors: &[sr25519::Pair],
	fee: Balance,
	no_upgrade: bool,
) -> (usize, RuntimeCall) {
	let (from, to) = (rng.gen_range(1..actors.len()), rng.gen_range(0..actors.len()));
	let (source, dest) = (id(&actors[from]), id(&actors[to]));
	let free = chain.free(source.clone());
	let value = amount(rng, free, fee);
	let balances = |call| RuntimeCall::Balances(call);
	let root = |call| (0, sudo(call));
	match rng.gen_range(0..100) {
		0..30 => (from, balances(BalancesCall::transfer_allow_death { dest: dest.into(), value })),
		30..50 => (from, balances(BalancesCall::transfer_keep_alive { dest: dest.into(), value })),
		50..60 => {
			let keep_alive = rng.gen();
			(from, balances(BalancesCall::transfer_all { dest: dest.into(), keep_alive }))
		},
		// Half the time a refill, which keeps the workload from draining away.
		60..70 => root(balances(BalancesCall::force_set_balance {
			who: if to == 0 { source.clone() } else { dest.clone() }.into(),
			new_free: if rng.gen() { ENDOWMENT } else { amount(rng, free, fee) },
		})),
		70..76 => root(balances(BalancesCall::force_transfer {
			source: source.into(),
			dest: dest.into(),
			value,
		})),
		76..82 => (from, balances(BalancesCall::burn { value, keep_alive: rng.gen() })),
		82..88 => (from, RuntimeCall::System(SystemCall::remark_with_event { remark: vec![1; 8] })),
		88..90 if !no_upgrade => {
			let code = NEXT_SPEC_VERSION.expect("fixtures are built with the blob").to_vec();
			root(RuntimeCall::System(SystemCall::set_code { code }))
		},
		_ => (from, balances(BalancesCall::transfer_allow_death { dest: dest.into(), value })),
	}
}

/// A signed operation, with the fee `query_info` quoted for it before its block.
struct Signed {
	signer: AccountId,
	pays: bool,
	quoted: Balance,
}

fn events_of(built: &BuiltBlock, index: usize) -> Vec<&RuntimeEvent> {
	built
		.events
		.iter()
		.filter(|r: &&EventRecord| r.phase == frame_system::Phase::ApplyExtrinsic(index as u32))
		.map(|r| &r.event)
		.collect()
}

/// The fee the sender had withdrawn up front, and what it finally paid.
fn fees(events: &[&RuntimeEvent], who: &AccountId) -> (Option<Balance>, Option<Balance>) {
	let mut withdrawn = None;
	let mut paid = None;
	for event in events {
		match event {
			RuntimeEvent::Balances(pallet_balances::Event::Withdraw { who: w, amount })
				if w == who && withdrawn.is_none() =>
			{
				withdrawn = Some(*amount)
			},
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid {
					who: w, actual_fee, ..
				},
			) if w == who => paid = Some(*actual_fee),
			_ => {},
		}
	}
	(withdrawn, paid)
}

fn killed(built: &BuiltBlock) -> Vec<AccountId> {
	built
		.events
		.iter()
		.filter_map(|r| match &r.event {
			RuntimeEvent::System(frame_system::Event::KilledAccount { account }) => {
				Some(account.clone())
			},
			_ => None,
		})
		.collect()
}

/// Each included transaction had the quoted fee withdrawn up front and paid it (nothing, for
/// the sudo key through sudo). Returns how many transactions each signer got in.
fn check_fees(
	built: &BuiltBlock,
	results: &[ApplyExtrinsicResult],
	signed: &[Signed],
	context: &str,
) -> HashMap<AccountId, u32> {
	let inherents =
		built.block.extrinsics.len() - built.results.iter().filter(|r| r.is_ok()).count();
	let mut index = inherents;
	let mut sent: HashMap<AccountId, u32> = HashMap::new();
	for (op, result) in signed.iter().zip(results) {
		if result.is_err() {
			continue; // Refused by block building: not in the block, nothing withdrawn.
		}
		let (withdrawn, paid) = fees(&events_of(built, index), &op.signer);
		let context = format!("{context}, block {}, extrinsic {index}", built.block.header.number);
		assert_eq!(withdrawn, Some(op.quoted), "{context}: withdrawn up front");
		assert_eq!(paid, Some(if op.pays { op.quoted } else { 0 }), "{context}: fee paid");
		*sent.entry(op.signer.clone()).or_default() += 1;
		index += 1;
	}
	sent
}

/// Issuance is the sum of all accounts, none holds less than the existential deposit, and each
/// account that lived through the block has its nonce grown by exactly what it sent.
fn check_accounts(
	issuance: Balance,
	before: &BTreeMap<AccountId, AccountInfo>,
	after: &BTreeMap<AccountId, AccountInfo>,
	killed: &[AccountId],
	sent: &HashMap<AccountId, u32>,
	context: &str,
) {
	let held: Balance = after.values().map(|a| a.data.free + a.data.reserved).sum();
	assert_eq!(issuance, held, "{context}: issuance is the sum of accounts");
	for (who, info) in after {
		let total = info.data.free + info.data.reserved;
		assert!(total >= ED, "{context}: {who} holds {total}, below the existential deposit");
		let Some(old) = before.get(who).filter(|_| !killed.contains(who)) else { continue };
		let expected = *old.nonce + sent.get(who).copied().unwrap_or_default();
		assert_eq!(*info.nonce, expected, "{context}: {who}'s nonce grows by what it sent");
	}
}

mod random_transfers_sudo_and_upgrades_keep_the_money_invariants {
	use crate::host::{Native, Wasmtime};

	#[test]
	fn wasmtime() {
		super::random_transfers_sudo_and_upgrades_keep_the_money_invariants(Wasmtime::new, true);
	}

	/// Without the upgrade, which the native runtime cannot follow (`upgrade.rs`).
	#[test]
	fn native() {
		super::random_transfers_sudo_and_upgrades_keep_the_money_invariants(Native::new, false);
	}
}

/// `upgrades`: whether the workload may upgrade the runtime (once).
fn random_transfers_sudo_and_upgrades_keep_the_money_invariants<H: Host>(
	new: fn(Storage) -> H,
	upgrades: bool,
) {
	// Longer runs only: the floors below hold with CI's margin from CI's length up.
	let ops = knobs::number("MVP_INVARIANT_OPS").map_or(CI_OPS, |n| (n as usize).max(CI_OPS));
	let seed = knobs::seed("MVP_INVARIANT_SEED");
	eprintln!("MVP_INVARIANT_SEED={seed}, {ops} operations");
	let mut rng = StdRng::seed_from_u64(seed);
	crate::host::runtime_log(); // Starts capturing what try-runtime says.
	let (mut chain, _) = dev_chain(new);
	let actors = actors();
	let sample =
		chain.sign(Sr25519Keyring::Alice, crate::chain::transfer(Sr25519Keyring::Bob, 1), 0);
	let fee = chain.query_info(&sample).partial_fee;
	let (mut done, mut blocks, mut included, mut reaped, mut upgraded) = (0, 0, 0, 0, false);
	let (mut old, mut replayed, mut stale) = (OldTransactions::default(), 0, 0);
	let mut state = chain.host.pairs();

	while done < ops {
		let before = accounts(&state);
		let parent = Storage { top: state, children_default: Default::default() };
		let mut next_nonce: HashMap<usize, Nonce> = HashMap::new();
		let mut signed = Vec::new();
		let mut xts = Vec::new();
		for _ in 0..rng.gen_range(1..=8).min(ops - done) {
			let (signer, call) =
				random_op(&mut rng, &mut chain, &actors, fee, upgraded || !upgrades);
			let who = id(&actors[signer]);
			let nonce = match next_nonce.get(&signer) {
				Some(n) => *n,
				None => chain.nonce(who.clone()),
			};
			next_nonce.insert(signer, nonce + 1u32.into());
			let params = TxParams { nonce, ..chain.params(Sr25519Keyring::Alice) };
			// The sudo key pays nothing for a call through sudo.
			let pays = !matches!(call, RuntimeCall::Sudo(_));
			let xt = sign_as(&actors[signer], who.clone(), call, &params);
			signed.push(Signed { signer: who, pays, quoted: chain.query_info(&xt).partial_fee });
			xts.push(xt);
			done += 1;
		}

		// Earlier lives' transactions go first, while their signers exist: otherwise the
		// workload may reap one again and the refusal would be `Payment`.
		let spec_version = chain.version.spec_version;
		let replays = old.due(&before);
		for replay in &replays {
			let refusal = replay.refusal(spec_version);
			let verdict = chain.validate(&replay.xt.encode());
			assert_eq!(verdict, Err(refusal), "seed {seed}: {}'s replay, validated", replay.signer);
		}
		let workload = xts.clone();
		let xts = replays.iter().map(|r| r.xt.clone()).chain(xts).collect();

		let built = chain.build_block(xts);
		blocks += 1;
		let (replay_results, results) = built.results.split_at(replays.len());
		let sent = check_fees(&built, results, &signed, &format!("seed {seed}"));
		included += sent.values().sum::<u32>() as usize;
		for (replay, result) in replays.iter().zip(replay_results) {
			let refusal = replay.refusal(spec_version);
			assert_eq!(
				*result,
				Err(refusal),
				"seed {seed}: {}'s replay, in a block",
				replay.signer
			);
			replayed += 1;
			stale += usize::from(refusal == InvalidTransaction::Stale.into());
		}

		state = chain.host.pairs();
		let after = accounts(&state);
		let gone = killed(&built);
		reaped += gone.len();
		let landed = signed.iter().zip(workload).zip(results).filter(|(_, r)| r.is_ok());
		old.note(landed.map(|((s, xt), _)| (s.signer.clone(), xt)), spec_version, &gone);
		let context = format!("seed {seed}, after block {}", built.block.header.number);
		check_accounts(chain.total_issuance(), &before, &after, &gone, &sent, &context);

		// Every pallet's `try_state` after the block, through the try-runtime build (a
		// fixture of this source, spec 101: after the upgrade, the signatures commit to 102).
		let mut checker = Wasmtime::new(with_try_code(parent.clone()));
		let checks = (&built.block, false, !upgraded, TryStateSelect::All);
		let _: Weight = checker.try_query("TryRuntime_execute_block", checks).unwrap_or_else(|e| {
			panic!(
				"{context}: try-runtime: {e}; the runtime said: {:?}",
				crate::host::runtime_log()
			)
		});

		let mut importer = new(parent);
		importer.call("Core_execute_block", &built.block.encode()).unwrap_or_else(|e| {
			panic!("{context}: re-execution failed: {}", e.lines().next().unwrap_or_default())
		});
		assert_eq!(importer.state_root(V1), *built.block.header.state_root(), "{context}");
		assert_eq!(chain.host.state_root(V1), *built.block.header.state_root(), "{context}");

		upgraded |= built.code_updated();
		chain.version = chain.host.query("Core_version", ());
	}
	eprintln!(
		"{done} operations in {blocks} blocks: {included} included, {reaped} accounts reaped, \
		 upgraded: {upgraded}, {replayed} replays of earlier lives refused ({stale} as stale)"
	);
	// Floors that scale with the run, about half of what runs reach (docs/testing.md): a
	// workload that stopped landing transfers, reaping accounts or replaying tests nothing.
	assert!(included >= ops / 4, "seed {seed}: only {included} of {ops} included");
	assert!(reaped >= ops / 30, "seed {seed}: only {reaped} accounts reaped in {ops} operations");
	assert!(
		stale >= ops / 8,
		"seed {seed}: only {stale} replays of earlier lives refused as stale"
	);
	// 2% of operations try the upgrade until one lands: missed in 600 or more with p < 10^-5.
	assert_eq!(upgraded, upgrades, "seed {seed}: upgraded");
}
