#!/usr/bin/env bash
# Set up, build the runtime blob and show what was built: version, sizes, imports.
source "$(dirname "$0")/setup.sh"
cargo build --locked --bin mvp-chain
target_dir="${CARGO_TARGET_DIR:-target}"
"$target_dir/debug/mvp-chain" info
echo "blob: $target_dir/runtime/mvp_chain_runtime.compact.compressed.wasm"
