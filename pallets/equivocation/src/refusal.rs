//! Why a report is refused, once for a node's pool and once for a block: the same checks give
//! an `InvalidTransaction` in validation and the pallet's error in dispatch.

use crate::{Config, Error};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError,
};

/// `InvalidTransaction::Custom` code: the key-ownership proof does not hold.
pub const INVALID_KEY_OWNERSHIP_PROOF: u8 = 0xe0;
/// `InvalidTransaction::Custom` code: the slot is not in the proof's session, or the session is
/// not kept.
pub const UNKNOWN_SESSION: u8 = 0xe1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
	/// `InvalidTransaction::BadProof`.
	InvalidEquivocationProof,
	/// `InvalidTransaction::Custom(0xe0)`.
	InvalidKeyOwnershipProof,
	/// `InvalidTransaction::Custom(0xe1)`.
	UnknownSession,
	/// `InvalidTransaction::Stale`: the offence is known.
	Duplicate,
}

impl From<Refusal> for TransactionValidityError {
	fn from(refusal: Refusal) -> Self {
		match refusal {
			Refusal::InvalidEquivocationProof => InvalidTransaction::BadProof,
			Refusal::InvalidKeyOwnershipProof => {
				InvalidTransaction::Custom(INVALID_KEY_OWNERSHIP_PROOF)
			},
			Refusal::UnknownSession => InvalidTransaction::Custom(UNKNOWN_SESSION),
			Refusal::Duplicate => InvalidTransaction::Stale,
		}
		.into()
	}
}

impl Refusal {
	pub fn into_error<T: Config>(self) -> DispatchError {
		match self {
			Refusal::InvalidEquivocationProof => Error::<T>::InvalidEquivocationProof,
			Refusal::InvalidKeyOwnershipProof => Error::<T>::InvalidKeyOwnershipProof,
			Refusal::UnknownSession => Error::<T>::UnknownSession,
			Refusal::Duplicate => Error::<T>::DuplicateOffenceReport,
		}
		.into()
	}
}
