#!/usr/bin/env bash
# Fails when a generated file in the tree is not what the generators produce now: the CRD, its
# JSON copy, the spec validator generated from it and the cdk8s import. Regenerates into a temporary directory, so the tree is left
# untouched. Works offline, on a fresh clone after `npm ci`.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
cd "$root"

npx ts-node scripts/generate-crd.ts "$fresh" >/dev/null
npx ts-node scripts/generate-spec-validator.ts "$fresh" >/dev/null
# `cdk8s import <file>` would add the file to cdk8s.yaml, so import from a copy of the project's
# cdk8s.yaml beside the fresh CRD, with the flags of `npm run import`.
cp cdk8s.yaml "$fresh/"
(cd "$fresh" && "$root/node_modules/.bin/cdk8s" import --no-check-upgrade --language typescript --output imports >/dev/null)

status=0
for file in crd/locusttests.locust.io.yaml src/spec/generated/locusttest-crd.json src/spec/generated/spec-validator.ts imports/locust.io.ts; do
  if ! diff -u --label "$file (in the tree)" --label "$file (generated now)" "$file" "$fresh/$file"; then
    status=1
  fi
done

if [ "$status" -ne 0 ]; then
  echo "error: generated files are out of date; run 'npm run generate:crd && npm run import' and commit the result" >&2
  exit 1
fi
echo "generated files are up to date"
