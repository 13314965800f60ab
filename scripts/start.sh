#!/usr/bin/env bash
# The main job: set up, build the blob, show it, write its chain specs and start a local dev
# chain on chopsticks at 127.0.0.1 (Ctrl-C stops it).
source "$(dirname "$0")/setup.sh"
# The tool embeds the blob: this builds the one runtime (no test fixtures) and the tool.
tool="$(cargo build --locked -p mvp-chain-cli --message-format=json-render-diagnostics |
	node scripts/cargo-artifact.mjs mvp-chain)"
"$tool" info
"$tool" chain-spec --preset development --output "$SPEC_DIR/development.json"
"$tool" chain-spec --preset development --raw --output "$SPEC_DIR/development.raw.json"
echo "chain specs: $SPEC_DIR/development.json (plain), $SPEC_DIR/development.raw.json (raw)"
exec node scripts/local-chain.mjs "$SPEC_DIR/development.raw.json" "${PORT:-8000}" \
	"$TARGET_DIR/runtime/mvp_chain_runtime.compact.compressed.wasm"
