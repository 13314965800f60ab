//! Sessions for a live chain that ran without them: its authorities, fixed at genesis in Aura
//! and GRANDPA, become the validator set, each with the keys it has been using, so that the
//! first session hands the consensus engines the set they already run and nothing stalls.
//!
//! Not versioned: FRAME gives a pallet new to a chain its current storage version before any
//! migration runs, so a version check could not tell a live chain from a new one. It runs on a
//! chain whose `pallet-session` has no validators yet, once; on any other chain it only reads.

use crate::{Config, Pallet, SessionStart, Validators, LOG_TARGET};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{
	traits::{Get, OnRuntimeUpgrade},
	weights::Weight,
	BoundedVec,
};
use pallet_session::{historical::NoteHistoricalRoot, SessionInterface, SessionManager};

/// The authorities a chain without sessions runs, as validators and their session keys, in the
/// order the consensus engines hold them.
pub trait FixedAuthorities<AccountId, Keys> {
	fn validators() -> Vec<(AccountId, Keys)>;
}

pub struct InitSessions<T, A>(PhantomData<(T, A)>);

impl<T, A> OnRuntimeUpgrade for InitSessions<T, A>
where
	T: Config,
	A: FixedAuthorities<T::AccountId, T::Keys>,
{
	fn on_runtime_upgrade() -> Weight {
		let db = T::DbWeight::get();
		if !pallet_session::Validators::<T>::get().is_empty() {
			return db.reads(1);
		}
		let authorities = A::validators();
		if authorities.is_empty() {
			log::error!(target: LOG_TARGET, "no authorities to start sessions with: none started");
			return db.reads(3);
		}
		let count = authorities.len() as u64;
		let mut queued = Vec::new();
		for (account, keys) in authorities {
			// The privileged path: no ownership proof (the keys are already in use) and no
			// account needed (a validator's account may hold nothing).
			match <pallet_session::Pallet<T> as SessionInterface>::set_keys(&account, keys.clone())
			{
				Ok(()) => queued.push((account, keys)),
				Err(e) => log::error!(
					target: LOG_TARGET,
					"authority {account:?} left out of the validator set: its keys: {e:?}"
				),
			}
		}
		let accounts: Vec<T::AccountId> = queued.iter().map(|(v, _)| v.clone()).collect();
		Validators::<T>::put(BoundedVec::truncate_from(accounts.clone()));
		pallet_session::Validators::<T>::put(accounts);
		pallet_session::QueuedKeys::<T>::put(queued);
		// The historical roots of sessions 0 and 1, as a genesis stores them: every later
		// session without a change carries the one before it over.
		<NoteHistoricalRoot<T, Pallet<T>> as SessionManager<_>>::new_session_genesis(0);
		<NoteHistoricalRoot<T, Pallet<T>> as SessionManager<_>>::new_session_genesis(1);
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
		log::info!(target: LOG_TARGET, "sessions started with {count} validators");
		db.reads_writes(4 + 3 * count, 8 + 4 * count)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		let fresh = pallet_session::Validators::<T>::get().is_empty();
		Ok((fresh, A::validators()).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let (fresh, authorities): (bool, Vec<(T::AccountId, T::Keys)>) =
			Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state")?;
		if !fresh {
			return Ok(());
		}
		let accounts: Vec<_> = authorities.iter().map(|(v, _)| v.clone()).collect();
		ensure!(pallet_session::Validators::<T>::get() == accounts, "the active set");
		ensure!(Validators::<T>::get().into_inner() == accounts, "the approved set");
		ensure!(pallet_session::QueuedKeys::<T>::get() == authorities, "the queued keys");
		for (account, keys) in &authorities {
			ensure!(
				pallet_session::NextKeys::<T>::get(account).as_ref() == Some(keys),
				"a validator's keys"
			);
		}
		ensure!(
			pallet_session::historical::HistoricalSessions::<T>::contains_key(1),
			"the historical root of session 1"
		);
		Ok(())
	}
}
