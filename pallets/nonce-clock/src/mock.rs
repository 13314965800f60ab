use crate as pallet_nonce_clock;
use frame_support::{derive_impl, traits::PostTransactions};
use sp_runtime::{type_with_default::TypeWithDefault, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		NonceClock: pallet_nonce_clock,
	}
);

/// Wired as a runtime wires it.
pub type Nonce = TypeWithDefault<u64, pallet_nonce_clock::NonceStart<Test>>;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type Nonce = Nonce;
	type PostTransactions = NonceClock;
	// Storage costs, so that the migration's weight is not zero whatever it does.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

impl pallet_nonce_clock::Config for Test {
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	sp_io::TestExternalities::new(storage)
}

/// The phases of a block as the executive runs them: `initialize` (with `on_initialize`), one
/// `extrinsic(i)` per extrinsic, then `finalize` after `PostTransactions`.
pub trait BlockPhases {
	fn initialize(&mut self, number: u64);
	fn extrinsic(&mut self, index: u32);
	fn finalize(&mut self);
}

/// Runs a block of `extrinsics` through `phases`, as the executive does.
pub fn run_block(number: u64, extrinsics: u32, phases: &mut impl BlockPhases) {
	System::initialize(&number, &Default::default(), &Default::default());
	phases.initialize(number);
	System::note_finished_initialize();
	for index in 0..extrinsics {
		phases.extrinsic(index);
		System::note_applied_extrinsic(&Ok(().into()), Default::default());
	}
	System::note_finished_extrinsics();
	NonceClock::post_transactions();
	phases.finalize();
	System::finalize();
}
