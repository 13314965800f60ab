//! Weights measured on this runtime's own blob by `scripts/weights.sh` (frame-omni-bencher over
//! the `runtime-benchmarks` build): its base weights (an empty block's, an extrinsic's) and the
//! pallets only the solochain runs; the shared pallets' are in
//! `mvp_chain_runtime_common::weights`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod pallet_equivocation;
#[cfg(feature = "probe")]
pub mod pallet_probe;
pub mod pallet_validator_set;
