//! The upgrade fixture's migration (`next-spec-version` only, never a chain's runtime): it counts
//! in a raw storage key how often it ran, so that a test on a network can read, from every node,
//! that an upgrade's migrations ran exactly once.

use frame_support::{storage::unhashed, traits::OnRuntimeUpgrade, weights::Weight};

/// Where the count is kept (SCALE `u32`).
pub const RUNS_KEY: &[u8] = b"mvp-chain:fixture:upgrade-runs";

pub struct CountRuns;

impl OnRuntimeUpgrade for CountRuns {
	fn on_runtime_upgrade() -> Weight {
		let runs = unhashed::get_or_default::<u32>(RUNS_KEY).saturating_add(1);
		unhashed::put(RUNS_KEY, &runs);
		<crate::Runtime as frame_system::Config>::DbWeight::get().reads_writes(1, 1)
	}
}
