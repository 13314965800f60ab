# Shared by the top-level commands: install the toolchain pinned in rust-toolchain.toml with
# its components (rust-src builds core/alloc for the MVP target) when missing. Sourced.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v rustup >/dev/null; then
	echo "error: rustup is required (https://rustup.rs); it installs the pinned toolchain" >&2
	exit 1
fi
rustup toolchain install >/dev/null
