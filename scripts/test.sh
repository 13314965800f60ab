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

# What each step took, on stderr as it ends: CI's log is the cost of each build and test step.
started=0
took() {
	echo "test.sh: $1 took $((SECONDS - started)) s" >&2
	started=$SECONDS
}
took "set-up"

# One build; the tool's and the node's paths come from cargo (they differ under --release).
# The parachain runtime is tested as its blob (build.rs builds it; tests/blob/ runs it): natively
# it would bring polkadot-runtime-parachains and XCM into the build for nothing.
workspace=(--workspace --exclude mvp-chain-parachain-runtime)
binaries="$(cargo test --locked "${workspace[@]}" --no-run --message-format=json-render-diagnostics "$@" |
	node scripts/cargo-artifact.mjs mvp-chain mvp-chain-node)"
tool="$(sed -n 1p <<<"$binaries")"
node_binary="$(sed -n 2p <<<"$binaries")"
took "the build (cargo test --workspace --no-run)"
# Within it, each blob's own build (build.rs logs them), when they ran; printed once.
blob_times="$TARGET_DIR/wasm-runtime/build-times.txt"
if [ -f "$blob_times" ]; then
	sed 's/^/test.sh:   of which /' "$blob_times" >&2
	rm -f "$blob_times"
fi
# Our pallets' benchmarks run on the runtime-benchmarks blob (tests/blob/benchmarks.rs), each
# once: no second native build of the FRAME crates with that feature.
cargo test --locked "${workspace[@]}" "$@"
took "cargo test --workspace"
"$tool" chain-spec --preset development --raw --output "$SPEC_DIR/development.raw.json"
"$tool" chain-spec --preset development --relay-chain rococo-local --para-id 1000 \
	--output "$SPEC_DIR/development.omni.json"
"$tool" chain-spec --preset local --raw --output "$SPEC_DIR/local.raw.json"
# The parachain runtime's, for polkadot-omni-node.
"$tool" chain-spec --parachain --preset development --relay-chain rococo-local --para-id 2000 \
	--output "$SPEC_DIR/parachain-development.json"
# The local network on the runtime chains ran before sessions (spec 100), to upgrade from.
"$tool" chain-spec --preset local --runtime tests/fixtures/mvp_chain_runtime-100.compact.compressed.wasm \
	--raw --output "$SPEC_DIR/local-100.raw.json"
# polkadot-api's typed descriptors, generated from the blob just built, and the polkadot-api tests
# type-checked against them.
./scripts/papi-descriptors.sh "$TARGET_DIR/runtime/mvp_chain_runtime.compact.compressed.wasm"
node_modules/.bin/tsc -p tests/client
took "chain specs and polkadot-api descriptors"
status=0
# Files, not a directory: `node --test DIR` runs nothing on Node 21 and later.
MVP_CHAIN_SPEC="$SPEC_DIR/development.raw.json" MVP_CHAIN_OMNI_SPEC="$SPEC_DIR/development.omni.json" \
	MVP_PARACHAIN_SPEC="$SPEC_DIR/parachain-development.json" \
	MVP_CHAIN_TOOL="$tool" MVP_CHAIN_NODE="$node_binary" MVP_REQUIRE_OMNI_NODE="${CI:-}" \
	node --test --test-concurrency=1 tests/client/*.test.mjs || status=$?
took "the client tests"
# The network tests: validators and full nodes of our node on loopback, one file at a time.
MVP_CHAIN_NODE="$node_binary" MVP_LOCAL_SPEC="$SPEC_DIR/local.raw.json" MVP_CHAIN_TOOL="$tool" \
	node --test --test-concurrency=1 tests/network/*.test.mjs || status=$?
took "the network tests"
if [ -z "$omni_node" ]; then
	echo "note: the polkadot-omni-node tests were SKIPPED: no binary (POLKADOT_OMNI_NODE or PATH);" \
		"./scripts/omni-node.sh builds one (docs/hosts-and-clients.md)." >&2
fi
exit "$status"
