//! The runtime blobs, built from `runtime/` (the solochain) and `parachain-runtime/` (under
//! `parachain::`, the same constants) by `build.rs`. `WASM_BINARY` is what a chain stores
//! under `:code` (compact and zstd-compressed) and `WASM_BINARY_PATH` the file it was written
//! to; `WASM_BINARY_BLOATY` is the same blob before compression. All are `None` when the crate
//! was built with `SKIP_WASM_BUILD=1`, as is `WASM_BINARY_RAW_SIZE` (the linker output's size,
//! before compaction). With the `fixtures` feature, `fixtures::*` holds other builds of the
//! same source for tests and tools.

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
