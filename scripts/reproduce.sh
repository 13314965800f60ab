#!/usr/bin/env bash
# Builds this commit's blobs (the solochain's and the parachain's) a second time, from a fresh
# clone in another directory with another cargo home and target directory, and checks that each
# is byte for byte the same: the blob a governance vote names can be rebuilt from the commit by
# anyone.
source "$(dirname "$0")/setup.sh"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "error: the work tree has uncommitted changes; commit them first (the second build is of HEAD)" >&2
	exit 1
fi
cargo build --locked -p mvp-chain
work="$(mktemp -d "${TMPDIR:-/tmp}/mvp-reproduce.XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/checkout"
# Another cargo home: its own path, the crates already downloaded here (no network needed).
mkdir -p "$work/cargo-home"
ln -s "${CARGO_HOME:-$HOME/.cargo}/registry" "$work/cargo-home/registry"
(cd "$work/checkout" && CARGO_HOME="$work/cargo-home" CARGO_TARGET_DIR="$work/target" \
	cargo build --locked -p mvp-chain)
status=0
for blob in mvp_chain_runtime mvp_chain_parachain_runtime; do
	here="$TARGET_DIR/runtime/$blob.compact.compressed.wasm"
	there="$work/target/runtime/$blob.compact.compressed.wasm"
	sha256sum "$here" "$there"
	if cmp -s "$here" "$there"; then
		echo "reproducible: both builds of $blob at $(git rev-parse --short HEAD) are byte for byte the same"
	else
		echo "error: the builds of $blob differ: $(cmp "$here" "$there" | head -1)" >&2
		status=1
	fi
done
exit "$status"
