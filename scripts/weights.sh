#!/usr/bin/env bash
# Regenerates the weight files by running every benchmarked pallet of the runtime on the
# runtime-benchmarks build of our blob with frame-omni-bencher. Not part of CI: the bencher is
# a build of about a thousand crates (RocksDB and OpenSSL among them), installed on first use.
# STEPS and REPEAT override the sampling (default 50 steps, 20 repeats, as upstream does).
source "$(dirname "$0")/setup.sh"
BENCHER_VERSION=0.28.0
if ! frame-omni-bencher --version 2>/dev/null | grep -q " $BENCHER_VERSION"; then
	# librocksdb-sys generates its bindings with bindgen, which needs libclang.
	if ! compgen -G "/usr/lib/llvm-*/lib/libclang.so*" >/dev/null; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
			apt-get update -qq && apt-get install -y -qq libclang-dev >/dev/null
		else
			echo "error: libclang is required to build frame-omni-bencher: install libclang-dev" >&2
			exit 1
		fi
	fi
	# Without LTO and at opt-level 2 the install takes far less long; that is the host side
	# (host functions, wasmtime), as in the nodes' usual release builds give or take a few %.
	# SKIP_WASM_BUILD: its storage benchmark's test runtime would need the wasm32-unknown-unknown
	# target; the pallet benchmarks do not use it.
	SKIP_WASM_BUILD=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
		CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
		cargo install frame-omni-bencher --version "$BENCHER_VERSION" --locked
fi
# Builds the blob and its fixtures, the runtime-benchmarks variant among them
# (target/runtime/fixtures/benchmarks.*).
cargo build --locked -p mvp-chain --features fixtures
blob="$TARGET_DIR/runtime/fixtures/benchmarks.compact.compressed.wasm"
mkdir -p runtime/src/weights
bench() {
	frame-omni-bencher v1 benchmark pallet --runtime "$blob" --genesis-builder-preset development \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" --extrinsic '*' "$@"
}
for pallet in frame_system frame_system_extensions pallet_balances pallet_timestamp \
	pallet_transaction_payment pallet_sudo pallet_probe pallet_nonce_clock; do
	bench --pallet "$pallet" --header scripts/weights/header.txt \
		--output "runtime/src/weights/$pallet.rs"
done
# Our pallets' own `WeightInfo for ()`, which their mock runtimes use, from the same numbers.
for pallet in probe nonce_clock; do
	file="pallets/${pallet//_/-}/src/weights.rs"
	bench --pallet "pallet_$pallet" --header scripts/weights/header.txt \
		--template scripts/weights/pallet.hbs --output "$file"
	rustfmt --edition 2021 "$file"
done
# Per-block and per-extrinsic base weights (empty blocks and blocks of remarks).
frame-omni-bencher v1 benchmark overhead --runtime "$blob" --genesis-builder-preset development \
	--weight-path runtime/src/weights/ --header scripts/weights/header.txt
