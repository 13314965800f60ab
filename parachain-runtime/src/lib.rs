//! The parachain flavour of the chain: the solochain's money, accounts and transaction checks
//! (`mvp-chain-runtime-common`), with Aura authoring under a relay chain instead of sessions and
//! GRANDPA. The relay chain's validators check each block by running this blob's
//! `validate_block` over the block's proof of validity; a runtime upgrade waits for the relay
//! chain's go-ahead. Compiled to the same MVP-Wasm target by the workspace's `build.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
// `impl_runtime_apis!` expands to large match arms and deep type nesting.
#![recursion_limit = "256"]

extern crate alloc;

use alloc::vec::Vec;

mod apis;
#[cfg(feature = "std")]
pub use apis::RuntimeApi;
pub mod configs;
pub mod genesis_checks;
pub mod genesis_config_presets;
pub mod weights;

use sp_runtime::{generic, impl_opaque_keys};

pub use frame_system::Call as SystemCall;
pub use mvp_chain_runtime_common::{
	chain_properties, AccountId, Address, Balance, BlockNumber, Hash, Header, Signature,
	EXISTENTIAL_DEPOSIT, MILLISECS_PER_BLOCK, SLOT_DURATION, UNIT,
};
pub use pallet_balances::Call as BalancesCall;
pub use pallet_sudo::Call as SudoCall;

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
			// 1: new code runs from the block after the one that applies it (3 would wait two
			// blocks more, through `:pending_code`).
			system_version: 1,
		};
	};
}

// The parachain's runtime. Raise `spec_version` for every upgrade you ship.
#[cfg(not(feature = "next-spec-version"))]
runtime_version!("mvp-parachain", 100);
// A test fixture, a real build of this source: the next upgrade.
#[cfg(feature = "next-spec-version")]
runtime_version!("mvp-parachain", 101);

pub type Nonce = mvp_chain_runtime_common::Nonce<Runtime>;
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The solochain's checks, wrapped in cumulus' weight reclaim, which gives back the weight and
/// the proof size a transaction booked and did not use (frame-system's `WeightReclaim` closes
/// the solochain's list instead). Wallets see the same extensions plus `StorageWeightReclaim`,
/// which carries no data.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	mvp_chain_runtime_common::SignedChecks<Runtime>,
>;

pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

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
	/// A collator's keys: it seals blocks with its Aura key.
	pub struct SessionKeys {
		pub aura: Aura,
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

	// The pallets both flavours run keep the solochain's indices, so a call encodes the same
	// on both. Declaration order is hook order: ParachainSystem reads the relay chain's state
	// before the others, Aura sets the slot before AuraExt checks it.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(20)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(21)]
	pub type ParachainInfo = staging_parachain_info;
	#[runtime::pallet_index(22)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(8)]
	pub type NonceClock = pallet_nonce_clock;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(23)]
	pub type AuraExt = cumulus_pallet_aura_ext;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
