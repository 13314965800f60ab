//! Aura equivocations: the proof, the offence, and the report system that checks, publishes
//! and processes reports.

use crate::{AuraEquivocationProof, Call, Config, Pallet, Refusal, LOG_TARGET};
use alloc::{boxed::Box, vec, vec::Vec};
use codec::Codec;
use core::marker::PhantomData;
use frame_support::traits::{Get, KeyOwnerProofSystem};
use sp_consensus_aura::digests::CompatibleDigestItem;
use sp_consensus_slots::{EquivocationProof, Slot};
use sp_runtime::{
	generic::DigestItem, traits::Header, transaction_validity::TransactionValidityError,
	DispatchError, KeyTypeId, Perbill, RuntimeAppPublic,
};
use sp_session::{GetSessionNumber, GetValidatorCount};
use sp_staking::{
	offence::{Kind, Offence, OffenceReportSystem, ReportOffence},
	SessionIndex,
};

/// Whether the proof holds: two different headers, each carrying exactly one Aura slot, the
/// proof's, and sealed last by the offender over the rest of the header, as a node checks an
/// Aura block.
pub fn check_equivocation_proof<H, P>(proof: &EquivocationProof<H, P>) -> bool
where
	H: Header,
	P: RuntimeAppPublic,
	P::Signature: Codec,
{
	let sealed_by_offender = |header: &H| {
		let mut header = header.clone();
		let Some(seal) = header.digest_mut().pop() else { return false };
		let Some(signature) = CompatibleDigestItem::<P::Signature>::as_aura_seal(&seal) else {
			return false;
		};
		let slots: Vec<Slot> = header
			.digest()
			.logs()
			.iter()
			.filter_map(|item: &DigestItem| {
				CompatibleDigestItem::<P::Signature>::as_aura_pre_digest(item)
			})
			.collect();
		slots == [proof.slot] && proof.offender.verify(&header.hash(), &signature)
	};
	proof.first_header.hash() != proof.second_header.hash()
		&& sealed_by_offender(&proof.first_header)
		&& sealed_by_offender(&proof.second_header)
}

/// An Aura equivocation as `pallet-offences` records it: one per offender and slot.
pub struct AuraEquivocationOffence<Offender> {
	pub slot: Slot,
	pub session_index: SessionIndex,
	pub validator_set_count: u32,
	pub offender: Offender,
}

impl<Offender: Clone> Offence<Offender> for AuraEquivocationOffence<Offender> {
	const ID: Kind = *b"aura:equivocatio";
	type Slot = Slot;

	fn offenders(&self) -> Vec<Offender> {
		vec![self.offender.clone()]
	}

	fn session_index(&self) -> SessionIndex {
		self.session_index
	}

	fn validator_set_count(&self) -> u32 {
		self.validator_set_count
	}

	fn slot(&self) -> Slot {
		self.slot
	}

	/// BABE's and GRANDPA's `min((3k/n)², 1)`; a handler that slashes nothing may ignore it.
	fn slash_fraction(&self, offenders_count: u32) -> Perbill {
		Perbill::from_rational(3 * offenders_count, self.validator_set_count).square()
	}
}

/// Aura reports through `pallet-offences` (`R`), proven against `pallet-session`'s historical
/// roots (`P`), kept in pools for `L` blocks.
pub struct EquivocationReportSystem<T, R, P, L>(PhantomData<(T, R, P, L)>);

impl<T, R, P, L> EquivocationReportSystem<T, R, P, L>
where
	T: Config,
	R: ReportOffence<
		T::AccountId,
		P::IdentificationTuple,
		AuraEquivocationOffence<P::IdentificationTuple>,
	>,
	P: KeyOwnerProofSystem<(KeyTypeId, T::AuthorityId), Proof = T::KeyOwnerProof>,
	P::IdentificationTuple: Clone,
{
	/// Every check, in validation and in dispatch alike; the offence when all hold.
	fn verify(
		proof: &AuraEquivocationProof<T>,
		key_owner_proof: T::KeyOwnerProof,
	) -> Result<AuraEquivocationOffence<P::IdentificationTuple>, Refusal> {
		if !check_equivocation_proof(proof) {
			return Err(Refusal::InvalidEquivocationProof);
		}
		let session_index = key_owner_proof.session();
		if !Pallet::<T>::in_session(proof.slot, session_index) {
			return Err(Refusal::UnknownSession);
		}
		let validator_set_count = key_owner_proof.validator_count();
		let key = (<T::AuthorityId as RuntimeAppPublic>::ID, proof.offender.clone());
		let offender =
			P::check_proof(key, key_owner_proof).ok_or(Refusal::InvalidKeyOwnershipProof)?;
		if R::is_known_offence(core::slice::from_ref(&offender), &proof.slot) {
			return Err(Refusal::Duplicate);
		}
		Ok(AuraEquivocationOffence {
			slot: proof.slot,
			session_index,
			validator_set_count,
			offender,
		})
	}
}

impl<T, R, P, L>
	OffenceReportSystem<Option<T::AccountId>, (AuraEquivocationProof<T>, T::KeyOwnerProof)>
	for EquivocationReportSystem<T, R, P, L>
where
	T: Config + pallet_authorship::Config + frame_system::offchain::CreateBare<Call<T>>,
	R: ReportOffence<
		T::AccountId,
		P::IdentificationTuple,
		AuraEquivocationOffence<P::IdentificationTuple>,
	>,
	P: KeyOwnerProofSystem<(KeyTypeId, T::AuthorityId), Proof = T::KeyOwnerProof>,
	P::IdentificationTuple: Clone,
	L: Get<u64>,
{
	type Longevity = L;

	fn publish_evidence(
		(equivocation_proof, key_owner_proof): (AuraEquivocationProof<T>, T::KeyOwnerProof),
	) -> Result<(), ()> {
		use frame_system::offchain::SubmitTransaction;
		let call = Call::report_equivocation_unsigned {
			equivocation_proof: Box::new(equivocation_proof),
			key_owner_proof,
		};
		let result =
			SubmitTransaction::<T, Call<T>>::submit_transaction(T::create_bare(call.into()));
		match result {
			Ok(()) => log::info!(target: LOG_TARGET, "submitted an Aura equivocation report"),
			Err(()) => {
				log::error!(target: LOG_TARGET, "could not submit an Aura equivocation report")
			},
		}
		result
	}

	fn check_evidence(
		(equivocation_proof, key_owner_proof): (AuraEquivocationProof<T>, T::KeyOwnerProof),
	) -> Result<(), TransactionValidityError> {
		Self::verify(&equivocation_proof, key_owner_proof).map(drop).map_err(Into::into)
	}

	fn process_evidence(
		reporter: Option<T::AccountId>,
		(equivocation_proof, key_owner_proof): (AuraEquivocationProof<T>, T::KeyOwnerProof),
	) -> Result<(), DispatchError> {
		let offence =
			Self::verify(&equivocation_proof, key_owner_proof).map_err(Refusal::into_error::<T>)?;
		let reporter = reporter.or_else(pallet_authorship::Pallet::<T>::author);
		R::report_offence(reporter.into_iter().collect(), offence)
			.map_err(|_| Refusal::Duplicate.into_error::<T>())
	}
}

impl<T: Config> Pallet<T> {
	/// A key-ownership proof for `authority`'s Aura key in the current session, from `P`.
	pub fn key_ownership_proof<P>(authority: T::AuthorityId) -> Option<P::Proof>
	where
		P: KeyOwnerProofSystem<(KeyTypeId, T::AuthorityId)>,
	{
		P::prove((<T::AuthorityId as RuntimeAppPublic>::ID, authority))
	}
}
