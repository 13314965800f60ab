//! When a session ends. A session lasts [`Config::SessionBlocks`]; a change to the set, to a
//! validator's keys, or another reason the runtime names ([`Config::RotateEarly`]) ends it once
//! it is [`Config::MinSessionBlocks`] old, and the one after it as well, since `pallet-session`
//! activates a set one session after it plans it. So a change takes two short sessions, and a
//! chain without changes rotates rarely: each rotation fills its block (`pallet-session`
//! charges a whole block's weight for it), so frequent fixed rotations would cost throughput.

use crate::{Config, Pallet, RotationsWanted, SessionStart, Validators};
use frame_support::{
	traits::{EstimateNextSessionRotation, Get},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Convert, Saturating, Zero},
	Permill,
};

impl<T: Config> Pallet<T> {
	/// Ask for the two rotations that make a change active.
	pub(crate) fn rotate_soon() {
		RotationsWanted::<T>::put(2);
	}

	/// At each session start: one rotation fewer wanted, and the session's age counts from now.
	pub(crate) fn note_rotation() {
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
		RotationsWanted::<T>::mutate(|wanted| *wanted = wanted.saturating_sub(1));
	}

	/// A newly planned set is active only after one more rotation.
	pub(crate) fn rotate_once_more() {
		RotationsWanted::<T>::mutate(|wanted| *wanted = (*wanted).max(1));
	}

	fn session_age(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		now.saturating_sub(SessionStart::<T>::get())
	}

	fn early() -> bool {
		RotationsWanted::<T>::get() > 0 || T::RotateEarly::get()
	}
}

impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		let age = Self::session_age(now);
		age >= T::SessionBlocks::get() || (age >= T::MinSessionBlocks::get() && Self::early())
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		T::SessionBlocks::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let length = T::SessionBlocks::get();
		let progress = (!length.is_zero())
			.then(|| Permill::from_rational(Self::session_age(now).min(length), length));
		(progress, T::DbWeight::get().reads(1))
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let start = SessionStart::<T>::get();
		let at = if Self::early() {
			start.saturating_add(T::MinSessionBlocks::get()).max(now)
		} else {
			start.saturating_add(T::SessionBlocks::get())
		};
		(Some(at), T::DbWeight::get().reads(3))
	}
}

/// `pallet_session::Config::ValidatorIdOf`: an account is its own validator id, and when an
/// approved validator sets or purges its keys the new keys are brought in soon, as a set change
/// is. (`pallet-session` has no hook for a key change; it calls this in `set_keys` and
/// `purge_keys` only, inside the call, so a call that fails leaves no trace.)
pub struct NoteKeyChanges<T>(core::marker::PhantomData<T>);

impl<T: Config> Convert<T::AccountId, Option<T::AccountId>> for NoteKeyChanges<T> {
	fn convert(account: T::AccountId) -> Option<T::AccountId> {
		if Validators::<T>::get().contains(&account) {
			Pallet::<T>::rotate_soon();
		}
		Some(account)
	}
}
