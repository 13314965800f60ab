#!/usr/bin/env bash
# Set up and run every test: our pallets' unit tests and benchmarks, the blob in two executors,
# natively and the mvp-chain tool (cargo), then polkadot.js and polkadot-api against chopsticks,
# the main job's local chain and polkadot-omni-node started from our chain specs, and against
# networks of our own node (node --test).
# Arguments go to `cargo test` (e.g. --release). In CI (CI=true) the polkadot-omni-node tests
# are required; elsewhere they are skipped without a binary, and the last lines say so.
source "$(dirname "$0")/setup.sh"

omni_node="${POLKADOT_OMNI_NODE:-$(command -v polkadot-omni-node || true)}"
if [ -z "$omni_node" ] && [ "${CI:-}" = true ]; then
	echo "error: CI runs the polkadot-omni-node tests and found no binary (POLKADOT_OMNI_NODE or" \
		"PATH; CI puts ../shared/bin on PATH). ./scripts/omni-node.sh builds one." >&2
	exit 1
fi

# One build; the tool's and the node's paths come from cargo (they differ under --release).
binaries="$(cargo test --locked --workspace --no-run --message-format=json-render-diagnostics "$@" |
	node scripts/cargo-artifact.mjs mvp-chain mvp-chain-node)"
tool="$(sed -n 1p <<<"$binaries")"
node_binary="$(sed -n 2p <<<"$binaries")"
cargo test --locked --workspace "$@"
# Our pallets' benchmarks, run once each as tests against their mock runtimes.
cargo test --locked -p pallet-probe -p pallet-nonce-clock -p pallet-validator-set -p pallet-equivocation \
	--features runtime-benchmarks "$@"
"$tool" chain-spec --preset development --raw --output "$SPEC_DIR/development.raw.json"
"$tool" chain-spec --preset development --relay-chain rococo-local --para-id 1000 \
	--output "$SPEC_DIR/development.omni.json"
"$tool" chain-spec --preset local --raw --output "$SPEC_DIR/local.raw.json"
# The local network on the runtime chains ran before sessions (spec 100), to upgrade from.
"$tool" chain-spec --preset local --runtime tests/fixtures/mvp_chain_runtime-100.compact.compressed.wasm \
	--raw --output "$SPEC_DIR/local-100.raw.json"
# polkadot-api's typed descriptors, generated from the blob just built, and the polkadot-api tests
# type-checked against them.
./scripts/papi-descriptors.sh "$TARGET_DIR/runtime/mvp_chain_runtime.compact.compressed.wasm"
node_modules/.bin/tsc -p tests/client
status=0
# Files, not a directory: `node --test DIR` runs nothing on Node 21 and later.
MVP_CHAIN_SPEC="$SPEC_DIR/development.raw.json" MVP_CHAIN_OMNI_SPEC="$SPEC_DIR/development.omni.json" \
	MVP_CHAIN_TOOL="$tool" MVP_CHAIN_NODE="$node_binary" MVP_REQUIRE_OMNI_NODE="${CI:-}" \
	node --test --test-concurrency=1 tests/client/*.test.mjs || status=$?
# The network tests: validators and full nodes of our node on loopback, one file at a time.
MVP_CHAIN_NODE="$node_binary" MVP_LOCAL_SPEC="$SPEC_DIR/local.raw.json" MVP_CHAIN_TOOL="$tool" \
	node --test --test-concurrency=1 tests/network/*.test.mjs || status=$?
if [ -z "$omni_node" ]; then
	echo "note: the polkadot-omni-node tests were SKIPPED: no binary (POLKADOT_OMNI_NODE or PATH);" \
		"./scripts/omni-node.sh builds one (docs/hosts-and-clients.md)." >&2
fi
exit "$status"
