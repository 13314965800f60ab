// `ValidateUnsigned` is how a node's pool asks the pallet (deprecated upstream for 2027).
#![allow(deprecated)]

use crate::{
	check_equivocation_proof, mock::*, refusal, AuraEquivocationProof, Call, Error,
	SessionStartSlots,
};
use codec::Encode;
use frame_support::{assert_err, assert_ok, traits::KeyOwnerProofSystem};
use sp_consensus_aura::digests::CompatibleDigestItem;
use sp_consensus_slots::{EquivocationProof, Slot};
use sp_core::sr25519;
use sp_runtime::{
	generic::DigestItem,
	traits::{Header as _, ValidateUnsigned},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
};

fn proof(who: u64, slot: u64) -> AuraEquivocationProof<Test> {
	EquivocationProof {
		offender: aura_key(who),
		slot: slot.into(),
		first_header: sealed(who, slot, 1),
		second_header: sealed(who, slot, 2),
	}
}

fn report(
	proof: AuraEquivocationProof<Test>,
	key_owner_proof: sp_session::MembershipProof,
) -> Call<Test> {
	Call::report_equivocation_unsigned { equivocation_proof: Box::new(proof), key_owner_proof }
}

fn validate(call: &Call<Test>) -> Result<(), TransactionValidityError> {
	Equivocation::validate_unsigned(TransactionSource::Local, call).map(drop)
}

fn dispatch(
	call: Call<Test>,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	use frame_support::traits::UnfilteredDispatchable;
	call.dispatch_bypass_filter(RuntimeOrigin::none())
}

#[test]
fn a_proof_holds_for_two_headers_of_one_slot_sealed_by_the_offender_only() {
	new_test_ext().execute_with(|| {
		assert!(check_equivocation_proof(&proof(1, 100)));

		let mut same = proof(1, 100);
		same.second_header = same.first_header.clone();
		assert!(!check_equivocation_proof(&same), "one header twice");

		let mut other_slot = proof(1, 100);
		other_slot.second_header = sealed(1, 101, 2);
		assert!(!check_equivocation_proof(&other_slot), "headers of two slots");

		let mut other_author = proof(1, 100);
		other_author.second_header = sealed(2, 100, 2);
		assert!(!check_equivocation_proof(&other_author), "a header sealed by someone else");

		let mut wrong_slot = proof(1, 100);
		wrong_slot.slot = Slot::from(101);
		assert!(!check_equivocation_proof(&wrong_slot), "the proof names another slot");

		let mut unsealed = proof(1, 100);
		unsealed.second_header.digest_mut().pop();
		assert!(!check_equivocation_proof(&unsealed), "no seal");

		let mut two_slots = proof(1, 100);
		let seal = two_slots.second_header.digest_mut().pop().unwrap();
		let extra = <DigestItem as CompatibleDigestItem<sr25519::Signature>>::aura_pre_digest(
			Slot::from(100),
		);
		two_slots.second_header.digest_mut().push(extra);
		two_slots.second_header.digest_mut().push(seal);
		assert!(!check_equivocation_proof(&two_slots), "two slot digests");
	});
}

#[test]
fn a_valid_report_is_taken_locally_only_and_hands_the_offender_on_once() {
	new_test_ext().execute_with(|| {
		let call = report(proof(2, 100), aura_ownership(2));
		let valid = Equivocation::validate_unsigned(TransactionSource::Local, &call).unwrap();
		assert_eq!(
			valid.provides,
			vec![("AuraEquivocation", (aura_key(2), Slot::from(100))).encode()]
		);
		assert!(!valid.propagate);
		assert_eq!(
			Equivocation::validate_unsigned(TransactionSource::External, &call),
			Err(InvalidTransaction::Call.into()),
			"a report from the network"
		);
		assert_ok!(Equivocation::pre_dispatch(&call));
		let info = dispatch(call.clone()).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(Punished::get(), vec![(2, 0)]);

		assert_eq!(validate(&call), Err(InvalidTransaction::Stale.into()), "a duplicate");
		assert_err!(
			dispatch(call).map(drop).map_err(|e| e.error),
			Error::<Test>::DuplicateOffenceReport
		);
		assert_eq!(Punished::get().len(), 1);
	});
}

#[test]
fn an_invalid_report_is_refused_in_validation_and_dispatch() {
	new_test_ext().execute_with(|| {
		let mut forged = proof(1, 100);
		forged.second_header = sealed(2, 100, 2);
		let call = report(forged, aura_ownership(1));
		assert_eq!(validate(&call), Err(InvalidTransaction::BadProof.into()));
		assert_err!(
			dispatch(call).map(drop).map_err(|e| e.error),
			Error::<Test>::InvalidEquivocationProof
		);

		// Validator 2's membership proof for validator 1's key.
		let call = report(proof(1, 100), aura_ownership(2));
		assert_eq!(
			validate(&call),
			Err(InvalidTransaction::Custom(refusal::INVALID_KEY_OWNERSHIP_PROOF).into())
		);
		assert_err!(
			dispatch(call).map(drop).map_err(|e| e.error),
			Error::<Test>::InvalidKeyOwnershipProof
		);

		let mut miscounted = aura_ownership(1);
		miscounted.validator_count += 1;
		let call = report(proof(1, 100), miscounted);
		assert_eq!(
			validate(&call),
			Err(InvalidTransaction::Custom(refusal::INVALID_KEY_OWNERSHIP_PROOF).into())
		);
		assert!(Punished::get().is_empty());
	});
}

#[test]
fn a_report_must_fall_in_a_kept_session() {
	new_test_ext().execute_with(|| {
		let old = aura_ownership(1);
		run_to_session(1);
		let start = SessionStartSlots::<Test>::get(1).unwrap();
		assert_eq!(start, pallet_aura::CurrentSlot::<Test>::get() + 1);
		// A slot of session 1 proven with session 0's proof, and the other way round.
		let unknown = Err(InvalidTransaction::Custom(refusal::UNKNOWN_SESSION).into());
		assert_eq!(validate(&report(proof(1, u64::from(start)), old.clone())), unknown);
		assert_eq!(validate(&report(proof(1, u64::from(start) - 1), aura_ownership(1))), unknown);
		assert_ok!(validate(&report(proof(1, u64::from(start) - 1), old.clone())));

		run_to_session(HISTORY_DEPTH);
		assert!(SessionStartSlots::<Test>::get(0).is_none(), "session 0 is pruned");
		let call = report(proof(1, 100), old);
		assert_eq!(validate(&call), unknown);
		assert_err!(dispatch(call).map(drop).map_err(|e| e.error), Error::<Test>::UnknownSession);
	});
}

#[test]
fn session_starts_are_recorded_at_the_slot_after_the_rotation() {
	new_test_ext().execute_with(|| {
		assert_eq!(SessionStartSlots::<Test>::get(0), Some(Slot::from(0)));
		run_to_session(2);
		let rotated_at = pallet_aura::CurrentSlot::<Test>::get();
		assert_eq!(SessionStartSlots::<Test>::get(2), Some(rotated_at + 1));
		assert!(SessionStartSlots::<Test>::get(1).unwrap() < rotated_at);
	});
}

mod grandpa {
	use super::*;
	use finality_grandpa::{Message, Prevote};
	use sp_consensus_grandpa::{AuthoritySignature, Equivocation, EquivocationProof, KEY_TYPE};
	use sp_staking::offence::OffenceReportSystem;

	type Reports = <Test as pallet_grandpa::Config>::EquivocationReportSystem;
	type Vote = (Prevote<sp_core::H256, u64>, AuthoritySignature);

	/// `signer`'s prevote for `target` in round 1 of set `set_id`.
	fn prevote(signer: u64, target: u8, set_id: u64) -> Vote {
		let prevote = Prevote { target_hash: [target; 32].into(), target_number: 1 };
		let message = Message::Prevote(prevote.clone());
		let payload = sp_consensus_grandpa::localized_payload(1, set_id, &message);
		(prevote, sp_runtime::RuntimeAppPublic::sign(&grandpa_key(signer), &payload).unwrap())
	}

	/// `who` prevoting twice in set `set_id`, the second vote as given.
	fn grandpa_proof(who: u64, set_id: u64, second: Vote) -> EquivocationProof<sp_core::H256, u64> {
		EquivocationProof::new(
			set_id,
			Equivocation::Prevote(finality_grandpa::Equivocation {
				round_number: 1,
				identity: grandpa_key(who),
				first: prevote(who, 1, set_id),
				second,
			}),
		)
	}

	fn ownership(who: u64) -> sp_session::MembershipProof {
		Historical::prove((KEY_TYPE, grandpa_key(who))).unwrap()
	}

	#[test]
	fn a_grandpa_report_is_checked_in_full_in_validation() {
		new_test_ext().execute_with(|| {
			let valid = grandpa_proof(3, 0, prevote(3, 2, 0));
			assert_ok!(Reports::check_evidence((valid, ownership(3))));

			let forged = grandpa_proof(3, 0, prevote(2, 2, 0));
			assert_eq!(
				Reports::check_evidence((forged, ownership(3))),
				Err(InvalidTransaction::BadProof.into()),
				"the second vote is validator 2's"
			);
			let later_set = grandpa_proof(3, 5, prevote(3, 2, 5));
			assert_eq!(
				Reports::check_evidence((later_set, ownership(3))),
				Err(InvalidTransaction::Custom(refusal::UNKNOWN_SESSION).into()),
				"set 5 has no session yet"
			);
		});
	}
}
