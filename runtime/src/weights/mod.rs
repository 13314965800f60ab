//! Weights measured on this runtime's own blob by `scripts/weights.sh` (frame-omni-bencher over
//! the `runtime-benchmarks` build); they replace the pallets' defaults, which were measured on
//! another runtime and machine.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_nonce_clock;
#[cfg(feature = "probe")]
pub mod pallet_probe;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
