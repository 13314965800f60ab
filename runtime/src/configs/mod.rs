//! Pallet configurations, one module per concern.

mod consensus;
mod monetary;
mod privileged;
mod system;
pub mod validators;

pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
