#!/usr/bin/env bash
# Line coverage of our runtime code (runtime/ and pallets/, generated weights left out) by the
# native tests: the runtime's and the pallets' unit tests, and the blob tests' scenarios on the
# native host. cargo-llvm-cov builds the workspace instrumented into target/llvm-cov-target (a
# build of its own: the first run takes as long as a cold build). Extra arguments go to
# cargo llvm-cov (e.g. --html). Fails below the floor docs/testing.md gives.
source "$(dirname "$0")/setup.sh"
rustup component add llvm-tools >/dev/null
if ! command -v cargo-llvm-cov >/dev/null; then
	cargo install --locked cargo-llvm-cov@0.9.1
fi
# Ours is what is not under these: the blob crate, its build script, the tools, the tests.
ignore="^$PWD/(src|build|host-kit|cli|tests)/|/weights(/|\.rs$)|^$HOME/|/\.cargo/|/rustc/"
cargo llvm-cov --locked --workspace --ignore-filename-regex "$ignore" --summary-only \
	--fail-under-lines "${MVP_COVERAGE_FLOOR:-95}" "$@"
