//! Storage migrations of the nonce clock, one module per storage version they reach.

/// Version 0 to 1: [`Ticks`](crate::Ticks) gains the block that last advanced it.
pub mod v1 {
	use crate::{Clock, Config, Pallet, Ticks};
	use frame_support::{
		migrations::VersionedMigration,
		storage::unhashed,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {
		alloc::vec::Vec,
		codec::{Decode, Encode},
		frame_support::ensure,
		sp_runtime::TryRuntimeError,
	};

	const LOG_TARGET: &str = "runtime::nonce-clock";

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
