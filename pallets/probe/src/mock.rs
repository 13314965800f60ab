use crate as pallet_probe;
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Probe: pallet_probe,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_probe::Config for Test {
	type MaxAllocation = ConstU32<{ 1024 * 1024 }>;
	type MaxMessageLen = ConstU32<64>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// Events are only deposited from block 1 on.
	ext.execute_with(|| System::set_block_number(1));
	ext
}
