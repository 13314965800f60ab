use crate as pallet_validator_set;
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
};
use frame_system::EnsureRoot;
use pallet_session::{disabling::UpToLimitDisablingStrategy, SessionHandler};
use sp_runtime::{
	impl_opaque_keys, testing::UintAuthorityId, traits::OpaqueKeys, BuildStorage, KeyTypeId,
	RuntimeAppPublic,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
		Historical: pallet_session::historical,
	}
);

impl_opaque_keys! {
	pub struct Keys {
		pub authority: UintAuthorityId,
	}
}

pub const SESSION_BLOCKS: u64 = 20;
pub const MIN_SESSION_BLOCKS: u64 = 3;
pub const MIN_VALIDATORS: u32 = 2;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	// Storage costs, so that a migration that only reads weighs less than one that writes.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

parameter_types! {
	/// The authorities the consensus engines were last handed, as (validator, key).
	pub static Authorities: Vec<(u64, u64)> = Vec::new();
	/// What the runtime's other reason to rotate early says (GRANDPA stalled, on a chain).
	pub static RotateEarly: bool = false;
}

/// Stands for Aura and GRANDPA: records the active set each new session hands them.
pub struct ConsensusEngines;
impl SessionHandler<u64> for ConsensusEngines {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<K: OpaqueKeys>(validators: &[(u64, K)]) {
		Authorities::set(keys_of(validators));
	}
	fn on_new_session<K: OpaqueKeys>(changed: bool, validators: &[(u64, K)], _: &[(u64, K)]) {
		if changed {
			Authorities::set(keys_of(validators));
		}
	}
	fn on_disabled(_: u32) {}
}

fn keys_of<K: OpaqueKeys>(validators: &[(u64, K)]) -> Vec<(u64, u64)> {
	validators
		.iter()
		.map(|(v, k)| (*v, k.get::<UintAuthorityId>(UintAuthorityId::ID).unwrap().0))
		.collect()
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = pallet_validator_set::NoteKeyChanges<Test>;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Test, ValidatorSet>;
	type SessionHandler = ConsensusEngines;
	type Keys = Keys;
	type DisablingStrategy = UpToLimitDisablingStrategy;
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_validator_set::NothingAtStake;
}

impl pallet_validator_set::Config for Test {
	type UpdateOrigin = EnsureRoot<u64>;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MaxValidators = ConstU32<8>;
	type SessionBlocks = ConstU64<SESSION_BLOCKS>;
	type MinSessionBlocks = ConstU64<MIN_SESSION_BLOCKS>;
	type RotateEarly = RotateEarly;
	type HistoryDepth = ConstU32<4>;
	type WeightInfo = ();
}

/// A validator's session key in these tests: its account id, offset so that the two differ.
pub fn key_of(validator: u64) -> UintAuthorityId {
	UintAuthorityId(100 + validator)
}

/// Sets `who`'s keys as its wallet would: a dispatched `session.set_keys` (a failed one leaves
/// no trace), with the ownership proof.
pub fn set_keys(who: u64, key: UintAuthorityId) -> sp_runtime::DispatchResult {
	use frame_support::traits::UnfilteredDispatchable;
	let proof = key.sign(&who.encode()).unwrap().encode();
	let call = pallet_session::Call::<Test>::set_keys { keys: Keys { authority: key }, proof };
	call.dispatch_bypass_filter(RuntimeOrigin::signed(who)).map(drop).map_err(|e| e.error)
}

/// Accounts 1 to 6 funded; 1, 2 and 3 the genesis validators.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=6).map(|who| (who, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let genesis = [1, 2, 3];
	pallet_validator_set::GenesisConfig::<Test> { validators: genesis.to_vec() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: genesis.iter().map(|&v| (v, v, Keys { authority: key_of(v) })).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs blocks up to the first of session `index`.
pub fn run_to_session(index: u32) {
	while Session::current_index() < index {
		run_block();
	}
}

pub fn run_block() {
	let next = System::block_number() + 1;
	System::set_block_number(next);
	Session::on_initialize(next);
}

/// Runs blocks up to the first of the next session; how many that took.
pub fn blocks_to_next_session() -> u64 {
	let (index, start) = (Session::current_index(), System::block_number());
	run_to_session(index + 1);
	System::block_number() - start
}

/// The validators the consensus engines were handed.
pub fn authorities() -> Vec<u64> {
	Authorities::get().into_iter().map(|(v, _)| v).collect()
}
