#!/usr/bin/env bash
# Fails when test/generated/k8s-fields.json is not what `npm run generate:k8s-fields` produces
# from the installed @kubernetes/client-node. Regenerates into a temporary directory, so the
# tree is left untouched. Works offline, on a fresh clone after `npm ci`.
set -euo pipefail

cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT

npx ts-node scripts/generate-k8s-fields.ts "$fresh" >/dev/null
file=test/generated/k8s-fields.json
if ! diff -u --label "$file (in the tree)" --label "$file (generated now)" "$file" "$fresh/$file"; then
  echo "error: $file is out of date; run 'npm run generate:k8s-fields' and commit the result" >&2
  exit 1
fi
echo "k8s field map is up to date"
