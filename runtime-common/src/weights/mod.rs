//! Weights measured by `scripts/weights.sh` (frame-omni-bencher over the solochain's
//! `runtime-benchmarks` blob) for the pallets both runtimes run alike; they replace the
//! pallets' defaults, which were measured on another runtime and machine. Each runtime has its
//! own block and extrinsic base weights.

pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_nonce_clock;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
