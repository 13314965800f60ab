//! Pallet configurations, one module per concern. The pallets configured alike in the
//! parachain (balances, fees, sudo, the nonce clock) come from `mvp_chain_runtime_common`.

use crate::{Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, System};

mod consensus;
#[cfg(feature = "probe")]
mod probe;
mod system;
pub mod validators;

pub use system::{RuntimeBlockLength, RuntimeBlockWeights, MAXIMUM_BLOCK_WEIGHT};

mvp_chain_runtime_common::impl_shared_configs!();
