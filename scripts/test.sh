#!/usr/bin/env bash
# Set up and run every test: the pallet's unit tests, the blob in two executors (cargo), then
# polkadot.js against chopsticks started from our raw chain spec (node).
source "$(dirname "$0")/setup.sh"
cargo test --locked --workspace "$@"
# `cargo test` built the tool with the test build's features; reuse it rather than rebuild.
"$TARGET_DIR/debug/mvp-chain" chain-spec --preset development --raw --output "$SPEC_DIR/development.raw.json"
MVP_CHAIN_SPEC="$SPEC_DIR/development.raw.json" node --test --test-concurrency=1 tests/client/
