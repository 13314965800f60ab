//! Storage migrations of the nonce clock, one module per storage version they reach, and the
//! layouts of the versions they leave.

use crate::{Config, Pallet, LOG_TARGET};
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	storage::unhashed,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
#[cfg(feature = "try-runtime")]
use {
	codec::{Decode, Encode},
	frame_support::ensure,
	sp_runtime::TryRuntimeError,
};

/// Versions 0 and 1 counted every extrinsic of the chain in `Ticks`, as a `u64`, with nonces
/// of the same type.
pub mod old {
	use super::*;
	use frame_support::pallet_prelude::ValueQuery;

	/// Version 1's `Ticks`.
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
		/// Extrinsics of all blocks up to `block`, inclusive: above every nonce ever used.
		pub ticks: u64,
		/// The last block whose transactions were counted.
		pub block: BlockNumber,
	}

	/// `Ticks` as versions 0 (a bare `u64`) and 1 (a [`Clock`]) kept it.
	#[frame_support::storage_alias]
	pub type Ticks<T: Config> = StorageValue<Pallet<T>, Clock<BlockNumberFor<T>>, ValueQuery>;

	/// An account's record with the nonce versions 0 and 1 ran with.
	pub type AccountInfo<T> =
		frame_system::AccountInfo<u64, <T as frame_system::Config>::AccountData>;
}

/// Version 0 to 1: `Ticks` gains the block that last advanced it.
pub mod v1 {
	use super::{
		old::{Clock, Ticks},
		*,
	};

	/// The migration as a runtime lists it: it runs once, on a chain at storage version 0, and
	/// sets version 1.
	pub type MigrateV0ToV1<T> =
		VersionedMigration<0, 1, MigrateTicks<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// The translation itself, unversioned: use [`MigrateV0ToV1`].
	pub struct MigrateTicks<T>(core::marker::PhantomData<T>);

	/// Version 0's value: the count alone, if it decodes as one.
	fn v0_ticks<T: Config>() -> Result<Option<u64>, &'static str> {
		let Some(raw) = unhashed::get_raw(&Ticks::<T>::hashed_key()) else { return Ok(None) };
		<u64 as codec::DecodeAll>::decode_all(&mut &raw[..]).map(Some).map_err(|_| {
			"nonce clock: Ticks does not decode as version 0's u64; migrating would lose it"
		})
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for MigrateTicks<T> {
		/// Runs in the first block of the new runtime, before `frame_system` starts that block:
		/// the block number is the parent's, the last block whose transactions were counted.
		fn on_runtime_upgrade() -> Weight {
			let block = frame_system::Pallet::<T>::block_number();
			match v0_ticks::<T>() {
				Ok(ticks) => Ticks::<T>::put(Clock { ticks: ticks.unwrap_or_default(), block }),
				// Left as it is rather than reset: a reset clock would let old transactions
				// verify again. `try-runtime` refuses this upgrade before it is deployed.
				Err(why) => log::error!(target: LOG_TARGET, "{why}"),
			}
			T::DbWeight::get().reads_writes(1, 1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			// Logged too: tools show the log, and a tuple of refused migrations only says how
			// many there were.
			let ticks =
				v0_ticks::<T>().inspect_err(|why| log::error!(target: LOG_TARGET, "{why}"))?;
			Ok(ticks.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(before: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = Option::<u64>::decode(&mut &before[..])
				.map_err(|_| "nonce clock: pre_upgrade's state does not decode")?;
			let clock = Ticks::<T>::get();
			ensure!(clock.ticks == before.unwrap_or_default(), "nonce clock: ticks changed");
			ensure!(
				clock.block == frame_system::Pallet::<T>::block_number(),
				"nonce clock: not stamped with the parent block"
			);
			Ok(())
		}
	}
}

/// Version 1 to 2: nonces become `u32`. Every account's record is rewritten with its nonce as
/// a `u32`, and the extrinsic count becomes the [`Floor`](crate::Floor).
///
/// Both keep the guarantee: the count was above every nonce any account ever used, so it is a
/// floor above every nonce of a reaped account; a count or a nonce above `u32::MAX` becomes
/// `u32::MAX`, the nonce that [`CheckNonce`](crate::CheckNonce) refuses (such an account keeps
/// its funds and can no longer sign; no nonce verifies twice).
///
/// It runs in one block and rewrites every account: one read and one write each, so a chain
/// with more accounts than a block's weight allows (about 15,000 at RocksDB costs in a
/// two-second block) needs it as a multi-block migration instead.
pub mod v2 {
	use super::*;
	use crate::Floor;
	use codec::DecodeAll;
	use frame_support::storage::{PrefixIterator, StoragePrefixedMap};
	use frame_system::{Account, AccountInfo};
	use sp_runtime::traits::UniqueSaturatedInto;

	/// The migration as a runtime lists it: it runs once, on a chain at storage version 1, and
	/// sets version 2.
	pub type MigrateV1ToV2<T> =
		VersionedMigration<1, 2, MigrateToU32<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// The translation itself, unversioned: use [`MigrateV1ToV2`].
	pub struct MigrateToU32<T>(core::marker::PhantomData<T>);

	fn saturated(value: u64) -> u32 {
		value.unique_saturated_into()
	}

	/// Every account's record, by its whole storage key, read in version 1's layout (`None`
	/// where it is not). Raw keys: nothing is decoded and hashed again to write it back.
	fn v1_records<T: Config>() -> impl Iterator<Item = (Vec<u8>, Option<old::AccountInfo<T>>)> {
		let prefix = Account::<T>::final_prefix().to_vec();
		PrefixIterator::<_>::new(prefix.clone(), prefix.clone(), |key, mut record| {
			Ok((key.to_vec(), old::AccountInfo::<T>::decode_all(&mut record).ok()))
		})
		.map(move |(key, record)| ([&prefix[..], &key].concat(), record))
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for MigrateToU32<T> {
		fn on_runtime_upgrade() -> Weight {
			let floor = saturated(old::Ticks::<T>::take().ticks);
			let (mut read, mut written) = (1u64, 2u64);
			for (key, record) in v1_records::<T>() {
				read += 1;
				match record {
					Some(account) => {
						let nonce = T::Nonce::from(saturated(account.nonce));
						let account = AccountInfo {
							nonce,
							consumers: account.consumers,
							providers: account.providers,
							sufficients: account.sufficients,
							data: account.data,
						};
						// An existing key rewritten: the iteration goes on from it.
						unhashed::put(&key, &account);
						written += 1;
					},
					// Left as it is rather than dropped: a record that is not version 1's
					// (one already in the new layout, say) loses nothing by staying.
					None => log::error!(
						target: LOG_TARGET,
						"an account's record is not version 1's; left as it is"
					),
				}
			}
			Floor::<T>::put(floor);
			T::DbWeight::get().reads_writes(read, written)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let mut accounts = 0u64;
			for (_, record) in v1_records::<T>() {
				record.ok_or_else(|| {
					log::error!(target: LOG_TARGET, "an account's record is not version 1's");
					"nonce clock: an account's record is not version 1's"
				})?;
				accounts += 1;
			}
			Ok((old::Ticks::<T>::get().ticks, accounts).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(before: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (ticks, accounts) = <(u64, u64)>::decode(&mut &before[..])
				.map_err(|_| "nonce clock: pre_upgrade's state does not decode")?;
			ensure!(
				Floor::<T>::get() == saturated(ticks),
				"nonce clock: the floor is not the count"
			);
			ensure!(
				Account::<T>::iter().count() as u64 == accounts,
				"nonce clock: an account was lost or does not decode"
			);
			Ok(())
		}
	}
}
