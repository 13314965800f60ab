#!/usr/bin/env bash
# The load benchmark: four validators on loopback, flooded with transfers from ACCOUNTS accounts
# (default 200) for LOAD_SECONDS seconds (default 120); prints inclusion per block against the most a
# block holds, finalized transfers a second, finality lag and pool refusals (docs/network.md).
source "$(dirname "$0")/setup.sh"
accounts="${ACCOUNTS:-200}"
binaries="$(cargo build --locked -p mvp-chain-cli -p mvp-chain-node --message-format=json-render-diagnostics |
	node scripts/cargo-artifact.mjs mvp-chain mvp-chain-node)"
tool="$(sed -n 1p <<<"$binaries")"
node_binary="$(sed -n 2p <<<"$binaries")"
spec="$SPEC_DIR/load-$accounts.raw.json"
args=()
for name in Alice Bob Charlie Dave; do args+=(--validator "//$name,//$name"); done
for ((i = 0; i < accounts; i++)); do args+=(--endow "//load/$i=1000"); done
"$tool" chain-spec "${args[@]}" --sudo //Alice --dev-accounts --chain-type local \
	--name "MVP Chain Load" --id load --raw --output "$spec"
MVP_CHAIN_NODE="$node_binary" exec node scripts/load.mjs "$spec" "$accounts" "${LOAD_SECONDS:-120}"
