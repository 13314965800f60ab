#!/usr/bin/env bash
# polkadot-api's typed descriptors for a runtime blob, made from the blob itself by polkadot-api's
# CLI (`papi add --wasm`, then `papi generate`), so that they are never a stale copy of the chain.
# They are generated in the target directory and linked as node_modules/@polkadot-api/descriptors,
# which is where the CLI's default (a `file:` dependency in package.json, then `npm install`) ends,
# without editing package.json or running npm. (They cannot be generated inside node_modules: the
# CLI's TypeScript bundler skips files under a node_modules path.) The CLI skips the code generation
# when the metadata has not changed.
# Usage: scripts/papi-descriptors.sh BLOB  (the descriptors' key is `mvp`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
blob="${1:?usage: scripts/papi-descriptors.sh BLOB}"
if [ ! -f "$blob" ]; then
	echo "error: no runtime blob at $blob" >&2
	exit 1
fi
blob="$(realpath "$blob")"
root="$PWD"
work="${CARGO_TARGET_DIR:-$root/target}/papi"
mkdir -p "$work/.papi"
cd "$work"
# The generated code imports polkadot-api: it resolves ours, when compiled and when run.
ln -sfn "$root/node_modules" node_modules
printf '%s\n' '{"version": 0, "descriptorPath": "descriptors", "entries": {},' \
	' "options": {"noDescriptorsPackage": true}}' >.papi/polkadot-api.json
papi="$root/node_modules/.bin/papi"
"$papi" add mvp --wasm "$blob" --skip-codegen >/dev/null
"$papi" generate
ln -sfn "$work/descriptors" "$root/node_modules/@polkadot-api/descriptors"
