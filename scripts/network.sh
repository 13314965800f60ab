#!/usr/bin/env bash
# A local network in one command: N validators of mvp-chain-node (default 4: //Alice to //Dave,
# the `local` preset; 1 to 6, up to //Ferdie, from a spec written for them) on 127.0.0.1, ports
# chosen free. Prints each node's RPC endpoint, then a line per finalized block; Ctrl-C stops
# them all. Usage: ./scripts/network.sh [validators]
source "$(dirname "$0")/setup.sh"
count="${1:-${VALIDATORS:-4}}"
case "$count" in
[1-6]) ;;
*) echo "error: $count validators: give 1 to 6 (//Alice to //Ferdie)" >&2 && exit 2 ;;
esac
binaries="$(cargo build --locked -p mvp-chain-cli -p mvp-chain-node --message-format=json-render-diagnostics |
	node scripts/cargo-artifact.mjs mvp-chain mvp-chain-node)"
tool="$(sed -n 1p <<<"$binaries")"
node_binary="$(sed -n 2p <<<"$binaries")"
spec="$SPEC_DIR/network-$count.raw.json"
if [ "$count" = 4 ]; then
	"$tool" chain-spec --preset local --raw --output "$spec"
else
	validators=()
	for name in Alice Bob Charlie Dave Eve Ferdie; do
		[ "${#validators[@]}" -lt $((2 * count)) ] && validators+=(--validator "//$name,//$name")
	done
	"$tool" chain-spec "${validators[@]}" --sudo //Alice --dev-accounts --chain-type local \
		--name "MVP Chain Local Testnet" --id local_testnet --raw --output "$spec"
fi
MVP_CHAIN_NODE="$node_binary" exec node scripts/network.mjs "$spec" "$count"
