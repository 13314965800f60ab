//! What the chain's two runtimes share: the solochain (`runtime/`, Aura and GRANDPA with
//! sessions) and the parachain (`parachain-runtime/`, Aura under a relay chain). One source for
//! the chain's types, its money, the checks a signed transaction passes and the configuration of
//! the pallets both run, so that the two flavours cannot drift apart: a wallet signs for both
//! alike, and a fee costs the same on both.
//!
//! Each runtime still writes its own `impl Config for Runtime` blocks (Rust allows them only in
//! the crate that defines `Runtime`); what they share comes from here, through FRAME's
//! `#[derive_impl]` defaults ([`configs`]) and the types below. Likewise the runtime APIs both
//! answer alike ([`impl_runtime_apis_with_shared!`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod apis;
pub mod chain_properties;
pub mod configs;
pub mod extrinsic_decoding;
pub mod genesis;
pub mod inherents;
pub mod limits;
pub mod weights;

/// For the macros' expansions in the runtimes.
#[doc(hidden)]
pub mod reexport {
	pub use spin;
}
// `#[derive_impl]` of [`configs::SystemDefaults`] names frame-system's items through this crate.
#[doc(hidden)]
pub use frame_system;

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};

/// The signature scheme of transactions; the account id is the signer's public key.
pub type Signature = MultiSignature;
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
pub type Balance = u128;
/// A new account's nonce starts at the nonce clock's floor (`pallet-nonce-clock`), not at 0, so
/// no transaction of an earlier life of the account verifies again. `u32`, as every Polkadot
/// node types it when it matches an account's pending transactions in its pool.
pub type Nonce<Runtime> =
	sp_runtime::type_with_default::TypeWithDefault<u32, pallet_nonce_clock::NonceStart<Runtime>>;
pub type BlockNumber = u32;
pub type Hash = sp_core::H256;
pub type Address = MultiAddress<AccountId, ()>;
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Smallest unit count of one token (`chain_properties::TOKEN_DECIMALS`).
pub const UNIT: Balance = (10 as Balance).pow(chain_properties::TOKEN_DECIMALS as u32);
pub const EXISTENTIAL_DEPOSIT: Balance = UNIT / 1_000;

/// Six-second blocks; Aura slots last as long as a block. A parachain's slot is also the relay
/// chain's, for one block per relay block.
pub const MILLISECS_PER_BLOCK: u64 = 6_000;
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// The checks every signed transaction passes, in the order wallets encode them. Each runtime
/// closes the list with its own weight reclaim: the solochain with frame-system's, the
/// parachain by wrapping the list in cumulus' `StorageWeightReclaim`, which also reclaims
/// unused proof size.
pub type SignedChecks<Runtime> = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// frame-system's, refusing the one nonce it would wrap to 0 (the same bytes and metadata).
	pallet_nonce_clock::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);
