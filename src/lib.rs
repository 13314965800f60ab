//! The runtime blob. `WASM_BINARY` is what a chain stores under `:code` (compact and
//! zstd-compressed); `WASM_BINARY_BLOATY` is the same blob before compression. Both are `None`
//! when the crate was built with `SKIP_WASM_BUILD=1`, as is `WASM_BINARY_RAW_SIZE` (the linker
//! output's size, before compaction).

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod genesis_patch;
pub mod hosts;
