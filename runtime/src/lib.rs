//! The runtime: FRAME pallets, the chain's types and its runtime APIs, compiled to an
//! MVP-Wasm blob by the workspace's `build.rs`. This crate only wires things together; logic
//! lives in pallets.

#![cfg_attr(not(feature = "std"), no_std)]
// `impl_runtime_apis!` expands to large match arms and deep type nesting.
#![recursion_limit = "256"]

extern crate alloc;

use alloc::vec::Vec;

mod apis;
/// The runtime API dispatch compiled natively: what the host kit's native host calls.
#[cfg(feature = "std")]
pub use apis::api;
/// The runtime API declarations a node's client is typed with (it runs `:code`, never this).
#[cfg(feature = "std")]
pub use apis::RuntimeApi;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
mod extrinsic_decoding;
pub mod genesis_checks;
pub mod genesis_config_presets;
#[cfg(feature = "next-spec-version")]
pub mod upgrade_marker;
pub mod weights;

use sp_runtime::{generic, impl_opaque_keys};

pub use frame_system::Call as SystemCall;
pub use mvp_chain_runtime_common::{
	chain_properties, inherents::UNDECODABLE_EXTRINSIC, AccountId, Address, Balance, BlockNumber,
	Hash, Header, Signature, EXISTENTIAL_DEPOSIT, MILLISECS_PER_BLOCK, SLOT_DURATION, UNIT,
};
pub use pallet_balances::Call as BalancesCall;
#[cfg(feature = "probe")]
pub use pallet_probe::Call as ProbeCall;
pub use pallet_sudo::Call as SudoCall;
pub use pallet_timestamp::Call as TimestampCall;

/// `VERSION`, as nodes and wallets read it. `#[runtime_version]` takes literals only, so each
/// build's name and number are spelled out below.
macro_rules! runtime_version {
	($spec_name:tt, $spec_version:tt) => {
		/// This runtime's version, as nodes and wallets read it.
		#[sp_version::runtime_version]
		pub const VERSION: sp_version::RuntimeVersion = sp_version::RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed($spec_name),
			impl_name: alloc::borrow::Cow::Borrowed($spec_name),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}

// The chain's runtime. Raise `spec_version` for every upgrade you ship.
#[cfg(not(any(feature = "next-spec-version", feature = "foreign-spec-name")))]
// 101: sessions (validators governance changes, misbehaviour reports).
runtime_version!("mvp-chain", 101);
// Test fixtures, real builds of this source: the next upgrade, and another chain's runtime.
#[cfg(feature = "next-spec-version")]
runtime_version!("mvp-chain", 102);
#[cfg(feature = "foreign-spec-name")]
runtime_version!("mvp-chain-foreign", 103);

pub type Nonce = mvp_chain_runtime_common::Nonce<Runtime>;
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A session (one validator set, one set of keys) lasts an hour when nothing changes. Each
/// rotation fills its block, so sessions are long; a change to the set or to a validator's keys
/// ends the session once it is [`MIN_SESSION_BLOCKS`] old, and the next one too, which activates
/// it: a change takes effect within about two minutes.
pub const SESSION_BLOCKS: BlockNumber = 600;
pub const MIN_SESSION_BLOCKS: BlockNumber = 10;
/// Sessions whose validators a misbehaviour report can still prove: a day's, when none was cut
/// short.
pub const HISTORY_DEPTH: u32 = 24;

/// The checks every signed transaction passes (`mvp_chain_runtime_common::SignedChecks`), then
/// frame-system's weight reclaim, which gives back the weight a transaction booked and did not
/// use. Tuples encode as their elements one after another: wallets see one list.
pub type TxExtension =
	(mvp_chain_runtime_common::SignedChecks<Runtime>, frame_system::WeightReclaim<Runtime>);

pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations, run once by the first block of a runtime that lists them, oldest first.
/// Each is versioned: it runs on a chain at its pallet's `from` storage version only, so it is
/// harmless on a chain that ran it already. Drop one once every chain has.
#[cfg(not(feature = "next-spec-version"))]
pub type Migrations = (
	pallet_nonce_clock::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_nonce_clock::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_validator_set::migrations::InitSessions<Runtime, configs::validators::FixedAuthorities>,
);
/// The upgrade fixture also counts its runs (`upgrade_marker`).
#[cfg(feature = "next-spec-version")]
pub type Migrations = (
	pallet_nonce_clock::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_nonce_clock::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_validator_set::migrations::InitSessions<Runtime, configs::validators::FixedAuthorities>,
	upgrade_marker::CountRuns,
);

pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

/// Types a node needs without knowing this runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	// A test fixture's pallet, in the fixture blob only; its index stays reserved.
	#[cfg(feature = "probe")]
	#[runtime::pallet_index(7)]
	pub type Probe = pallet_probe;
	#[runtime::pallet_index(8)]
	pub type NonceClock = pallet_nonce_clock;
	// Declared after Aura (whose slot check uses the set before a rotation) and in this order:
	// the validator set's genesis before Session's, which asks it for the first set; reports
	// after Session, to see the session a block starts.
	#[runtime::pallet_index(9)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(10)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(11)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(12)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(13)]
	pub type Offences = pallet_offences;
	#[runtime::pallet_index(14)]
	pub type Equivocation = pallet_equivocation;
}
