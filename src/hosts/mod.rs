//! Host-side code shared by the blob tests and the bench.

pub mod smoldot;
