# Shared by the top-level commands (sourced): install the toolchain pinned in
# rust-toolchain.toml with its components (rust-src builds core/alloc for the MVP target), and
# the npm packages of package-lock.json (chopsticks, polkadot.js), when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in rustup node npm; do
	if ! command -v "$tool" >/dev/null; then
		echo "error: $tool is required (rustup: https://rustup.rs; node >= 20 with npm)" >&2
		exit 1
	fi
done
rustup toolchain install >/dev/null
# sc-chain-spec's networking dependencies compile protobuf definitions with protoc.
if ! command -v protoc >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get update -qq && apt-get install -y -qq protobuf-compiler >/dev/null
	else
		echo "error: protoc is required: install protobuf-compiler (apt-get install protobuf-compiler)" >&2
		exit 1
	fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
SPEC_DIR="$TARGET_DIR/chain-spec"
mkdir -p "$SPEC_DIR"
