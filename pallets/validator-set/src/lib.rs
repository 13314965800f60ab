//! # Validator set
//!
//! The authorities of a proof-of-authority chain, as its governance wants them: the part of a
//! session-based validator set that no upstream pallet does without staking.
//!
//! - The governance origin ([`Config::UpdateOrigin`], sudo on this chain) adds a validator that
//!   has set its session keys (`session.set_keys`), or removes one; the set never goes below
//!   [`Config::MinValidators`].
//! - As `pallet-session`'s [`SessionManager`](pallet_session::SessionManager) it plans each
//!   session's set: the approved validators that have keys, in the order they were added. A set
//!   planned while session `i` runs is active from session `i + 2`, as `pallet-session` queues
//!   it one session ahead. A set that did not change is not planned again, so GRANDPA's
//!   authority set (and with it every light client's warp-sync proof) changes only when the
//!   validators do.
//! - As `pallet-offences`' [`OnOffenceHandler`] it acts on a reported misbehaviour: the offender
//!   is disabled through `pallet-session`'s disabling strategy (a disabled Aura author's blocks
//!   are invalid) for as long as it stays in the active set, and it leaves the approved set, so
//!   it is gone from the next set planned. No funds are slashed: there are none at stake.
//! - It keeps [`Config::HistoryDepth`] sessions of `pallet-session`'s historical roots, which
//!   misbehaviour reports prove key ownership against, and prunes older ones.
//!
//! Wiring: `pallet_session::Config::SessionManager = NoteHistoricalRoot<Runtime, ValidatorSet>`,
//! `pallet_offences::Config::OnOffenceHandler = ValidatorSet`, and this pallet declared before
//! `Session` in the runtime, so that its genesis set is there when `Session` builds its own.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use rotation::NoteKeyChanges;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
mod offences;
mod planning;
mod rotation;
#[cfg(test)]
mod tests;
pub mod weights;

const LOG_TARGET: &str = "runtime::validator-set";

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;
	use sp_staking::SessionIndex;

	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
		+ pallet_session::historical::Config<FullIdentification = ()>
	{
		/// Who adds and removes validators: the chain's governance.
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The fewest validators the set may hold.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// The most validators the set may hold: at most what Aura and GRANDPA keep.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// How long a session lasts when nothing changes.
		#[pallet::constant]
		type SessionBlocks: Get<BlockNumberFor<Self>>;
		/// How old a session must be before a change ends it.
		#[pallet::constant]
		type MinSessionBlocks: Get<BlockNumberFor<Self>>;
		/// Another reason to end sessions early (GRANDPA stalled, waiting for a new set).
		type RotateEarly: Get<bool>;
		/// How many sessions of historical roots to keep: a misbehaviour older than that can
		/// no longer be proven.
		#[pallet::constant]
		type HistoryDepth: Get<SessionIndex>;
		type WeightInfo: WeightInfo;
	}

	/// The validators governance approved, in the order they were added.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Validators reported for misbehaviour that are still in the active set: disabled again
	/// at each new session (a set change clears `pallet-session`'s disabled list) until they
	/// leave it.
	#[pallet::storage]
	pub type Offenders<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The block the current session started at.
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// How many sessions to end early, each once `MinSessionBlocks` old: two after a change
	/// (one to plan the new set, one to activate it).
	#[pallet::storage]
	pub type RotationsWanted<T> = StorageValue<_, u8, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance added a validator: it is in the set planned at the next session.
		ValidatorAdded { who: T::AccountId },
		/// Governance removed a validator: it is not in the set planned at the next session.
		ValidatorRemoved { who: T::AccountId },
		/// A set was planned; it becomes active at `session`.
		SetPlanned { session: SessionIndex, validators: Vec<T::AccountId> },
		/// The set could not be planned: only `with_keys` approved validators have session
		/// keys, fewer than the minimum. The active set stays until enough set keys again.
		PlanRefused { session: SessionIndex, with_keys: u32 },
		/// A reported offender left the approved set.
		OffenderRemoved { who: T::AccountId },
		/// A reported offender stays approved: removing it would leave fewer validators than
		/// the minimum. It is still disabled while the active set holds it.
		OffenderKept { who: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has not set session keys (`session.set_keys`): it could not author.
		NoKeys,
		/// The set is at `MaxValidators`.
		TooManyValidators,
		/// Removing the validator would leave fewer than `MinValidators`.
		TooFewValidators,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first validators; each needs its keys in `Session`'s genesis.
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// FRAME's default genesis (which its genesis test builds) has none; a runtime refuses
			// a chain without validators in its own genesis checks.
			if self.validators.is_empty() {
				return;
			}
			let count = self.validators.len() as u32;
			assert!(
				count >= T::MinValidators::get(),
				"the genesis validator set has {count} validators, fewer than the minimum of {}",
				T::MinValidators::get()
			);
			for (i, v) in self.validators.iter().enumerate() {
				assert!(
					!self.validators[..i].contains(v),
					"validator {v:?} is in the genesis validator set twice"
				);
			}
			let validators = BoundedVec::try_from(self.validators.clone()).unwrap_or_else(|_| {
				panic!(
					"the genesis validator set has {count} validators, more than the maximum of {}",
					T::MaxValidators::get()
				)
			});
			Validators::<T>::put(validators);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "a chain needs at least one validator");
			assert!(T::MinValidators::get() <= T::MaxValidators::get());
			assert!(T::MinSessionBlocks::get() <= T::SessionBlocks::get());
			assert!(!T::MinSessionBlocks::get().is_zero(), "a session lasts at least a block");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			let approved = Validators::<T>::get();
			ensure!(
				approved.len() as u32 >= T::MinValidators::get(),
				"fewer approved validators than the minimum"
			);
			let active = pallet_session::Validators::<T>::get();
			ensure!(!active.is_empty(), "the active set is empty");
			for offender in Offenders::<T>::get() {
				ensure!(active.contains(&offender), "an offender outside the active set is kept");
			}
			Ok(())
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `who`, which has set its session keys, to the set planned at the next session.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			ensure!(pallet_session::NextKeys::<T>::contains_key(&who), Error::<T>::NoKeys);
			Validators::<T>::try_mutate(|set| {
				ensure!(!set.contains(&who), Error::<T>::AlreadyValidator);
				set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)
			})?;
			Self::rotate_soon();
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Remove `who` from the set planned at the next session.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|set| {
				let at = set.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
				ensure!(set.len() as u32 > T::MinValidators::get(), Error::<T>::TooFewValidators);
				set.remove(at);
				Ok::<_, Error<T>>(())
			})?;
			Self::rotate_soon();
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}
}

/// `pallet_session::historical::Config::FullIdentificationOf` for this pallet's chains: every
/// validator's full identification is `()`, as nothing is at stake.
pub struct NothingAtStake;
impl<AccountId> sp_runtime::traits::Convert<AccountId, Option<()>> for NothingAtStake {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}

impl<T: Config> Pallet<T> {
	/// The approved validators.
	pub fn validators() -> alloc::vec::Vec<T::AccountId> {
		Validators::<T>::get().into_inner()
	}
}
