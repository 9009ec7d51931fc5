#!/usr/bin/env bash
# Proves the package works for a user's own app, twice, from the packed tarball in fresh projects
# outside the repository (packages from the registry or npm's cache):
#  1. the README's "Install and use": its install commands and tool versions with cdk8s-plus-28;
#  2. an app as today's `cdk8s init typescript-app` writes it (the template of the cdk8s-cli the
#     repository uses: its package.json, tsconfig.json and cdk8s.yaml), with the newest cdk8s-plus
#     major the registry has, whose objects the library takes through their shape.
# Both compile and synthesize the README's consumer example, word for word (the cdk8s-plus import
# aside), and check the objects, the reports claim included. The first also loads the tarball
# through CommonJS `require`, ESM `import` and the TypeScript `types`.
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

version_of() { (cd "$repo" && node -p "require('./package.json').devDependencies['$1'] || require('./package.json').dependencies['$1']"); }
npm_install() { npm install --no-audit --no-fund --prefer-offline --loglevel=error "$@"; }

# The objects the example promises: kinds, names, namespace, the resources written as strings and
# the reports claim on the master.
check_objects() {
  node - <<'EOF_NODE'
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
const masterPod = job('checkout-load-master').spec.template.spec;
const master = masterPod.containers.find((c) => c.name === 'checkout-load-master');
expect('master requests are not cpu 500m, memory 512Mi', JSON.stringify(master.resources.requests) === '{"cpu":"500m","memory":"512Mi"}');
expect('master is not pointed at the shop Service', master.args.includes('http://shop:8080'));
const claim = masterPod.volumes.find((v) => v.persistentVolumeClaim?.claimName === 'load-test-reports');
expect('the master has no reports claim volume', claim !== undefined);
expect('the master does not mount the reports claim', master.volumeMounts.some((m) => m.name === claim.name && m.mountPath === '/opt/cdk8s-locust/reports'));
// The service under test serves where its Service points, as the non-root user on the read-only
// root filesystem that cdk8s-plus gives it: nginx-unprivileged on 8080, writing only to /tmp.
const shop = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'shop').spec.template.spec.containers[0];
const shopService = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'shop');
expect('the shop image is not nginx-unprivileged', shop.image.startsWith('nginxinc/nginx-unprivileged:'));
expect('the shop Service does not point at port 8080 of the pod', shopService.spec.ports.every((p) => p.targetPort === 8080) && shop.ports.some((p) => p.containerPort === 8080));
expect('the shop container has no writable /tmp', shop.volumeMounts?.some((m) => m.mountPath === '/tmp'));
expect('worker parallelism is not 2', job('checkout-load-worker').spec.parallelism === 2);
const cost = (labels) => labels?.['example.com/cost-center'] === 'shop-qa';
expect('the cost-center label is missing on the Job or its pods', cost(job('checkout-load-worker').metadata.labels) && cost(job('checkout-load-worker').spec.template.metadata.labels));
expect('objects are not in load-testing', objects.every((o) => o.metadata.namespace === 'load-testing'));
console.log(`consumer example: ${names.join(', ')}`);
EOF_NODE
}

npm pack --silent --pack-destination "$work" >/dev/null
tarball="$(ls "$work"/cdk8s-locust-*.tgz)"

app="$work/app"
mkdir -p "$app/locustfiles"
cp examples/consumer/locustfiles/checkout.py "$app/locustfiles/"
extract_readme_block examples/consumer/main.ts >"$app/main.ts"
[ -s "$app/main.ts" ] || { echo "error: no consumer example found in README.md" >&2; exit 1; }

echo "== the README's install, cdk8s-plus-28"
cd "$app"
echo '{ "name": "load-tests", "version": "1.0.0", "private": true }' >package.json
# The README's install commands, with the repository's own version ranges so that npm's cache serves them.
npm_install "$tarball" "cdk8s@$(version_of cdk8s)" "cdk8s-plus-28@$(version_of cdk8s-plus-28)" "constructs@$(version_of constructs)"
npm_install --save-dev "cdk8s-cli@$(version_of cdk8s-cli)" "typescript@~5.9" "ts-node@^10" "@types/node@^20"

# The project layout `cdk8s init typescript-app` writes (its tsconfig.json and its app command).
cp node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json .
printf 'language: typescript\napp: npx ts-node main.ts\noutput: dist\n' >cdk8s.yaml

npx tsc --noEmit
npx cdk8s synth --no-check-upgrade >/dev/null

check_objects

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

echo "== an app as \`cdk8s init typescript-app\` makes it, with the newest cdk8s-plus"
template="$repo/node_modules/cdk8s-cli/templates/typescript-app"
# The template names the cdk8s-plus major of its day; a newer one on the registry wins.
major="$(node -p "Object.keys(require('$template/package.json').dependencies).find((n) => n.startsWith('cdk8s-plus-')).slice('cdk8s-plus-'.length)")"
while npm view "cdk8s-plus-$((major + 1))" version >/dev/null 2>&1; do major=$((major + 1)); done
plus="cdk8s-plus-$major"
plus_version="$(npm view "$plus" version)"
echo "newest cdk8s-plus: $plus $plus_version"

init_app="$work/init-app"
mkdir -p "$init_app/locustfiles"
cp "$repo/examples/consumer/locustfiles/checkout.py" "$init_app/locustfiles/"
sed "s/'cdk8s-plus-28'/'$plus'/" "$app/main.ts" >"$init_app/main.ts"
grep -q "from '$plus'" "$init_app/main.ts" || { echo "error: the consumer example does not import cdk8s-plus-28" >&2; exit 1; }
# The template's package.json with its placeholders filled as `cdk8s init` fills them, and the
# newest cdk8s-plus major in place of the template's. Its jest
# packages are left out: the template's own test is not the library's concern, and they cost a
# large install.
node - "$template/package.json" "$init_app/package.json" "$plus" "$plus_version" \
  "$(version_of cdk8s)" "$(version_of constructs)" "$(version_of cdk8s-cli)" <<'EOF_NODE'
const fs = require('fs');
const [from, to, plus, plusVersion, cdk8s, constructs, cli] = process.argv.slice(2);
const text = fs.readFileSync(from, 'utf8')
  .replace(/{{ \$base }}/g, 'load-tests')
  .replace(/\^{{ cdk8s_core_version }}/g, cdk8s)
  .replace(/{{ cdk8s_plus_version }}/g, plusVersion)
  .replace(/\^{{ constructs_version }}/g, constructs)
  .replace(/{{ cdk8s_cli_spec }}/g, cli);
const manifest = JSON.parse(text);
const templatePlus = Object.keys(manifest.dependencies).find((name) => name.startsWith('cdk8s-plus-'));
const { [templatePlus]: range, ...others } = manifest.dependencies;
manifest.dependencies = { ...others, [plus]: range };
for (const name of Object.keys(manifest.devDependencies)) if (/jest/.test(name)) delete manifest.devDependencies[name];
fs.writeFileSync(to, JSON.stringify(manifest, null, 2));
EOF_NODE
cp "$template/tsconfig.json" "$init_app/"
# The template's cdk8s.yaml without `imports: [k8s]`, which needs the internet and which the
# example does not use.
grep -v '^imports:\|^  - k8s' "$template/cdk8s.yaml" >"$init_app/cdk8s.yaml"
cd "$init_app"
npm_install
npm_install "$tarball"
npx tsc --noEmit
npx cdk8s synth --no-check-upgrade >/dev/null
check_objects
echo "cdk8s init app with $plus: ok"
