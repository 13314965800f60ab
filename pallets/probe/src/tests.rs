use crate::{mock::*, pattern_byte, Error, Event, Scratch};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::DispatchError;

#[test]
fn every_call_rejects_a_signed_origin() {
	new_test_ext().execute_with(|| {
		let who = RuntimeOrigin::signed(1);
		assert_noop!(Probe::allocate(who.clone(), 8), DispatchError::BadOrigin);
		assert_noop!(Probe::recurse(who.clone(), 8), DispatchError::BadOrigin);
		assert_noop!(Probe::storage_rollback(who.clone(), 8), DispatchError::BadOrigin);
		assert_noop!(Probe::panic(who, BoundedVec::default()), DispatchError::BadOrigin);
	});
}

#[test]
fn allocate_hashes_the_pattern_it_wrote() {
	new_test_ext().execute_with(|| {
		assert_ok!(Probe::allocate(RuntimeOrigin::root(), 1000));
		let expected: Vec<u8> = (0..1000).map(pattern_byte).collect();
		let hash = sp_io::hashing::blake2_256(&expected);
		System::assert_last_event(Event::Allocated { len: 1000, hash }.into());
	});
}

#[test]
fn allocate_refuses_more_than_the_limit() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Probe::allocate(RuntimeOrigin::root(), 1024 * 1024 + 1),
			Error::<Test>::AllocationTooLarge
		);
	});
}

#[test]
fn recurse_returns_from_a_modest_depth() {
	new_test_ext().execute_with(|| {
		assert_ok!(Probe::recurse(RuntimeOrigin::root(), 100));
		// Each frame folds its depth into the one below: a recursion the optimiser turned into
		// something else would not give it.
		let checksum =
			(1..=100u32).fold(0u64, |c, d| c.wrapping_mul(31).wrapping_add(u64::from(d as u8)));
		System::assert_last_event(Event::Recursed { depth: 100, checksum }.into());
	});
}

#[test]
fn rolled_back_write_leaves_no_trace() {
	new_test_ext().execute_with(|| {
		assert_ok!(Probe::storage_rollback(RuntimeOrigin::root(), 42));
		assert!(!Scratch::<Test>::exists());
		System::assert_last_event(Event::RolledBack { seen: 42 }.into());
	});
}

#[test]
#[should_panic(expected = "probe panic: boom")]
fn panic_carries_its_message() {
	new_test_ext().execute_with(|| {
		let message = BoundedVec::try_from(b"boom".to_vec()).unwrap();
		let _ = Probe::panic(RuntimeOrigin::root(), message);
	});
}
