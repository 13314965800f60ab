use crate::{mock::*, BurnFees};
use frame_support::{
	dispatch::{DispatchInfo, PostDispatchInfo},
	traits::{Currency, LockableCurrency, WithdrawReasons},
};
use pallet_transaction_payment::OnChargeTransaction;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

type Fees = BurnFees<Balances>;

fn call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn withdraw(who: u64, fee: u64, tip: u64) -> Result<Option<Withdrawn>, TransactionValidityError> {
	<Fees as OnChargeTransaction<Test>>::withdraw_fee(
		&who,
		&call(),
		&DispatchInfo::default(),
		fee,
		tip,
	)
}

fn can_withdraw(who: u64, fee: u64) -> Result<(), TransactionValidityError> {
	<Fees as OnChargeTransaction<Test>>::can_withdraw_fee(
		&who,
		&call(),
		&DispatchInfo::default(),
		fee,
		0,
	)
}

fn settle(who: u64, corrected: u64, tip: u64, withdrawn: Option<Withdrawn>) {
	<Fees as OnChargeTransaction<Test>>::correct_and_deposit_fee(
		&who,
		&DispatchInfo::default(),
		&PostDispatchInfo::default(),
		corrected,
		tip,
		withdrawn,
	)
	.expect("settles");
}

type Withdrawn = pallet_balances::NegativeImbalance<Test>;

fn balances_events() -> Vec<pallet_balances::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Balances(event) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn a_fee_is_withdrawn_before_dispatch_and_burned_after_it() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let withdrawn = withdraw(1, 100, 0).expect("affordable");
		assert_eq!(Balances::free_balance(1), 900);
		settle(1, 100, 0, withdrawn);
		assert_eq!(Balances::free_balance(1), 900);
		assert_eq!(Balances::total_issuance(), issuance - 100);
		assert_eq!(
			balances_events(),
			vec![
				pallet_balances::Event::Withdraw { who: 1, amount: 100 },
				pallet_balances::Event::Rescinded { amount: 100 },
			]
		);
	});
}

#[test]
fn what_the_call_did_not_use_is_refunded_and_only_the_rest_burned() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		// A tip of 5 within a fee of 100; the call turned out to cost 40 with the tip.
		let withdrawn = withdraw(1, 100, 5).expect("affordable");
		settle(1, 40, 5, withdrawn);
		assert_eq!(Balances::free_balance(1), 960);
		assert_eq!(Balances::total_issuance(), issuance - 40);
		assert!(balances_events().contains(&pallet_balances::Event::Deposit { who: 1, amount: 60 }));
		assert!(balances_events().contains(&pallet_balances::Event::Rescinded { amount: 40 }));
	});
}

#[test]
fn a_payer_keeps_its_existential_deposit() {
	new_test_ext().execute_with(|| {
		let all_but_deposit = 1_000 - EXISTENTIAL_DEPOSIT;
		let payment = Err(InvalidTransaction::Payment.into());
		// The dry run and the withdrawal agree on the boundary.
		assert_eq!(can_withdraw(1, all_but_deposit + 1), payment);
		assert_eq!(withdraw(1, all_but_deposit + 1, 0).map(|_| ()), payment);
		assert_eq!(Balances::free_balance(1), 1_000);
		assert_eq!(can_withdraw(1, all_but_deposit), Ok(()));
		let withdrawn = withdraw(1, all_but_deposit, 0).expect("leaves the deposit");
		settle(1, all_but_deposit, 0, withdrawn);
		assert_eq!(Balances::free_balance(1), EXISTENTIAL_DEPOSIT);
	});
}

#[test]
fn frozen_funds_do_not_pay_fees() {
	new_test_ext().execute_with(|| {
		Balances::set_lock(*b"frozen!!", &1, 600, WithdrawReasons::all());
		let payment = Err(InvalidTransaction::Payment.into());
		assert_eq!(can_withdraw(1, 401), payment);
		assert_eq!(withdraw(1, 401, 0).map(|_| ()), payment);
		assert_eq!(can_withdraw(1, 400), Ok(()));
		let withdrawn = withdraw(1, 400, 0).expect("the unfrozen 400 pay");
		assert!(withdrawn.is_some());
		assert_eq!(Balances::free_balance(1), 600, "the frozen 600 stay");
	});
}

#[test]
fn an_account_the_transaction_removed_gets_no_refund() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let withdrawn = withdraw(2, 100, 0).expect("affordable");
		// The call sends everything else away, and the account is gone.
		let rest = Balances::free_balance(2);
		assert!(<Balances as Currency<u64>>::transfer(
			&2,
			&1,
			rest,
			frame_support::traits::ExistenceRequirement::AllowDeath
		)
		.is_ok());
		assert!(!System::account_exists(&2));
		settle(2, 10, 0, withdrawn);
		assert!(!System::account_exists(&2), "a refund would bring it back");
		assert_eq!(Balances::total_issuance(), issuance - 100);
	});
}

#[test]
fn a_free_transaction_touches_nothing() {
	new_test_ext().execute_with(|| {
		assert_eq!(can_withdraw(1, 0), Ok(()));
		let withdrawn = withdraw(1, 0, 0).expect("free");
		assert!(withdrawn.is_none());
		settle(1, 0, 0, withdrawn);
		assert_eq!(Balances::free_balance(1), 1_000);
		assert!(balances_events().is_empty());
	});
}
