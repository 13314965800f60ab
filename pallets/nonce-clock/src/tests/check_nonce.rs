//! The runtime's `CheckNonce` as the pool and the block builder run it.

use super::*;
use frame_support::dispatch::DispatchInfo;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
	},
};

fn call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

pub fn validate(who: u64, nonce: u32) -> Result<ValidTransaction, TransactionValidityError> {
	CheckNonce::<Test>::from(nonce.into())
		.validate_only(
			Some(who).into(),
			&call(),
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|(valid, _, _)| valid)
}

pub fn apply(who: u64, nonce: u32) -> Result<(), TransactionValidityError> {
	CheckNonce::<Test>::from(nonce.into())
		.validate_and_prepare(Some(who).into(), &call(), &DispatchInfo::default(), 0, 0)
		.map(|_| ())
}

/// What a node's pool matches: the `(account, nonce)` tags, with a nonce of four bytes as
/// every Polkadot node encodes it, so a burst from one account chains up in the pool.
#[test]
fn the_pool_tags_are_account_and_u32_nonce() {
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		Account::<Test>::mutate(1, |account| account.nonce = 10u32.into());
		let next = validate(1, 10).unwrap();
		assert_eq!(next.provides, vec![(1u64, 10u32).encode()]);
		assert!(next.requires.is_empty());
		// The second and third of a burst require the one before them.
		for nonce in [11u32, 12] {
			let queued = validate(1, nonce).unwrap();
			assert_eq!(queued.provides, vec![(1u64, nonce).encode()]);
			assert_eq!(queued.requires, vec![(1u64, nonce - 1).encode()]);
		}
	});
}

#[test]
fn stale_future_and_unfunded_are_frame_systems_refusals() {
	new_test_ext().execute_with(|| {
		System::inc_providers(&1);
		Account::<Test>::mutate(1, |account| account.nonce = 10u32.into());
		assert_eq!(validate(1, 9).unwrap_err(), InvalidTransaction::Stale.into());
		assert_eq!(apply(1, 11).unwrap_err(), InvalidTransaction::Future.into());
		assert_eq!(validate(2, 0).unwrap_err(), InvalidTransaction::Payment.into());
		apply(1, 10).unwrap();
		assert_eq!(*System::account_nonce(1), 11);
	});
}

/// An unsigned origin has no nonce to use: it passes as frame-system passes it, whatever the
/// nonce field says.
#[test]
fn an_unsigned_origin_passes_with_any_nonce() {
	new_test_ext().execute_with(|| {
		for nonce in [0, u32::MAX] {
			let (valid, _, _) = CheckNonce::<Test>::from(nonce.into())
				.validate(
					frame_system::RawOrigin::None.into(),
					&call(),
					&DispatchInfo::default(),
					0,
					(),
					&TxBaseImplication(call()),
					TransactionSource::External,
				)
				.unwrap();
			assert!(valid.provides.is_empty(), "no nonce, no tag");
		}
	});
}
