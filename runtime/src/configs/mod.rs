//! Pallet configurations, one module per concern.

mod consensus;
mod monetary;
mod privileged;
mod system;

pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
