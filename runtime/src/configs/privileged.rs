use crate::{Runtime, RuntimeCall, RuntimeEvent};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

#[cfg(feature = "probe")]
impl pallet_probe::Config for Runtime {
	/// 64 MiB: well past anything a real call allocates, still inside the host's heap.
	type MaxAllocation = frame_support::traits::ConstU32<{ 64 * 1024 * 1024 }>;
	type MaxMessageLen = frame_support::traits::ConstU32<256>;
	type WeightInfo = crate::weights::pallet_probe::WeightInfo<Runtime>;
}
