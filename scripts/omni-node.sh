#!/usr/bin/env bash
# The production host: a one-node dev network on polkadot-omni-node (docs/hosts-and-clients.md).
# Uses POLKADOT_OMNI_NODE or a polkadot-omni-node on PATH; without one, builds ours (node/omni/:
# polkadot-omni-node-lib 0.24 with its default features) into the target directory first.
source "$(dirname "$0")/setup.sh"
if [ -n "${POLKADOT_OMNI_NODE:-}" ]; then
	node="$POLKADOT_OMNI_NODE"
elif command -v polkadot-omni-node >/dev/null; then
	node=polkadot-omni-node
else
	node="$TARGET_DIR/omni-node/release/polkadot-omni-node"
	if [ ! -x "$node" ]; then
		echo "no polkadot-omni-node on PATH: building node/omni/ into $TARGET_DIR/omni-node (once; 50 min here on 2 cores)" >&2
	fi
	# Its dependencies build no runtime of their own, so no wasm toolchain is wanted.
	SKIP_WASM_BUILD=1 cargo build --locked --release --manifest-path node/omni/Cargo.toml --target-dir "$TARGET_DIR/omni-node"
fi
cargo build --locked -p mvp-chain-cli
spec="$SPEC_DIR/development.omni.json"
# omni-node loads only specs with a relay_chain key, and reads the para id of a runtime without
# cumulus' GetParachainInfo API from para_id; in dev mode neither is contacted.
"$TARGET_DIR/debug/mvp-chain" chain-spec --preset development --relay-chain rococo-local --para-id 1000 --output "$spec"
exec "$node" --chain "$spec" --dev-block-time 3000 --tmp --rpc-port "${RPC_PORT:-9944}" --rpc-cors all
