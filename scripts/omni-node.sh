#!/usr/bin/env bash
# The production host: a one-node dev network on polkadot-omni-node (README, "polkadot-omni-node").
# Not run in CI: building the node takes well over an hour on two cores.
source "$(dirname "$0")/setup.sh"
if ! command -v polkadot-omni-node >/dev/null; then
	echo "error: polkadot-omni-node is not installed (cargo install --locked polkadot-omni-node)" >&2
	exit 1
fi
cargo build --locked -p mvp-chain-cli
spec="$SPEC_DIR/development.omni.json"
# omni-node loads only specs with a relay_chain key, and reads the para id of a runtime without
# cumulus' GetParachainInfo API from para_id; in dev mode neither is contacted.
"$TARGET_DIR/debug/mvp-chain" chain-spec --preset development --relay-chain rococo-local --para-id 1000 --output "$spec"
exec polkadot-omni-node --chain "$spec" --dev-block-time 3000 --tmp --rpc-port "${RPC_PORT:-9944}" --rpc-cors all
