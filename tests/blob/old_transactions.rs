//! What the invariant workload got included, kept to be replayed: once a signer has been reaped
//! and funded again, each transaction of its earlier life is resubmitted, exact bytes, and
//! must be refused.

use crate::chain::AccountInfo;
use mvp_chain_runtime::{AccountId, UncheckedExtrinsic};
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
use std::collections::{BTreeMap, HashMap};

pub struct Kept {
	pub signer: AccountId,
	pub xt: UncheckedExtrinsic,
	/// The `spec_version` it was signed for.
	spec_version: u32,
	/// How many times its signer had been reaped when it was included.
	life: u32,
}

impl Kept {
	/// The refusal due at `spec_version`: an earlier life's nonce is `Stale`; a transaction
	/// signed for a version before an upgrade no longer verifies (the version is signed).
	pub fn refusal(&self, spec_version: u32) -> TransactionValidityError {
		TransactionValidityError::Invalid(if self.spec_version == spec_version {
			InvalidTransaction::Stale
		} else {
			InvalidTransaction::BadProof
		})
	}
}

#[derive(Default)]
pub struct OldTransactions {
	kept: Vec<Kept>,
	deaths: HashMap<AccountId, u32>,
}

impl OldTransactions {
	/// Keeps a block's `included` transactions, signed for `spec_version`, then notes the
	/// accounts it `killed`.
	pub fn note(
		&mut self,
		included: impl IntoIterator<Item = (AccountId, UncheckedExtrinsic)>,
		spec_version: u32,
		killed: &[AccountId],
	) {
		for (signer, xt) in included {
			let life = self.deaths.get(&signer).copied().unwrap_or(0);
			self.kept.push(Kept { signer, xt, spec_version, life });
		}
		for who in killed {
			*self.deaths.entry(who.clone()).or_insert(0) += 1;
		}
	}

	/// Takes the transactions whose signer has been reaped since and exists again in `alive`.
	pub fn due(&mut self, alive: &BTreeMap<AccountId, AccountInfo>) -> Vec<Kept> {
		let deaths = &self.deaths;
		let reborn = |k: &Kept| {
			alive.contains_key(&k.signer) && deaths.get(&k.signer).copied().unwrap_or(0) > k.life
		};
		let (due, kept) = std::mem::take(&mut self.kept).into_iter().partition(reborn);
		self.kept = kept;
		due
	}
}
