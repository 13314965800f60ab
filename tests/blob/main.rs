//! Tests that load the built blob into a real host executor and talk to it only through
//! runtime API calls, the way a node does.

mod benchmarks;
mod block_production;
mod boundary_probe;
mod burst;
mod chain;
mod client_metadata;
mod contract;
mod differential;
pub mod fuzz;
mod host;
mod invalid_transactions;
mod invariants;
mod knobs;
mod metadata_hash;
mod old_state;
mod old_transactions;
mod oversized;
mod refusals;
mod replay;
mod reproducible;
mod runtime_apis;
mod sessions;
mod try_runtime;
mod upgrade;
mod validate_block;
mod weights;
