#!/usr/bin/env bash
# Set up and run every test: pallet unit tests and the blob in a real host executor.
source "$(dirname "$0")/setup.sh"
cargo test --locked --workspace "$@"
