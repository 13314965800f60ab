//! Weights for `pallet_probe`.
//!
//! Estimates from the work each call does (a hash over `len` bytes, a frame per level of
//! recursion, two storage accesses), not yet measured by a benchmark run.

use frame_support::weights::{constants::RocksDbWeight, Weight};

pub trait WeightInfo {
	fn allocate(len: u32) -> Weight;
	fn recurse(depth: u32) -> Weight;
	fn storage_rollback() -> Weight;
	fn panic() -> Weight;
}

/// Weights for a runtime using RocksDB-like storage costs.
impl WeightInfo for () {
	fn allocate(len: u32) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(5_000, 0).saturating_mul(len.into()))
	}
	fn recurse(depth: u32) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(50_000, 0).saturating_mul(depth.into()))
	}
	fn storage_rollback() -> Weight {
		Weight::from_parts(20_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(2, 1))
	}
	fn panic() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}
