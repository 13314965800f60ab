//! GRANDPA reports checked in full in validation. `pallet-grandpa`'s report system checks only
//! the key-ownership proof and whether the offence is known before a pool takes a report; the
//! votes and the set's session it checks at dispatch, so an invalid report would be carried by
//! a block and fail there. [`CheckedReports`] runs those checks first and then `pallet-grandpa`'s
//! own (`Inner`), which publishes and processes as before.

use crate::Refusal;
use core::marker::PhantomData;
use sp_consensus_grandpa::{check_equivocation_proof, EquivocationProof};
use sp_runtime::{transaction_validity::TransactionValidityError, DispatchError};
use sp_session::GetSessionNumber;
use sp_staking::offence::OffenceReportSystem;

type Evidence<T> = (
	EquivocationProof<
		<T as frame_system::Config>::Hash,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	>,
	<T as pallet_grandpa::Config>::KeyOwnerProof,
);

pub struct CheckedReports<T, Inner>(PhantomData<(T, Inner)>);

impl<T, Inner> OffenceReportSystem<Option<T::AccountId>, Evidence<T>> for CheckedReports<T, Inner>
where
	T: pallet_grandpa::Config,
	Inner: OffenceReportSystem<Option<T::AccountId>, Evidence<T>>,
{
	type Longevity = Inner::Longevity;

	fn publish_evidence(evidence: Evidence<T>) -> Result<(), ()> {
		Inner::publish_evidence(evidence)
	}

	fn check_evidence(evidence: Evidence<T>) -> Result<(), TransactionValidityError> {
		let (proof, key_owner_proof) = &evidence;
		if !check_equivocation_proof(proof.clone()) {
			return Err(Refusal::InvalidEquivocationProof.into());
		}
		if !in_set_sessions::<T>(proof.set_id(), key_owner_proof.session()) {
			return Err(Refusal::UnknownSession.into());
		}
		Inner::check_evidence(evidence)
	}

	fn process_evidence(
		reporter: Option<T::AccountId>,
		evidence: Evidence<T>,
	) -> Result<(), DispatchError> {
		Inner::process_evidence(reporter, evidence)
	}
}

/// Whether `session` is one the authority set `set_id` voted in, as `pallet-grandpa` checks at
/// dispatch: after the previous set's last session, up to this set's.
fn in_set_sessions<T: pallet_grandpa::Config>(set_id: u64, session: u32) -> bool {
	let Some(last) = pallet_grandpa::SetIdSession::<T>::get(set_id) else { return false };
	let after_previous = match set_id.checked_sub(1) {
		None => true,
		Some(previous) => match pallet_grandpa::SetIdSession::<T>::get(previous) {
			Some(previous_last) => session > previous_last,
			None => false,
		},
	};
	after_previous && session <= last
}
