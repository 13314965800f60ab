//! The host kit: runtime blobs in real hosts, for the tests, the bench and the CLI.
//!
//! - [`host`]: one [`Host`](host::Host) trait (call a runtime API, keep or discard its changes,
//!   read state) over sc-executor's wasmtime, the executor nodes run, and smoldot's wasmi, the
//!   light client's, plus a recorder for comparing the two;
//! - [`blob`]: what a blob exports, says of its version and serves as metadata;
//! - [`metadata_hash`]: RFC-78's digest of that metadata, which offline signers check;
//! - [`genesis`]: genesis from a preset, built by the blob itself;
//! - [`chain`]: blocks as an author builds them, in a scope that leaves no code pinned;
//! - [`parachain`]: a parachain's blocks under a relay chain, sealed, and their proofs of
//!   validity;
//! - [`pvf`]: `validate_block` as the relay chain's validators run it;
//! - [`sign`]: transactions signed with our runtime's own extension type, or for any runtime
//!   from its metadata.

pub mod blob;
pub mod chain;
pub mod genesis;
pub mod host;
pub mod metadata_hash;
pub mod parachain;
pub mod pvf;
pub mod sign;

/// Block headers as the runtimes of this SDK generation and the node template's encode them
/// (a compact block number, so `u32` and `u64` runtimes agree).
pub type Header = sp_runtime::generic::Header<u32, sp_runtime::traits::BlakeTwo256>;
