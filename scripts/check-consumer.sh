#!/usr/bin/env bash
# Proves the package works for a user's own app, as the README's "Install and use" says: packs the
# library, installs the tarball with its peer dependencies and the README's tool versions into a
# fresh project outside the repository (packages from the registry or npm's cache), then
# compiles and synthesizes the README's consumer example, word for word, and checks the objects.
# Also loads the tarball through CommonJS `require`, ESM `import` and the TypeScript `types`.
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The README block after the marker is the consumer's main.ts (test/readme.test.ts keeps it equal
# to examples/consumer/main.ts, which the repository's own type check compiles).
extract_readme_block() { # extract_readme_block FILE
  awk -v marker="<!-- quoted from $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' README.md
}

npm pack --silent --pack-destination "$work" >/dev/null
tarball="$(ls "$work"/cdk8s-locust-*.tgz)"

app="$work/app"
mkdir -p "$app/locustfiles"
cp examples/consumer/locustfiles/checkout.py "$app/locustfiles/"
extract_readme_block examples/consumer/main.ts >"$app/main.ts"
[ -s "$app/main.ts" ] || { echo "error: no consumer example found in README.md" >&2; exit 1; }

version_of() { node -p "require('./package.json').devDependencies['$1']"; }
cd "$app"
echo '{ "name": "load-tests", "version": "1.0.0", "private": true }' >package.json
# The README's install commands, with the repository's own version ranges so that npm's cache serves them.
npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$tarball" "cdk8s@$(cd "$repo" && version_of cdk8s)" "cdk8s-plus-28@$(cd "$repo" && version_of cdk8s-plus-28)" \
  "constructs@$(cd "$repo" && version_of constructs)"
npm install --no-audit --no-fund --prefer-offline --loglevel=error --save-dev \
  "cdk8s-cli@$(cd "$repo" && version_of cdk8s-cli)" "typescript@~5.9" "ts-node@^10" "@types/node@^20"

# The project layout `cdk8s init typescript-app` writes (its tsconfig.json and its app command).
cp node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json .
printf 'language: typescript\napp: npx ts-node main.ts\noutput: dist\n' >cdk8s.yaml

npx tsc --noEmit
npx cdk8s synth --no-check-upgrade >/dev/null

node - <<'EOF'
// The objects the example promises: kinds, names, namespace and the resources written as strings.
const fs = require('fs');
const { parseAllDocuments } = require('yaml');
const objects = parseAllDocuments(fs.readFileSync('dist/shop-load.k8s.yaml', 'utf8')).map((d) => d.toJS());
const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
const expect = (what, ok) => { if (!ok) { console.error(`error: ${what}; got ${names.join(', ')}`); process.exit(1); } };
for (const name of ['Deployment/shop', 'Service/shop', 'Service/checkout-load-master', 'Job/checkout-load-master', 'Job/checkout-load-worker']) {
  expect(`no ${name}`, names.includes(name));
}
expect('no locustfile ConfigMap', names.some((n) => /^ConfigMap\/checkout-load-locustfiles-[0-9a-f]{10}$/.test(n)));
const job = (name) => objects.find((o) => o.kind === 'Job' && o.metadata.name === name);
const master = job('checkout-load-master').spec.template.spec.containers[0];
expect('master requests are not cpu 500m, memory 512Mi', JSON.stringify(master.resources.requests) === '{"cpu":"500m","memory":"512Mi"}');
expect('master is not pointed at the shop Service', master.args.includes('http://shop:8080'));
expect('worker parallelism is not 2', job('checkout-load-worker').spec.parallelism === 2);
const cost = (labels) => labels?.['example.com/cost-center'] === 'shop-qa';
expect('the cost-center label is missing on the Job or its pods', cost(job('checkout-load-worker').metadata.labels) && cost(job('checkout-load-worker').spec.template.metadata.labels));
expect('objects are not in load-testing', objects.every((o) => o.metadata.namespace === 'load-testing'));
console.log(`consumer example: ${names.join(', ')}`);
EOF

# The three ways in: CommonJS, ESM (the same classes, not a second copy), and TypeScript types
# under the Node ESM resolution that reads the `exports` map.
node -e "
const lib = require('cdk8s-locust');
if (typeof lib.LocustTest !== 'function' || typeof lib.TestFiles.fromDirectory !== 'function') process.exit(1);
console.log('require: ok');
"
node -e "
const tooling = require('cdk8s-locust/tooling');
if (typeof tooling.validateLocustTest !== 'function' || 'validateLocustTest' in require('cdk8s-locust')) process.exit(1);
console.log('require cdk8s-locust/tooling: ok');
"
node --input-type=module -e "
import { LocustTest, TestFiles, locust } from 'cdk8s-locust';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('cdk8s-locust');
if (LocustTest !== cjs.LocustTest || TestFiles !== cjs.TestFiles || typeof locust.LocustTestSpecMasterResourcesLimits !== 'function') process.exit(1);
console.log('import: ok');
"
mkdir esm
cat >esm/check.mts <<'EOF'
import { App, Chart } from 'cdk8s';
import { LocustTest, type LocustTestTypedSpec } from 'cdk8s-locust';

const spec: LocustTestTypedSpec = {
  image: 'locustio/locust:2.43.1',
  master: { command: '--locustfile /lotest/src/checkout.py' },
  worker: { command: '--locustfile /lotest/src/checkout.py', replicas: 1 },
};
export const test: LocustTest = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'esm', spec });
EOF
npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --types node esm/check.mts
echo 'types (nodenext): ok'
