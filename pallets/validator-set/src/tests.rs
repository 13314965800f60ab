use crate::{mock::*, Error, Event, Offenders, Validators};
use frame_support::{assert_noop, assert_ok};
use pallet_session::historical::{HistoricalSessions, StoredRange};
use sp_runtime::{testing::UintAuthorityId, DispatchError};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

fn approved() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

fn events() -> Vec<Event<Test>> {
	System::read_events_for_pallet::<Event<Test>>()
}

fn report(offenders: &[u64]) {
	let details: Vec<_> = offenders
		.iter()
		.map(|&v| OffenceDetails { offender: (v, ()), reporters: vec![] })
		.collect();
	<ValidatorSet as OnOffenceHandler<_, _, _>>::on_offence(
		&details,
		&[],
		Session::current_index(),
	);
}

fn add(who: u64) {
	assert_ok!(set_keys(who, key_of(who)));
	assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
}

#[test]
fn genesis_hands_its_set_to_the_engines_and_stores_roots_for_the_first_sessions() {
	new_test_ext().execute_with(|| {
		assert_eq!(approved(), vec![1, 2, 3]);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert_eq!(authorities(), vec![1, 2, 3]);
		assert_eq!(Authorities::get()[1], (2, key_of(2).0));
		assert!(HistoricalSessions::<Test>::get(0).is_some());
		assert!(HistoricalSessions::<Test>::get(1).is_some());
	});
}

#[test]
fn an_added_validator_is_active_two_sessions_later() {
	new_test_ext().execute_with(|| {
		add(4);
		assert_eq!(events(), vec![Event::ValidatorAdded { who: 4 }]);
		assert_eq!(approved(), vec![1, 2, 3, 4]);
		run_to_session(1);
		assert!(events().contains(&Event::SetPlanned { session: 2, validators: vec![1, 2, 3, 4] }));
		assert_eq!(authorities(), vec![1, 2, 3], "session 1 runs the set queued at genesis");
		run_to_session(2);
		assert_eq!(Session::validators(), vec![1, 2, 3, 4]);
		assert_eq!(authorities(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn adding_needs_governance_keys_and_room() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(4), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4), Error::<Test>::NoKeys);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
		for who in 4..=6 {
			add(who);
		}
		for who in 7..=8 {
			// Funded here: set_keys needs an existing account.
			let _ = Balances::force_set_balance(RuntimeOrigin::root(), who, 1_000);
			add(who);
		}
		let _ = Balances::force_set_balance(RuntimeOrigin::root(), 9, 1_000);
		assert_ok!(set_keys(9, key_of(9)));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn a_removed_validator_leaves_two_sessions_later_and_never_below_the_minimum() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::NotValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_eq!(events(), vec![Event::ValidatorRemoved { who: 3 }]);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		run_to_session(1);
		assert_eq!(authorities(), vec![1, 2, 3]);
		run_to_session(2);
		assert_eq!(authorities(), vec![1, 2]);
		assert_eq!(Session::validators(), vec![1, 2]);
	});
}

#[test]
fn an_unchanged_set_is_not_planned_again_and_its_root_is_carried_over() {
	new_test_ext().execute_with(|| {
		run_to_session(3);
		assert!(!events().iter().any(|e| matches!(e, Event::SetPlanned { .. })));
		assert!(!pallet_session::QueuedChanged::<Test>::get());
		let root = HistoricalSessions::<Test>::get(1).unwrap();
		assert_eq!(HistoricalSessions::<Test>::get(4), Some(root), "planned at session 3");
	});
}

#[test]
fn rotated_keys_reach_the_engines_without_a_set_change() {
	new_test_ext().execute_with(|| {
		assert_ok!(set_keys(2, UintAuthorityId(42)));
		run_to_session(2);
		assert_eq!(Authorities::get()[1], (2, 42));
		assert!(!events().iter().any(|e| matches!(e, Event::SetPlanned { .. })));
	});
}

#[test]
fn validators_without_keys_are_left_out_and_the_minimum_holds() {
	new_test_ext().execute_with(|| {
		add(4);
		assert_ok!(pallet_session::Pallet::<Test>::purge_keys(RuntimeOrigin::signed(3)));
		run_to_session(2);
		assert_eq!(authorities(), vec![1, 2, 4], "3 has no keys: it cannot author");
		assert_ok!(pallet_session::Pallet::<Test>::purge_keys(RuntimeOrigin::signed(4)));
		assert_ok!(pallet_session::Pallet::<Test>::purge_keys(RuntimeOrigin::signed(2)));
		System::reset_events();
		run_to_session(3);
		assert!(events().contains(&Event::PlanRefused { session: 4, with_keys: 1 }));
		run_to_session(4);
		assert_eq!(authorities(), vec![1, 2, 4], "one validator with keys is below the minimum");
	});
}

#[test]
fn an_offender_is_disabled_while_active_and_removed_from_the_next_set() {
	new_test_ext().execute_with(|| {
		add(4);
		run_to_session(2);
		assert_eq!(Session::validators(), vec![1, 2, 3, 4]);
		System::reset_events();
		report(&[3]);
		assert_eq!(events(), vec![Event::OffenderRemoved { who: 3 }]);
		assert_eq!(approved(), vec![1, 2, 4]);
		assert_eq!(Session::disabled_validators(), vec![2], "3 is at index 2 of the active set");
		assert_eq!(Offenders::<Test>::get().into_inner(), vec![3]);
		// Session 3 still runs the set queued before the report: it is disabled again there.
		run_to_session(3);
		assert_eq!(Session::validators(), vec![1, 2, 3, 4]);
		assert_eq!(Session::disabled_validators(), vec![2]);
		run_to_session(4);
		assert_eq!(Session::validators(), vec![1, 2, 4]);
		assert!(Session::disabled_validators().is_empty());
		assert!(Offenders::<Test>::get().is_empty());
	});
}

#[test]
fn acting_on_one_offence_twice_changes_nothing() {
	new_test_ext().execute_with(|| {
		add(4);
		add(5);
		run_to_session(2);
		report(&[3]);
		let (set, offenders) = (approved(), Offenders::<Test>::get());
		report(&[3]);
		assert_eq!((approved(), Offenders::<Test>::get()), (set, offenders));
		assert_eq!(Session::disabled_validators(), vec![2]);
	});
}

#[test]
fn an_offender_at_the_minimum_stays_approved() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		report(&[2]);
		assert_eq!(
			events(),
			vec![Event::ValidatorRemoved { who: 3 }, Event::OffenderKept { who: 2 }]
		);
		assert_eq!(approved(), vec![1, 2]);
	});
}

#[test]
fn historical_roots_older_than_the_history_depth_are_pruned() {
	new_test_ext().execute_with(|| {
		run_to_session(10);
		// Session 10 planned session 11 and pruned below 11 - 4.
		assert_eq!(StoredRange::<Test>::get(), Some((7, 12)));
		assert!(HistoricalSessions::<Test>::get(6).is_none());
		assert!(HistoricalSessions::<Test>::get(7).is_some());
	});
}

#[test]
#[should_panic(expected = "is in the genesis validator set twice")]
fn a_genesis_set_with_a_duplicate_is_refused() {
	use sp_runtime::BuildStorage;
	crate::GenesisConfig::<Test> { validators: vec![1, 2, 1] }.build_storage().unwrap();
}

#[test]
#[should_panic(expected = "fewer than the minimum of 2")]
fn a_genesis_set_below_the_minimum_is_refused() {
	use sp_runtime::BuildStorage;
	crate::GenesisConfig::<Test> { validators: vec![1] }.build_storage().unwrap();
}

mod rotation {
	use super::*;

	#[test]
	fn without_changes_a_session_lasts_its_full_length() {
		new_test_ext().execute_with(|| {
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS - 1, "genesis counts as block 0");
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS);
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS);
		});
	}

	#[test]
	fn a_set_change_takes_two_short_sessions() {
		new_test_ext().execute_with(|| {
			run_to_session(1);
			add(4);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS, "plans the new set");
			assert_eq!(authorities(), vec![1, 2, 3]);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS, "activates it");
			assert_eq!(authorities(), vec![1, 2, 3, 4]);
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS, "and back to the full length");
		});
	}

	#[test]
	fn a_removal_and_an_offence_rotate_early_too() {
		new_test_ext().execute_with(|| {
			add(4);
			add(5);
			run_to_session(3);
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS);
			assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 5));
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			assert_eq!(authorities(), vec![1, 2, 3, 4]);
			report(&[4]);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			assert_eq!(authorities(), vec![1, 2, 3]);
		});
	}

	#[test]
	fn a_validators_new_keys_are_brought_in_early_and_a_strangers_are_not() {
		new_test_ext().execute_with(|| {
			run_to_session(1);
			assert_ok!(set_keys(4, key_of(4)));
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS, "4 is not a validator");
			assert_ok!(set_keys(2, UintAuthorityId(42)));
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			assert_eq!(Authorities::get()[1], (2, 42));
		});
	}

	#[test]
	fn a_failed_key_change_asks_for_nothing() {
		new_test_ext().execute_with(|| {
			run_to_session(1);
			// Validator 3's key: a duplicate, refused after the id was looked up.
			let refused = set_keys(2, key_of(3));
			assert_eq!(refused, Err(pallet_session::Error::<Test>::DuplicatedKey.into()));
			assert_eq!(crate::RotationsWanted::<Test>::get(), 0);
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS);
		});
	}

	#[test]
	fn the_runtimes_other_reason_ends_sessions_early_while_it_holds() {
		new_test_ext().execute_with(|| {
			run_to_session(1);
			RotateEarly::set(true);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
			RotateEarly::set(false);
			assert_eq!(blocks_to_next_session(), SESSION_BLOCKS);
		});
	}

	#[test]
	fn the_next_rotation_is_estimated_as_it_will_happen() {
		use frame_support::traits::EstimateNextSessionRotation;
		new_test_ext().execute_with(|| {
			run_to_session(1);
			let start = System::block_number();
			assert_eq!(
				ValidatorSet::estimate_next_session_rotation(start).0,
				Some(start + SESSION_BLOCKS)
			);
			add(4);
			assert_eq!(
				ValidatorSet::estimate_next_session_rotation(start).0,
				Some(start + MIN_SESSION_BLOCKS)
			);
			assert_eq!(blocks_to_next_session(), MIN_SESSION_BLOCKS);
		});
	}
}

mod migration {
	use super::*;
	use crate::migrations::{FixedAuthorities, InitSessions};
	use frame_support::traits::OnRuntimeUpgrade;
	use sp_runtime::BuildStorage;

	/// The consensus engines' authorities on a chain without sessions: 1 and 2, and 7, whose
	/// account holds nothing.
	struct Running;
	impl FixedAuthorities<u64, Keys> for Running {
		fn validators() -> Vec<(u64, Keys)> {
			[1, 2, 7].into_iter().map(|v| (v, Keys { authority: key_of(v) })).collect()
		}
	}

	fn chain_without_sessions() -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(1, 1_000), (2, 1_000)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(500));
		ext
	}

	#[test]
	fn the_running_authorities_become_the_set_with_the_keys_they_use() {
		chain_without_sessions().execute_with(|| {
			InitSessions::<Test, Running>::on_runtime_upgrade();
			assert_eq!(approved(), vec![1, 2, 7]);
			assert_eq!(Session::validators(), vec![1, 2, 7]);
			assert_eq!(Session::queued_keys()[2], (7, Keys { authority: key_of(7) }));
			assert_eq!(Session::load_keys(&7), Some(Keys { authority: key_of(7) }));
			assert!(HistoricalSessions::<Test>::get(0).is_some());
			assert!(HistoricalSessions::<Test>::get(1).is_some());
			assert_eq!(crate::SessionStart::<Test>::get(), 500);

			// No rotation hands the engines anything new: the set and keys are theirs already.
			run_to_session(3);
			assert!(!pallet_session::QueuedChanged::<Test>::get());
			assert!(Authorities::get().is_empty(), "the engines were never told of a change");
			assert!(HistoricalSessions::<Test>::get(3).is_some());
			assert_eq!(System::block_number(), 500 + 3 * SESSION_BLOCKS);
		});
	}

	#[test]
	fn it_runs_once() {
		chain_without_sessions().execute_with(|| {
			InitSessions::<Test, Running>::on_runtime_upgrade();
			assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 7));
			let weight = InitSessions::<Test, Running>::on_runtime_upgrade();
			assert_eq!(weight, <Test as frame_system::Config>::DbWeight::get().reads(1));
			assert_eq!(approved(), vec![1, 2]);
		});
		new_test_ext().execute_with(|| {
			InitSessions::<Test, Running>::on_runtime_upgrade();
			assert_eq!(approved(), vec![1, 2, 3], "a chain born with sessions keeps its set");
		});
	}
}
