//! This runtime's own base weights, measured on its blob by `scripts/weights.sh`
//! (frame-omni-bencher's `benchmark overhead` with a mock relay chain): an empty parachain block
//! runs ParachainSystem's inherent and hooks, which the solochain's does not. The pallets'
//! weights are in `mvp_chain_runtime_common::weights` (the shared ones, measured on the
//! solochain) or upstream's (ParachainSystem, weight reclaim).

pub mod block_weights;
pub mod extrinsic_weights;
