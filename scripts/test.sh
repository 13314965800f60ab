#!/usr/bin/env bash
# Set up and run every test: our pallets' unit tests and benchmarks, the blob in two executors and the
# mvp-chain tool (cargo), then polkadot.js and polkadot-api against chopsticks and polkadot-omni-node
# started from our chain specs (node).
source "$(dirname "$0")/setup.sh"
cargo test --locked --workspace "$@"
# Our pallets' benchmarks, run once each as tests against their mock runtimes.
cargo test --locked -p pallet-probe -p pallet-nonce-clock --features runtime-benchmarks "$@"
# `cargo test` built the tool (for its own tests) with the test build's features; reuse it rather than
# rebuild.
"$TARGET_DIR/debug/mvp-chain" chain-spec --preset development --raw --output "$SPEC_DIR/development.raw.json"
"$TARGET_DIR/debug/mvp-chain" chain-spec --preset development --relay-chain rococo-local --para-id 1000 \
	--output "$SPEC_DIR/development.omni.json"
if [ -z "${POLKADOT_OMNI_NODE:-}" ] && ! command -v polkadot-omni-node >/dev/null; then
	echo "note: no polkadot-omni-node (POLKADOT_OMNI_NODE or PATH), so the client tests skip it;" \
		"./scripts/omni-node.sh builds one (README, \"polkadot-omni-node\")" >&2
fi
# polkadot-api's typed descriptors, generated from the blob just built, and the polkadot-api tests
# type-checked against them.
./scripts/papi-descriptors.sh "$TARGET_DIR/runtime/mvp_chain_runtime.compact.compressed.wasm"
node_modules/.bin/tsc -p tests/client
MVP_CHAIN_SPEC="$SPEC_DIR/development.raw.json" MVP_CHAIN_OMNI_SPEC="$SPEC_DIR/development.omni.json" MVP_CHAIN_TOOL="$TARGET_DIR/debug/mvp-chain" node --test --test-concurrency=1 tests/client/
