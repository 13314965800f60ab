use crate as pallet_nonce_clock;
use frame_support::derive_impl;
use sp_runtime::{type_with_default::TypeWithDefault, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		NonceClock: pallet_nonce_clock,
	}
);

/// Wired as a runtime wires it.
pub type Nonce = TypeWithDefault<u32, pallet_nonce_clock::NonceStart<Test>>;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type Nonce = Nonce;
	type OnKilledAccount = NonceClock;
	// Storage costs, so that the migrations' weights are not zero whatever they do.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

impl pallet_nonce_clock::Config for Test {
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	sp_io::TestExternalities::new(storage)
}
