#!/usr/bin/env bash
# The main job: set up, build the blob, the mvp-chain tool and the node, show the blob, write its
# chain specs and start a one-validator development chain on our node at 127.0.0.1 (Ctrl-C
# stops it). `./scripts/network.sh` starts a network of four validators instead.
source "$(dirname "$0")/setup.sh"
# The tool and the node embed the blob: this builds the one runtime (no test fixtures) and both.
binaries="$(cargo build --locked -p mvp-chain-cli -p mvp-chain-node --message-format=json-render-diagnostics |
	node scripts/cargo-artifact.mjs mvp-chain mvp-chain-node)"
tool="$(sed -n 1p <<<"$binaries")"
node_binary="$(sed -n 2p <<<"$binaries")"
"$tool" info
"$tool" chain-spec --preset development --output "$SPEC_DIR/development.json"
"$tool" chain-spec --preset development --raw --output "$SPEC_DIR/development.raw.json"
echo "chain specs: $SPEC_DIR/development.json (plain), $SPEC_DIR/development.raw.json (raw)"
exec node scripts/dev-node.mjs "$node_binary" "${PORT:-9944}" \
	"$TARGET_DIR/runtime/mvp_chain_runtime.compact.compressed.wasm"
