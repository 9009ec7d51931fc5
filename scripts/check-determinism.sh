#!/usr/bin/env bash
# Fails when the same input does not give the same bytes: synthesizes the example app twice into
# two directories and compares them, and, once the command line is built, renders the example
# LocustTests twice. Expects a built tree (`npm run build`); builds it when lib/ is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -f lib/examples/main.js ] || npm run build >/dev/null

status=0
compare() { # compare NAME A B
  if diff -r "$2" "$3" >"$work/diff.txt"; then
    echo "$1: identical bytes on two runs"
  else
    echo "error: $1 differs between two runs of the same input:" >&2
    cat "$work/diff.txt" >&2
    status=1
  fi
}

# The app and output directory come from cdk8s.yaml, as `npm run synth` uses them.
for run in 1 2; do
  npx cdk8s synth --no-check-upgrade --output "$work/synth-$run" >/dev/null
done
if [ -z "$(ls -A "$work/synth-1")" ]; then
  echo "error: the example app synthesized no files" >&2
  exit 1
fi
compare "example app (cdk8s synth)" "$work/synth-1" "$work/synth-2"

cli=lib/src/cli/main.js
if [ -f "$cli" ] && [ -f examples/cli/locusttests.yaml ]; then
  for run in 1 2; do
    mkdir -p "$work/cli-$run"
    node "$cli" render --operator-config examples/cli/operator-config.yaml \
      -o "$work/cli-$run/rendered.yaml" examples/cli/locusttests.yaml
  done
  if [ ! -s "$work/cli-1/rendered.yaml" ]; then
    echo "error: the command line rendered nothing" >&2
    exit 1
  fi
  compare "command line (cdk8s-locust render)" "$work/cli-1" "$work/cli-2"
else
  echo "command line not built ($cli); skipping its determinism check"
fi

exit "$status"
