//! Transaction fees for a chain that burns them: pallet-transaction-payment's
//! `OnChargeTransaction`, withdrawing through pallet-balances' `Currency` interface.
//!
//! pallet-transaction-payment's own `FungibleAdapter` withdraws through `fungible::Balanced`,
//! which reads the payer's account eight times, parks the withdrawn credit in the pallet's
//! `TxPaymentCredit` storage for other pallets to draw on, and checks the payer still exists
//! before refunding. A chain with no pallet drawing on the credit pays about 80 host
//! calls per transaction for that (docs/performance-and-weights.md, "Host calls"). This adapter
//! keeps the credit in hand, as pallet-transaction-payment's adapters did before the credit
//! was stored, and withdraws with balances' own checks: the fee leaves the payer's free
//! balance, never its last existential deposit nor frozen funds, and is burned.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use core::marker::PhantomData;
use frame_support::traits::{
	fungible,
	tokens::{Fortitude, Preservation},
	Currency, ExistenceRequirement, Imbalance, WithdrawReasons,
};
use pallet_transaction_payment::{Config, OnChargeTransaction, TxCreditHold};
use sp_runtime::{
	traits::{DispatchInfoOf, PostDispatchInfoOf, Saturating, Zero},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
type Withdrawn<C, T> = <C as Currency<AccountIdOf<T>>>::NegativeImbalance;

/// Fees, tips included, withdrawn from the payer before dispatch and burned after it, less the
/// refund of what the call did not use. `C` is pallet-balances (any `Currency` that can also
/// say what an account may spend).
pub struct BurnFees<C>(PhantomData<C>);

impl<T: Config, C> TxCreditHold<T> for BurnFees<C> {
	/// Nothing parked in storage: the withdrawn fee stays in hand until it is burned.
	type Credit = ();
}

impl<T, C> OnChargeTransaction<T> for BurnFees<C>
where
	T: Config,
	C: Currency<AccountIdOf<T>>
		+ fungible::Inspect<AccountIdOf<T>, Balance = <C as Currency<AccountIdOf<T>>>::Balance>,
{
	type Balance = <C as Currency<AccountIdOf<T>>>::Balance;
	type LiquidityInfo = Option<Withdrawn<C, T>>;

	fn withdraw_fee(
		who: &AccountIdOf<T>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		fee_with_tip: Self::Balance,
		tip: Self::Balance,
	) -> Result<Self::LiquidityInfo, TransactionValidityError> {
		if fee_with_tip.is_zero() {
			return Ok(None);
		}
		let reasons = if tip.is_zero() {
			WithdrawReasons::TRANSACTION_PAYMENT
		} else {
			WithdrawReasons::TRANSACTION_PAYMENT | WithdrawReasons::TIP
		};
		C::withdraw(who, fee_with_tip, reasons, ExistenceRequirement::KeepAlive)
			.map(Some)
			.map_err(|_| InvalidTransaction::Payment.into())
	}

	/// What the payer may spend and stay alive covers the fee: one read of its account, where
	/// a full withdrawal's dry run reads it four times and total issuance once.
	fn can_withdraw_fee(
		who: &AccountIdOf<T>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		fee_with_tip: Self::Balance,
		_tip: Self::Balance,
	) -> Result<(), TransactionValidityError> {
		if fee_with_tip.is_zero() {
			return Ok(());
		}
		let spendable = <C as fungible::Inspect<_>>::reducible_balance(
			who,
			Preservation::Preserve,
			Fortitude::Polite,
		);
		if spendable >= fee_with_tip {
			Ok(())
		} else {
			Err(InvalidTransaction::Payment.into())
		}
	}

	fn correct_and_deposit_fee(
		who: &AccountIdOf<T>,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		corrected_fee_with_tip: Self::Balance,
		_tip: Self::Balance,
		withdrawn: Self::LiquidityInfo,
	) -> Result<(), TransactionValidityError> {
		let Some(withdrawn) = withdrawn else { return Ok(()) };
		let refund = withdrawn.peek().saturating_sub(corrected_fee_with_tip);
		// No refund to an account the transaction removed: its whole fee is burned.
		let refunded = C::deposit_into_existing(who, refund).unwrap_or_else(|_| Imbalance::zero());
		let burned = withdrawn.offset(refunded).same().map_err(|_| InvalidTransaction::Payment)?;
		// Dropping the imbalance takes it off total issuance (balances' `Rescinded` event).
		drop(burned);
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn endow_account(who: &AccountIdOf<T>, amount: Self::Balance) {
		let _ = C::deposit_creating(who, amount);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn minimum_balance() -> Self::Balance {
		<C as Currency<_>>::minimum_balance()
	}
}
