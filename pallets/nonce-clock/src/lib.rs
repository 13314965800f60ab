//! # Nonce clock
//!
//! No replay across an account's lives. FRAME forgets a reaped account, nonce included; when
//! it is funded again its nonce would start over at 0 and every transaction of its earlier
//! life would verify again. With this pallet a new account's nonce starts at the *floor*: one
//! value in storage ([`Floor`]) that is above every nonce any reaped account has used.
//!
//! Why that is enough, for any number of transactions per life and any timing: a life that
//! starts at the floor `f` and has `k` transactions included has used the nonces `f .. f+k`
//! and dies holding `f+k`, the next nonce it would have used. frame-system still holds the
//! account's record when it tells [`OnKilledAccount`] that the account is gone, so the pallet
//! reads that nonce there and raises the floor to it. Every later life of any account starts
//! at or above it, above every nonce of every earlier life, and `CheckNonce` refuses every
//! lower nonce as `Stale`, immortal transactions included. The floor rises by the
//! transactions of one lineage of lives, not by every extrinsic of the chain, and costs no
//! write in a block where nobody is reaped.
//!
//! The end. The nonce is a `u32`, as every Polkadot node types it (a node finds an account's
//! pending transactions by their `(account, nonce)` tags encoded with its own nonce type).
//! frame-system's `CheckNonce` turns a used `u32::MAX` into 0, which would let old transactions
//! verify again; this pallet's [`CheckNonce`] wraps it and refuses a transaction signed with
//! `u32::MAX` ([`NONCE_EXHAUSTED`]). An account that reaches it, and every account created once
//! the floor is there, can still receive and hold funds but never signs again: nothing ever
//! verifies twice. Reaching it takes one lineage of 4,294,967,295 included transactions.
//!
//! Wiring, all required (a runtime that skips one is not protected):
//! - `frame_system::Config::Nonce = TypeWithDefault<u32, NonceStart<Runtime>>`, so that a new
//!   account's nonce is taken from the floor;
//! - `frame_system::Config::OnKilledAccount = NonceClock`, which raises it;
//! - [`CheckNonce`] in the transaction extensions instead of frame-system's (the same
//!   identifier, encoding and metadata: wallets see no difference).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use check_nonce::{CheckNonce, NONCE_EXHAUSTED};
pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod check_nonce;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use core::marker::PhantomData;
use frame_support::traits::{Get, OnKilledAccount};
use sp_runtime::traits::UniqueSaturatedInto;

const LOG_TARGET: &str = "runtime::nonce-clock";

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use frame_support::pallet_prelude::*;

	/// 2: [`Floor`] (1: a count of every extrinsic as a `u64`, 0: the same without its block).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		type WeightInfo: WeightInfo;
	}

	/// The nonce an account created now starts at: the highest nonce a reaped account held
	/// when it was reaped, or 0 before any was.
	#[pallet::storage]
	pub type Floor<T> = StorageValue<_, u32, ValueQuery>;
}

impl<T: Config> Pallet<T> {
	/// The floor, read into a buffer on the stack. `now` runs each time a missing account is
	/// looked up (seven times in a transfer that creates one); `get` would have the host
	/// allocate a copy of the value that the runtime then frees, one more host call each.
	pub fn now() -> u32 {
		let mut buffer = [0u8; 4];
		match sp_io::storage::read(&Floor::<T>::hashed_key(), &mut buffer, 0) {
			// SCALE's `u32`: four little-endian bytes.
			Some(4) => u32::from_le_bytes(buffer),
			// Absent, or not a `u32`: what `get` answers.
			Some(_) | None => Floor::<T>::get(),
		}
	}
}

impl<T: Config> OnKilledAccount<T::AccountId> for Pallet<T> {
	/// frame-system calls this while it still holds the account's record; it removes the
	/// record afterwards.
	fn on_killed_account(who: &T::AccountId) {
		match frame_system::Account::<T>::try_get(who) {
			Ok(account) => {
				let last: u32 = account.nonce.unique_saturated_into();
				if last > Self::now() {
					Floor::<T>::put(last);
				}
			},
			// No frame-system path gets here; a pallet that removed the record itself would
			// have to raise the floor itself.
			Err(()) => log::error!(target: LOG_TARGET, "a reaped account had no record left"),
		}
	}
}

/// The nonce a new account starts at, for `sp_runtime::TypeWithDefault`.
#[derive(frame_support::DebugNoBound)]
pub struct NonceStart<T>(PhantomData<T>);

impl<T: Config> Get<u32> for NonceStart<T> {
	fn get() -> u32 {
		Pallet::<T>::now()
	}
}
