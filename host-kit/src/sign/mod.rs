//! Signed transactions, built offline: for our runtime from its own transaction extension type
//! ([`ours`]), for any runtime from its metadata with subxt ([`metadata`]).

pub mod metadata;
pub mod ours;
