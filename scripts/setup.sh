# Shared by the top-level commands (sourced): check what a fresh machine must bring, install the
# toolchain pinned in rust-toolchain.toml with its components (rust-src builds core/alloc for the
# MVP target), and the npm packages of package-lock.json (chopsticks, polkadot.js, tsc), when
# missing. Each missing prerequisite is named with how to get it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing() {
	echo "error: $1" >&2
	exit 1
}

# "a.b.c" >= "x.y"?
version_at_least() {
	local have="$1" want="$2"
	[ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n1)" = "$want" ]
}

command -v rustup >/dev/null || missing "rustup is required: https://rustup.rs"
rustup_version="$(rustup --version 2>/dev/null | awk '{print $2; exit}')"
# rustup 1.27 does not install a bare `rustup toolchain install` from rust-toolchain.toml.
version_at_least "$rustup_version" 1.28 ||
	missing "rustup $rustup_version is too old (1.28 or later installs rust-toolchain.toml): rustup self update"
command -v node >/dev/null || missing "Node.js 20 or later is required: https://nodejs.org (or your distribution's nodejs)"
command -v npm >/dev/null || missing "npm is required (it comes with Node.js): https://nodejs.org"
node_version="$(node --version | sed 's/^v//')"
version_at_least "$node_version" 20 || missing "Node.js $node_version is too old: 20 or later is required"
# Native crates build C: OpenSSL (vendored: make and perl drive its build), zstd, secp256k1.
command -v cc >/dev/null ||
	missing "a C compiler (cc) is required: apt-get install build-essential (or your system's gcc/clang)"
command -v make >/dev/null || missing "make is required (vendored OpenSSL): apt-get install make"
command -v perl >/dev/null || missing "perl is required (vendored OpenSSL's configure): apt-get install perl"

rustup toolchain install >/dev/null
# rustup 1.28.0 installs the channel of rust-toolchain.toml without its components: add them.
toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
rustup component add --toolchain "$toolchain" rust-src clippy rustfmt >/dev/null 2>&1 ||
	missing "could not add rust-src, clippy and rustfmt to Rust $toolchain: rustup component add --toolchain $toolchain rust-src"

# sc-chain-spec's networking dependencies compile protobuf definitions with protoc.
if ! command -v protoc >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get update -qq && apt-get install -y -qq protobuf-compiler >/dev/null
	else
		missing "protoc is required: apt-get install protobuf-compiler (or https://github.com/protocolbuffers/protobuf/releases)"
	fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
SPEC_DIR="$TARGET_DIR/chain-spec"
mkdir -p "$SPEC_DIR"
