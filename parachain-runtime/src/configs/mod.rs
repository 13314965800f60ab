//! Pallet configurations, one module per concern. The pallets configured alike in the
//! solochain (balances, fees, sudo, the nonce clock) come from `mvp_chain_runtime_common`.

use crate::{Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, System};

mod consensus;
mod parachain;
mod system;

pub use consensus::MAX_AUTHORITIES;
pub use parachain::{ConsensusHook, RELAY_CHAIN_SLOT_DURATION_MILLIS};
pub use system::{RuntimeBlockLength, RuntimeBlockWeights, MAXIMUM_BLOCK_WEIGHT};

mvp_chain_runtime_common::impl_shared_configs!();
