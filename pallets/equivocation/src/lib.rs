//! # Equivocation reports
//!
//! Misbehaviour of the block authors, reported on chain as upstream reports it for BABE and
//! GRANDPA, for what upstream leaves out:
//!
//! - **Aura equivocations.** An author that seals two different blocks for one slot (its keys
//!   run on two nodes, say) is caught by any node that imports both; the node asks the runtime
//!   for a key-ownership proof ([`AuraEquivocationApi`]) and submits an unsigned
//!   [`report_equivocation_unsigned`](Call::report_equivocation_unsigned). The runtime checks
//!   both seals, that the slot falls in the session the ownership proof is for, and the proof
//!   against `pallet-session`'s historical roots, then reports an [`AuraEquivocationOffence`]
//!   to `pallet-offences`, whose handler disables and removes the offender.
//! - **GRANDPA reports checked in full before a block takes them.** `pallet-grandpa` checks a
//!   report's votes and set only when it dispatches it; [`grandpa::CheckedReports`] refuses an
//!   invalid one in validation, as this pallet does with its own.
//!
//! Every report is refused in validation when its proof is invalid, its session is unknown
//! (pruned, or not yet), or the offence is known already; see [`Refusal`] for the codes a node
//! answers with.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use aura::{check_equivocation_proof, AuraEquivocationOffence, EquivocationReportSystem};
pub use pallet::*;
pub use refusal::Refusal;
pub use runtime_api::*;
pub use weights::WeightInfo;

mod aura;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod grandpa;
#[cfg(test)]
mod mock;
mod refusal;
pub mod report_weight;
pub mod runtime_api;
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub mod testing;
#[cfg(test)]
mod tests;
pub mod weights;

use sp_consensus_slots::Slot;

const LOG_TARGET: &str = "runtime::equivocation";

/// An Aura equivocation: two headers of one slot sealed by one authority.
pub type AuraEquivocationProof<T> = sp_consensus_slots::EquivocationProof<
	frame_system::pallet_prelude::HeaderFor<T>,
	<T as pallet_aura::Config>::AuthorityId,
>;

// `ValidateUnsigned`, as pallet-grandpa and pallet-babe still use it; its expansion binds a unit.
#[allow(deprecated, clippy::let_unit_value)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use frame_support::{pallet_prelude::*, traits::Hooks};
	use frame_system::pallet_prelude::*;
	use sp_session::{GetSessionNumber, GetValidatorCount};
	use sp_staking::{offence::OffenceReportSystem, SessionIndex};

	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + pallet_aura::Config + pallet_session::Config {
		/// The proof that a key belonged to a validator in a session (`pallet-session`'s
		/// historical `MembershipProof`).
		type KeyOwnerProof: Parameter + GetSessionNumber + GetValidatorCount;
		/// Checks, publishes and processes reports ([`EquivocationReportSystem`]).
		type EquivocationReportSystem: OffenceReportSystem<
			Option<Self::AccountId>,
			(AuraEquivocationProof<Self>, Self::KeyOwnerProof),
		>;
		/// How many sessions back a report may go: as many as the historical roots kept.
		#[pallet::constant]
		type HistoryDepth: Get<SessionIndex>;
		type WeightInfo: WeightInfo;
	}

	/// The first Aura slot of each session kept: a report's slot must fall in the session its
	/// key-ownership proof is for.
	#[pallet::storage]
	pub type SessionStartSlots<T> = StorageMap<_, Twox64Concat, SessionIndex, Slot>;

	#[pallet::error]
	pub enum Error<T> {
		/// The two headers are not two different headers of one slot, both sealed by the
		/// offender.
		InvalidEquivocationProof,
		/// The key-ownership proof does not prove that the offender's key belonged to a
		/// validator in its session.
		InvalidKeyOwnershipProof,
		/// The slot is not in the session of the key-ownership proof, or that session is not
		/// kept (pruned, or not yet begun).
		UnknownSession,
		/// The offence was reported already.
		DuplicateOffenceReport,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			SessionStartSlots::<T>::insert(0, Slot::from(0));
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Declared after `Aura` and `Session`, this runs once both have: in the block that
		/// starts a session, whose own author the old set still chose. The new set authors
		/// from the next slot on.
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			let session = pallet_session::CurrentIndex::<T>::get();
			if SessionStartSlots::<T>::contains_key(session) {
				return T::DbWeight::get().reads(2);
			}
			let slot = pallet_aura::CurrentSlot::<T>::get();
			SessionStartSlots::<T>::insert(session, slot + 1);
			if let Some(gone) = session.checked_sub(T::HistoryDepth::get()) {
				SessionStartSlots::<T>::remove(gone);
			}
			T::DbWeight::get().reads_writes(3, 2)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Report an Aura equivocation. Unsigned: only a node that made the report itself, or a
		/// block, may carry it; it costs nothing.
		#[pallet::call_index(0)]
		#[pallet::weight(report_weight::report_equivocation::<T>(key_owner_proof.validator_count()))]
		pub fn report_equivocation_unsigned(
			origin: OriginFor<T>,
			equivocation_proof: Box<AuraEquivocationProof<T>>,
			key_owner_proof: T::KeyOwnerProof,
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			T::EquivocationReportSystem::process_evidence(
				None,
				(*equivocation_proof, key_owner_proof),
			)?;
			Ok(Pays::No.into())
		}
	}

	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			Self::validate_report(source, call)
		}

		fn pre_dispatch(call: &Self::Call) -> Result<(), TransactionValidityError> {
			Self::check_report(call)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Submits a report through the node's pool (from the runtime API, with the node's
		/// transaction pool extension).
		pub fn submit_unsigned_equivocation_report(
			equivocation_proof: AuraEquivocationProof<T>,
			key_owner_proof: T::KeyOwnerProof,
		) -> Option<()> {
			T::EquivocationReportSystem::publish_evidence((equivocation_proof, key_owner_proof))
				.ok()
		}

		/// Whether `slot` is in `session`, a session whose start is kept.
		pub fn in_session(slot: Slot, session: SessionIndex) -> bool {
			let Some(start) = SessionStartSlots::<T>::get(session) else { return false };
			let before_next =
				SessionStartSlots::<T>::get(session + 1).is_none_or(|next| slot < next);
			start <= slot && before_next
		}
	}
}

impl<T: Config> Pallet<T> {
	fn check_report(
		call: &Call<T>,
	) -> Result<(), sp_runtime::transaction_validity::TransactionValidityError> {
		use sp_runtime::transaction_validity::InvalidTransaction;
		use sp_staking::offence::OffenceReportSystem;
		let Call::report_equivocation_unsigned { equivocation_proof, key_owner_proof } = call
		else {
			return Err(InvalidTransaction::Call.into());
		};
		T::EquivocationReportSystem::check_evidence((
			(**equivocation_proof).clone(),
			key_owner_proof.clone(),
		))
	}

	fn validate_report(
		source: sp_runtime::transaction_validity::TransactionSource,
		call: &Call<T>,
	) -> sp_runtime::transaction_validity::TransactionValidity {
		use frame_support::traits::Get;
		use sp_runtime::transaction_validity::{
			InvalidTransaction, TransactionPriority, TransactionSource, ValidTransaction,
		};
		use sp_staking::offence::OffenceReportSystem;
		// Another node's report never reaches a pool: only its author's block carries it.
		if !matches!(source, TransactionSource::Local | TransactionSource::InBlock) {
			log::warn!(target: LOG_TARGET, "refused an equivocation report from the network");
			return InvalidTransaction::Call.into();
		}
		Self::check_report(call)?;
		let Call::report_equivocation_unsigned { equivocation_proof, .. } = call else {
			return InvalidTransaction::Call.into();
		};
		let longevity =
			<T::EquivocationReportSystem as OffenceReportSystem<_, _>>::Longevity::get();
		ValidTransaction::with_tag_prefix("AuraEquivocation")
			.priority(TransactionPriority::MAX)
			.and_provides((equivocation_proof.offender.clone(), equivocation_proof.slot))
			.longevity(longevity)
			.propagate(false)
			.build()
	}
}
