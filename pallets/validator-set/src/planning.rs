//! Each session's set, as `pallet-session` asks for it.

use crate::{Config, Event, Offenders, Pallet, Validators, LOG_TARGET};
use alloc::vec::Vec;
use frame_support::traits::Get;
use pallet_session::historical;
use sp_staking::{offence::OffenceSeverity, SessionIndex};

impl<T: Config> Pallet<T> {
	/// The approved validators that have session keys: `pallet-session` would drop the others
	/// silently, and GRANDPA would then be handed a set without them.
	fn with_keys() -> Vec<T::AccountId> {
		Validators::<T>::get()
			.into_iter()
			.filter(|v| pallet_session::NextKeys::<T>::contains_key(v))
			.collect()
	}

	/// The set to activate at session `index`, if it differs from the one queued before it.
	fn plan(index: SessionIndex) -> Option<Vec<T::AccountId>> {
		if index > T::HistoryDepth::get() {
			historical::Pallet::<T>::prune_up_to(index - T::HistoryDepth::get());
		}
		let next = Self::with_keys();
		let queued: Vec<_> =
			pallet_session::QueuedKeys::<T>::get().into_iter().map(|(v, _)| v).collect();
		if next == queued {
			return None;
		}
		if (next.len() as u32) < T::MinValidators::get() {
			log::warn!(
				target: LOG_TARGET,
				"session {index}: only {} approved validators have keys, fewer than the minimum {}; \
				 the set stays as it is",
				next.len(),
				T::MinValidators::get()
			);
			Self::deposit_event(Event::PlanRefused {
				session: index,
				with_keys: next.len() as u32,
			});
			return None;
		}
		Self::deposit_event(Event::SetPlanned { session: index, validators: next.clone() });
		Self::rotate_once_more();
		Some(next)
	}

	/// A new set clears `pallet-session`'s disabled list: disable again the offenders it still
	/// holds, and forget those it no longer does.
	fn disable_offenders_again() {
		let active = pallet_session::Validators::<T>::get();
		let mut offenders = Offenders::<T>::get();
		offenders.retain(|v| active.contains(v));
		for offender in offenders.iter() {
			pallet_session::Pallet::<T>::report_offence(
				offender.clone(),
				OffenceSeverity::default(),
			);
		}
		Offenders::<T>::put(offenders);
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan(index)
	}

	/// Sessions 0 and 1 always get the genesis set, so that their historical roots are stored
	/// (each later session without a change copies the root before it).
	fn new_session_genesis(_: SessionIndex) -> Option<Vec<T::AccountId>> {
		Some(Self::with_keys())
	}

	fn start_session(_: SessionIndex) {
		Self::note_rotation();
		Self::disable_offenders_again();
	}

	fn end_session(_: SessionIndex) {}
}

impl<T: Config> historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session(index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn new_session_genesis(index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session_genesis(index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn start_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::start_session(index)
	}

	fn end_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::end_session(index)
	}
}
