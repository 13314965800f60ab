//! Fuzzing at the blob boundary: arbitrary and mutated-valid inputs to every entry point, in
//! sc-executor and natively, over the development genesis. An entry point that answers errors as values must
//! answer every input its arguments decode from; a trap, where one is allowed, must leave the
//! executor working for the next call.
//!
//! `MVP_FUZZ_INPUTS` raises the inputs per entry point (at least [`CI_INPUTS`]), `MVP_FUZZ_SEED`
//! the random seed (default: from the clock, printed). Crashing inputs are written to
//! `target/tmp/fuzz-crashers.txt`, in the format of `regressions.txt`, which every run replays.

mod calls;
mod entry_points;
mod mutate;

use crate::{
	chain::{body, chain_at, dev_chain, genesis_config, transfer, Genesis, Ours, TxParams},
	contract::{entry_points as contract_entry_points, exported_functions},
	host::{blob, in_hosts, runtime_log, state_with_code, Host, Wasmtime},
	knobs,
};
use codec::Decode;
use entry_points::{Contract, EntryPoint, State};
use mvp_chain_runtime::{Block, RuntimeCall, UNIT};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sp_core::{storage::Storage, H256};
use sp_inherents::InherentData;
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_version::RuntimeVersion;
use std::{collections::BTreeSet, fmt::Write as _};

/// Inputs per entry point in each CI run.
pub const CI_INPUTS: usize = 500;
/// The share of inputs (%) each entry point must find decodable as its arguments, and the share
/// it must answer, in a run of CI's length or longer: about half the lowest shares seen
/// (`GenesisBuilder_get_preset` decodes a quarter of its inputs, `Core_execute_block` answers a
/// tenth), at least four standard deviations below them in a run of 500 inputs.
const DECODED_FLOOR: usize = 15;
const ANSWERED_FLOOR: usize = 3;

/// What the fuzzer starts from: the development genesis and a block built on it.
pub struct Fixture {
	pub genesis: Genesis,
	pub genesis_hash: H256,
	pub version: RuntimeVersion,
	/// Block 1: the timestamp inherent and Alice's transfer to Bob.
	pub block: Block,
	pub inherent_data: InherentData,
	/// That transfer's body, valid at genesis.
	pub signed: Vec<u8>,
	pub call: RuntimeCall,
	/// What a signer at genesis commits to (every nonce is 0).
	pub params: TxParams,
	/// The development preset merged over the default config, as `build_state` takes it.
	pub config: Vec<u8>,
}

impl Fixture {
	pub fn build() -> Self {
		let (mut chain, genesis) = dev_chain(Wasmtime::new);
		let params = chain.params(Alice);
		let call = transfer(Bob, UNIT);
		let xt = chain.sign(Alice, call.clone(), 0);
		let inherent_data = chain.inherent_data(&chain.next_header());
		let built = chain.build_block(vec![xt.clone()]);
		assert_eq!(built.results, vec![Ok(Ok(()))]);
		let config = genesis_config(&mut Wasmtime::new(state_with_code(blob())), "development");
		Self {
			genesis_hash: genesis.hash(),
			version: chain.version.clone(),
			genesis,
			block: built.block,
			inherent_data,
			signed: body(&xt),
			call,
			params,
			config,
		}
	}

	/// A host of kind `new` in `state`.
	fn host<H: Host>(&self, new: fn(Storage) -> H, state: State) -> H {
		if state == State::Code {
			return new(state_with_code(blob()));
		}
		let mut chain = chain_at(new(self.genesis.storage.clone()), &self.genesis);
		if state == State::Building {
			let mut block = chain.start_block().expect("initialize_block");
			block.apply_inherents().expect("the inherents are accepted");
			// Left open: dropping the block unpins the code, the state stays mid-block.
		}
		chain.host
	}
}

/// How an input went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
	Answered,
	/// Trapped on arguments that do not decode: the protocol's refusal of unframed input.
	Undecodable,
	/// Trapped where the entry point's contract allows it.
	Trapped,
}

/// Calls `ep` with `input` and holds it to its contract; `Err` names the breach.
fn check(
	ep: &EntryPoint,
	host: &mut impl Host,
	fx: &Fixture,
	input: &[u8],
) -> Result<Outcome, String> {
	let decodes = (ep.decodes)(input);
	runtime_log(); // What earlier calls logged is not this call's.
	let trap = match host.dry_call(ep.name, input) {
		Ok(out) => {
			return (ep.answer)(&out)
				.map(|()| Outcome::Answered)
				.map_err(|e| format!("answered with bytes that are not its return type: {e}"))
		},
		Err(trap) => trap,
	};
	let said = runtime_log().join(" | ").replace('\n', " ");
	let answer_due = match ep.contract {
		Contract::Answers => decodes,
		Contract::AnswersExcept(excepted, _) => decodes && !excepted(input),
		Contract::MayTrap(_) => false,
	};
	if answer_due {
		let trap = trap.lines().next().unwrap_or_default();
		return Err(format!("trapped where an answer is due: {trap}; the runtime said: {said}"));
	}
	// The trap left nothing behind: the same executor answers the next calls.
	let first_line = |e: String| e.lines().next().unwrap_or_default().to_string();
	let version = host
		.dry_call("Core_version", &[])
		.map_err(|e| format!("after a trap: {}", first_line(e)))?;
	if RuntimeVersion::decode(&mut &version[..]).as_ref() != Ok(&fx.version) {
		return Err("after a trap, Core_version answers differently".into());
	}
	if ep.name == "Core_execute_block" {
		let block = codec::Encode::encode(&fx.block);
		host.dry_call(ep.name, &block)
			.map_err(|e| format!("after a trap, a good block: {}", first_line(e)))?;
	}
	Ok(if decodes { Outcome::Trapped } else { Outcome::Undecodable })
}

/// A crashing input, in the line format of `regressions.txt`.
fn crasher_line(ep: &str, input: &[u8], why: &str) -> String {
	let why = why.lines().next().unwrap_or_default();
	format!("{ep} {} # {why}\n", sp_core::bytes::to_hex(input, false))
}

#[test]
fn every_entry_point_is_fuzzed() {
	let fx = Fixture::build();
	let fuzzed: BTreeSet<String> =
		entry_points::all(&fx).iter().map(|ep| ep.name.to_string()).collect();
	assert_eq!(fuzzed, exported_functions(), "the blob's exports");
	let listed = contract_entry_points().iter().map(|n| n.to_string()).collect();
	assert_eq!(fuzzed, listed, "the contract's list");
}

fn every_entry_point_answers_or_traps_cleanly<H: Host>(new: fn(Storage) -> H) {
	// Longer runs only: the floors below hold with CI's margin from CI's length up.
	let inputs =
		knobs::number("MVP_FUZZ_INPUTS").map_or(CI_INPUTS, |n| (n as usize).max(CI_INPUTS));
	let seed = knobs::seed("MVP_FUZZ_SEED");
	runtime_log(); // Starts capturing panic messages.
	eprintln!("fuzzing with MVP_FUZZ_SEED={seed}, {inputs} inputs per entry point");
	let fx = Fixture::build();
	let mut hosts = [State::Head, State::Code, State::Building].map(|s| fx.host(new, s));
	let crashers_file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashers.txt");
	let _ = std::fs::remove_file(&crashers_file);
	let mut crashers = String::new();
	let mut rng = StdRng::seed_from_u64(seed);
	let mut short = Vec::new();
	for ep in entry_points::all(&fx) {
		let host = &mut hosts[ep.state as usize];
		let mut tally = std::collections::BTreeMap::<Outcome, usize>::new();
		for _ in 0..inputs {
			let input = match &ep.fresh {
				Some(fresh) if rng.gen_ratio(1, 3) => mutate::encode(&fresh(&mut rng)),
				_ => mutate::input(&ep.seeds, &mut rng),
			};
			match check(&ep, host, &fx, &input) {
				Ok(outcome) => *tally.entry(outcome).or_default() += 1,
				Err(why) => crashers.push_str(&crasher_line(ep.name, &input, &why)),
			}
		}
		let allowed = match ep.contract {
			Contract::Answers => "",
			Contract::AnswersExcept(_, why) | Contract::MayTrap(why) => why,
		};
		eprintln!("{}: {tally:?} {allowed}", ep.name);
		// A fuzzer whose inputs stopped reaching the runtime would find nothing: most inputs
		// are valid ones or one field of them mutated, which decode as the arguments, and a
		// tenth are valid inputs as they are, which get answers.
		let count = |outcome| tally.get(&outcome).copied().unwrap_or_default();
		let decoded = count(Outcome::Answered) + count(Outcome::Trapped);
		if decoded < inputs * DECODED_FLOOR / 100
			|| count(Outcome::Answered) < inputs * ANSWERED_FLOOR / 100
		{
			short.push(format!("{}: {tally:?}", ep.name));
		}
	}
	assert!(
		short.is_empty(),
		"seed {seed}: fewer than {DECODED_FLOOR}% of the inputs decoded or fewer than \
		 {ANSWERED_FLOOR}% were answered:\n{}",
		short.join("\n")
	);
	if !crashers.is_empty() {
		std::fs::write(&crashers_file, &crashers).expect("writable target dir");
		let mut shown = String::new();
		for line in crashers.lines().take(10) {
			let _ = writeln!(shown, "{}", line.chars().take(400).collect::<String>());
		}
		panic!("seed {seed}: crashing inputs (all in {}):\n{shown}", crashers_file.display());
	}
}

in_hosts!(every_entry_point_answers_or_traps_cleanly: wasmtime, native);

/// Every input that once broke an entry point's contract, replayed.
fn committed_crashers_stay_fixed<H: Host>(new: fn(Storage) -> H) {
	runtime_log(); // Starts capturing panic messages.
	let fx = Fixture::build();
	let eps = entry_points::all(&fx);
	let mut hosts = [State::Head, State::Code, State::Building].map(|s| fx.host(new, s));
	for line in include_str!("regressions.txt").lines() {
		let line = line.split('#').next().unwrap_or_default().trim();
		let Some((name, hex)) = line.split_once(' ') else { continue };
		let ep = eps.iter().find(|ep| ep.name == name).unwrap_or_else(|| panic!("no {name}"));
		let input = sp_core::bytes::from_hex(hex.trim()).expect("hex");
		let host = &mut hosts[ep.state as usize];
		check(ep, host, &fx, &input).unwrap_or_else(|why| panic!("{name}: {why}"));
	}
}

in_hosts!(committed_crashers_stay_fixed: wasmtime, native);
