//! What a reported misbehaviour does: the offender is disabled while the active set holds it
//! and leaves the approved set. `pallet-offences` calls this once per new report, with every
//! offender reported for the same time slot so far: acting twice on one must change nothing.

use crate::{Config, Event, Offenders, Pallet, Validators, WeightInfo};
use frame_support::{traits::Get, weights::Weight};
use sp_runtime::Perbill;
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity, OnOffenceHandler},
	SessionIndex,
};

impl<T: Config> OnOffenceHandler<T::AccountId, (T::AccountId, ()), Weight> for Pallet<T> {
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, ())>],
		_slash_fraction: &[Perbill],
		_session: SessionIndex,
	) -> Weight {
		for details in offenders {
			Self::punish(&details.offender.0);
		}
		<T as Config>::WeightInfo::on_offence(offenders.len() as u32, T::MaxValidators::get())
	}
}

impl<T: Config> Pallet<T> {
	fn punish(offender: &T::AccountId) {
		if pallet_session::Validators::<T>::get().contains(offender) {
			pallet_session::Pallet::<T>::report_offence(
				offender.clone(),
				OffenceSeverity::default(),
			);
			Offenders::<T>::mutate(|list| {
				// Bounded by the active set, which `MaxValidators` bounds.
				if !list.contains(offender) {
					let _ = list.try_push(offender.clone());
				}
			});
		}
		let mut approved = Validators::<T>::get();
		let Some(at) = approved.iter().position(|v| v == offender) else { return };
		if approved.len() as u32 > T::MinValidators::get() {
			approved.remove(at);
			Validators::<T>::put(approved);
			Self::rotate_soon();
			Self::deposit_event(Event::OffenderRemoved { who: offender.clone() });
		} else {
			Self::deposit_event(Event::OffenderKept { who: offender.clone() });
		}
	}
}
