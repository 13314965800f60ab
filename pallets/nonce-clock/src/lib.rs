//! # Nonce clock
//!
//! No replay across an account's lives. FRAME forgets a reaped account, nonce included; when
//! it is funded again its nonce would start over at 0 and every transaction of its earlier
//! life would verify again. With this pallet a new account's nonce starts at the *clock*: the
//! number of extrinsics the chain has begun since genesis, counting the one running now.
//!
//! Why that is enough, for any number of transactions per life and any timing: every
//! transaction an account signs and gets included is an extrinsic of its own, begun after the
//! account was created, so each one advances the clock by at least the one nonce it uses. A
//! life that starts at clock `c` and has `k` transactions included has used nonces `c .. c+k`,
//! all below the clock at its last transaction; the next life starts no lower than the clock
//! when it is funded again, which is later. `CheckNonce` refuses every earlier nonce as
//! `Stale`, immortal transactions included. (A nonce that starts at the *block number*, as
//! RFC-0173 notes, is caught up by an account that sends many transactions per block.)
//!
//! The clock costs one value in storage, whatever the number of accounts ([`Clock`]): the
//! extrinsics of finished blocks, added once per block after its transactions
//! (`PostTransactions`), and the block that last added them; plus the current extrinsic's
//! position read from `frame_system`'s execution phase. Storage version 0 kept the count alone;
//! [`migrations::v1`] moves a chain from there.
//!
//! Wiring, both required (a runtime that skips one is not protected):
//! - `frame_system::Config::Nonce = TypeWithDefault<u64, NonceStart<Runtime>>`, so that a
//!   new account's nonce is taken from the clock. `u64`: the clock counts every extrinsic of
//!   the chain, which a `u32` would run out of on a chain kept busy.
//! - `frame_system::Config::PostTransactions = NonceClock`, which advances the clock.
//!
//! Assumed: accounts are created in `on_initialize`, in an extrinsic, or after the block's
//! transactions; not in a `PostInherents` hook, which runs between two extrinsics.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use codec::Decode;
use core::marker::PhantomData;
use frame_support::traits::{Get, PostTransactions};
use frame_system::{pallet_prelude::BlockNumberFor, Phase};
use sp_core::storage::well_known_keys;

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// 1: [`Ticks`] holds a [`Clock`](super::Clock) (0: a bare `u64` count).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		type WeightInfo: WeightInfo;
	}

	/// The clock as of the last block whose transactions are done.
	#[pallet::storage]
	pub type Ticks<T> = StorageValue<_, super::Clock<BlockNumberFor<T>>, ValueQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// `PostTransactions` is not charged by the executive; its weight is booked here.
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			T::WeightInfo::post_transactions()
		}

		/// Between blocks, and after an upgrade's migrations, the clock was last advanced by
		/// the current block: every block advances it once its transactions are done.
		#[cfg(feature = "try-runtime")]
		fn try_state(now: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			let advanced = Ticks::<T>::get().block;
			ensure!(advanced == now, "the nonce clock was last advanced in another block");
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The clock: the nonce an account created now starts at. During extrinsic `i` it counts
	/// that extrinsic as begun; before and after the block's extrinsics it is `Ticks`.
	pub fn now() -> u64 {
		let begun_in_block = match read_on_stack::<u32>(well_known_keys::EXTRINSIC_INDEX) {
			// `:extrinsic_index` is 0 from the block's initialisation (and in the genesis
			// state) until its first extrinsic ends: only the phase tells them apart.
			Some(0) => match frame_system::Pallet::<T>::execution_phase() {
				Some(Phase::ApplyExtrinsic(_)) => 1,
				_ => 0,
			},
			Some(index) => u64::from(index) + 1,
			// Gone once the block's extrinsics are done.
			None => 0,
		};
		let clock = read_on_stack::<Clock<BlockNumberFor<T>>>(&Ticks::<T>::hashed_key());
		clock.unwrap_or_default().ticks.saturating_add(begun_in_block)
	}
}

/// A small storage value read into a buffer on the stack; `None` where it is absent or does not
/// decode, as `get` reads it. `now` runs each time a missing account is looked up (seven times in
/// a transfer that creates one); `get` would have the host allocate a copy of each value that
/// the runtime then frees, one more host call per value, and `ExecutionPhase`, read through
/// `execution_phase`, changes with the extrinsic index that `:extrinsic_index` holds anyway.
fn read_on_stack<V: Decode>(key: &[u8]) -> Option<V> {
	let mut buffer = [0u8; 16];
	let len = sp_io::storage::read(key, &mut buffer, 0)? as usize;
	match buffer.get(..len) {
		Some(value) => V::decode(&mut &value[..]).ok(),
		None => frame_support::storage::unhashed::get(key),
	}
}

impl<T: Config> PostTransactions for Pallet<T> {
	fn post_transactions() {
		let applied = u64::from(frame_system::Pallet::<T>::extrinsic_count());
		let block = frame_system::Pallet::<T>::block_number();
		Ticks::<T>::mutate(|clock| {
			*clock = Clock { ticks: clock.ticks.saturating_add(applied), block }
		});
	}
}

/// What [`Ticks`] holds.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub struct Clock<BlockNumber> {
	/// Extrinsics of all blocks up to `block`, inclusive.
	pub ticks: u64,
	/// The last block whose transactions were counted: a tool sees how fresh the clock is.
	pub block: BlockNumber,
}

/// The nonce a new account starts at, for `sp_runtime::TypeWithDefault`.
#[derive(frame_support::DebugNoBound)]
pub struct NonceStart<T>(PhantomData<T>);

impl<T: Config> Get<u64> for NonceStart<T> {
	fn get() -> u64 {
		Pallet::<T>::now()
	}
}
