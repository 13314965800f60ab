//! The probe pallet, in the tests' fixture blob only.

use crate::Runtime;

impl pallet_probe::Config for Runtime {
	/// 64 MiB: well past anything a real call allocates, still inside the host's heap.
	type MaxAllocation = frame_support::traits::ConstU32<{ 64 * 1024 * 1024 }>;
	type MaxMessageLen = frame_support::traits::ConstU32<256>;
	type WeightInfo = crate::weights::pallet_probe::WeightInfo<Runtime>;
}
