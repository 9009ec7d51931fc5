import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { Manifest, assertValidKubernetesObject, find, locustContainer } from '../util';
import { CLI_BIN, ensureBuilt, ROOT } from '../built-cli';
import { stubbornLocust } from '../local-run/stand-in-locust';
import { ARGOCD_HOOK_ANNOTATION, SCHEDULE_ANNOTATION, START_DELAY_ANNOTATION } from '../../src/cli/run-annotations';
import { THRESHOLDS_ANNOTATION } from '../../src/verdict/thresholds-annotation';

/**
 * The command line end to end, as a user runs it: the built `lib/src/cli/main.js` spawned with
 * node. The build runs once when the compiled command is older than any source file.
 */
const EXAMPLE = join(ROOT, 'examples', 'cli', 'locusttests.yaml');
const EXAMPLE_CONFIG = join(ROOT, 'examples', 'cli', 'operator-config.yaml');

let work: string;

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-cli-'));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd: work, input: stdin ?? '', encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function objects(yaml: string): Manifest[] {
  return parseAllDocuments(yaml, { version: '1.1' }).map((doc) => doc.toJS() as Manifest);
}

function locustTest(name: string, spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'locust.io/v2',
    kind: 'LocustTest',
    metadata: { name, namespace: 'load-tests' },
    spec: {
      image: 'locustio/locust:2.43.1',
      master: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com' },
      worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
      ...spec,
    },
    ...extra,
  };
}

function yamlOf(...docs: unknown[]): string {
  return docs.map((doc) => stringify(doc, { version: '1.1' })).join('---\n');
}

const CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'load-tests' }, data: { ENABLED: 'yes', SINCE: '2024-01-31' } };

describe('render', () => {
  test('replaces a LocustTest by its Service and Jobs in place and passes other documents through', () => {
    // GIVEN a ConfigMap, a LocustTest and a Secret, in that order
    const secret = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'token', namespace: 'load-tests' }, stringData: { token: 'abc' } };
    const input = file('mixed.yaml', yamlOf(CONFIG_MAP, locustTest('checkout'), secret));

    // WHEN it is rendered
    const { status, stdout, stderr } = cli(['render', input]);

    // THEN the objects come out in input order, the LocustTest replaced by its three objects
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = objects(stdout);
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/settings', 'Service/checkout-master', 'Job/checkout-master', 'Job/checkout-worker', 'Secret/token',
    ]);
    // AND the other documents are unchanged, strings that YAML 1.1 would read otherwise still strings
    expect(find(out, 'ConfigMap', 'settings')).toEqual(CONFIG_MAP);
    expect(find(out, 'Secret', 'token')).toEqual(secret);
    expect(stdout).toContain('ENABLED: "yes"');
    // AND the rendered objects are valid Kubernetes objects in the test's namespace
    for (const kind of ['Service', 'Job']) assertValidKubernetesObject(find(out, kind, 'checkout-master'));
    expect(find(out, 'Job', 'checkout-worker').spec.parallelism).toBe(2);
    expect(find(out, 'Service', 'checkout-master').metadata.namespace).toBe('load-tests');
  });

  test('fails when standard input is empty, in one line and with nothing written', () => {
    // WHEN render runs with nothing piped in, as `render --run-id mine.yaml` used to end up
    const result = cli(['render'], '');

    // THEN it fails, saying so, instead of succeeding with no output
    expect(result).toEqual({ status: 1, stdout: '', stderr: '<stdin>: holds no documents; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input\n' });
  });

  test('reads standard input when no file or - is given', () => {
    // GIVEN the example file's text
    const text = readFileSync(EXAMPLE, 'utf8');

    // WHEN it is rendered from the file, from stdin without a file and from stdin as -
    const fromFile = cli(['render', EXAMPLE]);
    const implicit = cli(['render'], text);
    const dash = cli(['render', '-'], text);

    // THEN all three write the same bundle
    expect(fromFile.status).toBe(0);
    expect(implicit).toEqual(fromFile);
    expect(dash).toEqual(fromFile);
  });

  test('renders several files in argument order, and names stdin <stdin> in messages', () => {
    // GIVEN two files, the second invalid, and an invalid test on stdin
    const first = file('first.yaml', yamlOf(locustTest('alpha')));
    const second = file('second.yaml', yamlOf(locustTest('beta'), CONFIG_MAP));

    // WHEN both are rendered, then with stdin between them
    const good = cli(['render', second, first]);
    const bad = cli(['render', first, '-'], yamlOf(locustTest('gamma', { worker: { command: 'x', replicas: 0 } })));

    // THEN the objects follow the order of the arguments
    expect(objects(good.stdout).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/beta-master', 'Job/beta-master', 'Job/beta-worker', 'ConfigMap/settings',
      'Service/alpha-master', 'Job/alpha-master', 'Job/alpha-worker',
    ]);
    // AND a problem on stdin is reported against <stdin>
    expect(bad.stderr).toBe('<stdin>: LocustTest gamma: spec.worker.replicas must be at least 1 (got 0); set spec.worker.replicas between 1 and 500\n');
  });

  test('writes the bundle to -o FILE and nothing to stdout', () => {
    // GIVEN an output path
    const output = join(work, 'bundle.yaml');

    // WHEN the example is rendered with -o
    const { status, stdout } = cli(['render', EXAMPLE, '-o', output]);

    // THEN the file holds what stdout would have held
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toBe(cli(['render', EXAMPLE]).stdout);
  });

  test('gives the same bytes twice, and for input whose keys are in another order', () => {
    // GIVEN the same documents written with their keys reversed at every level
    const reverse = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverse);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverse(v)]));
    };
    const docs = [CONFIG_MAP, locustTest('order', { env: { variables: [{ name: 'A', value: '1' }] }, master: { command: 'm', labels: { b: '2', a: '1' } } })];
    const ordered = file('ordered.yaml', yamlOf(...docs));
    const reversed = file('reversed.yaml', yamlOf(...docs.map(reverse)));

    // WHEN both are rendered, the first twice
    const once = cli(['render', ordered]);
    const twice = cli(['render', ordered]);
    const other = cli(['render', reversed]);

    // THEN the output is byte-identical
    expect(once.status).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    expect(other.stdout).toBe(once.stdout);
  });

  test('builds for the operator configuration given with --operator-config', () => {
    // GIVEN the example operator configuration (pull policy Always, affinity injection off, a TTL)
    // WHEN the example is rendered with and without it
    const configured = objects(cli(['render', EXAMPLE, '--operator-config', EXAMPLE_CONFIG]).stdout);
    const defaults = objects(cli(['render', EXAMPLE]).stdout);

    // THEN the exporter sidecar pulls Always instead of the Helm chart's IfNotPresent
    const sidecar = (job: Manifest) => job.spec.template.spec.initContainers.find((c: any) => c.name === 'locust-metrics-exporter');
    expect(sidecar(find(configured, 'Job', 'checkout-load-master')).imagePullPolicy).toBe('Always');
    expect(sidecar(find(defaults, 'Job', 'checkout-load-master')).imagePullPolicy).toBe('IfNotPresent');
    // AND the test's affinity is no longer copied into the pods
    expect(find(defaults, 'Job', 'checkout-load-worker').spec.template.spec.affinity).toBeDefined();
    expect(find(configured, 'Job', 'checkout-load-worker').spec.template.spec.affinity).toBeUndefined();
    // AND the Jobs expire, and the resources follow the configuration
    expect(find(configured, 'Job', 'checkout-load-worker').spec.ttlSecondsAfterFinished).toBe(3600);
    expect(locustContainer(find(configured, 'Job', 'checkout-load-worker')).resources.limits.memory).toBe('2Gi');
  });

  test('writes exactly the worked example of docs/cli.md', () => {
    // GIVEN the output block the documentation shows for the example files
    const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    const shown = /<!-- cli-example-output[^\n]*\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];

    // WHEN the documented command runs
    const { status, stdout } = cli(['render', EXAMPLE, '--operator-config', EXAMPLE_CONFIG]);

    // THEN the documentation shows its real output
    expect(status).toBe(0);
    expect(shown).toBe(stdout);
  });

  test('prints warnings on stderr and still renders', () => {
    // GIVEN a test that turns OpenTelemetry on with the plain Locust image
    const input = file('otel.yaml', yamlOf(locustTest('traced', { observability: { openTelemetry: { enabled: true, endpoint: 'otel:4317' } } })));

    // WHEN it is rendered
    const { status, stdout, stderr } = cli(['render', input]);

    // THEN it renders, and the warning names the file and the test
    expect(status).toBe(0);
    expect(objects(stdout)).toHaveLength(3);
    expect(stderr).toMatch(new RegExp(`^${input}: LocustTest traced: warning: spec\\.image has no OpenTelemetry SDK`));
  });
});

describe('validate', () => {
  test('writes nothing and exits 0 for valid input', () => {
    expect(cli(['validate', EXAMPLE, '--operator-config', EXAMPLE_CONFIG])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('fails when a test is invalid, with the same lines as render', () => {
    // GIVEN a test without a worker command
    const input = file('invalid.yaml', yamlOf(locustTest('broken', { worker: { replicas: 1 } })));

    // WHEN it is validated and rendered
    const validated = cli(['validate', input]);
    const rendered = cli(['render', input]);

    // THEN both fail with the same report
    expect(validated.status).toBe(1);
    expect(validated.stdout).toBe('');
    expect(validated.stderr).toBe(`${input}: LocustTest broken: spec.worker.command is required; set spec.worker.command\n`);
    expect(rendered).toEqual(validated);
  });
});

describe('bad input', () => {
  test('fails when documents are invalid, one line per problem of every document of every file', () => {
    // GIVEN a file with a v1 test, a list, a test without a name, a schema error and a webhook
    // error, a file with a YAML syntax error, and a file that does not exist
    const docs = file('docs.yaml', [
      yamlOf(locustTest('old', {}, { apiVersion: 'locust.io/v1' })),
      '- not\n- a map\n',
      yamlOf({ apiVersion: 'locust.io/v2', kind: 'LocustTest', metadata: { namespace: 'x' }, spec: null }),
      yamlOf(locustTest('typed', { image: 42 })),
      yamlOf(locustTest('mounted', { volumes: [{ name: 'data', emptyDir: {} }], volumeMounts: [{ name: 'data', mountPath: '/lotest/src' }] })),
    ].join('---\n'));
    const syntax = file('syntax.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n');
    const missing = join(work, 'missing.yaml');
    const output = join(work, 'never.yaml');

    // WHEN they are rendered to a file
    const { status, stdout, stderr } = cli(['render', docs, syntax, missing, '-o', output]);

    // THEN every problem is reported, nothing is written, and there is no stack trace
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(existsSync(output)).toBe(false);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      `${docs}: LocustTest old: apiVersion must be locust.io/v2: only v2 LocustTests can be rendered (got "locust.io/v1"); convert the test to locust.io/v2 (v2 groups the master and worker settings under spec.master and spec.worker)`,
      expect.stringMatching(new RegExp(`^${docs}:\\d+:1: document 2 is not a mapping \\(got a list\\)`)),
      `${docs}: LocustTest document 3: metadata.name is required (got nothing); name the LocustTest, e.g. checkout-load`,
      `${docs}: LocustTest document 3: spec must be an object (got null); set spec to an object`,
      `${docs}: LocustTest typed: spec.image must be a string (got 42); set spec.image to a string`,
      `${docs}: LocustTest mounted: spec.volumeMounts[0].mountPath conflicts with the test files mounted at /lotest/src (got "/lotest/src"); mount the volume elsewhere, e.g. /data`,
      expect.stringMatching(new RegExp(`^${syntax}:4:1: `)),
      `${missing}: cannot be read: no such file or directory (ENOENT)`,
    ]);
  });

  test('fails cleanly on malformed documents of every shape', () => {
    // GIVEN documents with wrong types, nulls, odd strings, scalars, empty documents and aliases
    const odd = [
      '~', '', '"just a string"', '42', '[1, 2]', '!!binary aGVsbG8=', 'kind: LocustTest\napiVersion: locust.io/v2',
      'kind: LocustTest\napiVersion: locust.io/v2\nmetadata: 7\nspec: [1]',
      'kind: LocustTest\napiVersion: locust.io/v2\nmetadata: {name: "UPPER case", namespace: [x]}\nspec: {image: null, master: "", worker: {replicas: "3", command: {}}}',
      'kind: LocustTest\napiVersion: locust.io/v2\nmetadata: {name: ok}\nspec: {image: x, master: {command: y}, worker: {command: z, replicas: .inf}}',
      'kind: LocustTest\napiVersion: 3\nspec: nonsense', 'kind: [LocustTest]',
      'a: &a [1]\nb: *a', '? [complex, key]\n: value',
    ].join('\n---\n');
    const input = file('odd.yaml', odd);

    // WHEN it is validated
    const { status, stdout, stderr } = cli(['validate', input]);

    // THEN each problem is one line naming the file, and there is no stack trace
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toMatch(/internal error/);
    for (const line of stderr.trimEnd().split('\n')) expect(line.startsWith(`${input}:`)).toBe(true);
    expect(stderr).toContain('document 3 is not a mapping (got "just a string")');
    expect(stderr).toContain('document 6 holds a value Kubernetes cannot represent (got Buffer)');
    expect(stderr).toContain('document 10: spec.worker.replicas holds a value Kubernetes cannot represent (got Infinity)');
    expect(stderr).toContain('document 14: a mapping key is a list or a mapping');
  });

  test('fails when the operator configuration has an unknown name or an invalid value of any type', () => {
    // GIVEN a configuration with one error of each kind
    const config = file('operator.yaml', [
      'POD_CPU_REQUEST: lots', 'ENABLE_AFFINITY_CR_INJECTION: "yes"', 'JOB_TTL_SECONDS_AFTER_FINISHED: 1.5',
      'METRICS_EXPORTER_IMAGE_PULL_POLICY: Sometimes', 'METRICS_EXPORTER_PORT: 70000', 'POD_MEM_LIMIT: [1Gi]', 'POD_CPU_LIMITS: 2',
    ].join('\n'));

    // WHEN it is used
    const { status, stdout, stderr } = cli(['render', EXAMPLE, '--operator-config', config]);

    // THEN every setting is reported by the name the user wrote
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines).toEqual(expect.arrayContaining([
      `${config}: POD_CPU_REQUEST is not a valid quantity (got "lots"); use a Kubernetes quantity such as 250m, 1, 128Mi or 1Gi`,
      expect.stringMatching(new RegExp(`^${config}: ENABLE_AFFINITY_CR_INJECTION is not a boolean \\(got "yes"\\)`)),
      `${config}: JOB_TTL_SECONDS_AFTER_FINISHED is not a whole number (got 1.5); use a base-10 integer such as 9646 or 3600`,
      `${config}: METRICS_EXPORTER_IMAGE_PULL_POLICY must be one of Always, IfNotPresent, Never (got "Sometimes"); use Always, IfNotPresent or Never`,
      expect.stringMatching(new RegExp(`^${config}: METRICS_EXPORTER_PORT must be a port number between 1 and 65535 \\(got 70000\\)`)),
      `${config}: POD_MEM_LIMIT is not a quantity (got ["1Gi"]); use a Kubernetes quantity such as 250m, 1, 128Mi or 1Gi`,
      `${config}: POD_CPU_LIMITS is not an operator setting this library knows; did you mean POD_CPU_LIMIT? rename it`,
    ]));
  });

  test('fails when the operator configuration is unreadable or not YAML, with its line', () => {
    const broken = file('broken-operator.yaml', 'POD_CPU_REQUEST: 1\nPOD_CPU_REQUEST: 2\n');
    expect(cli(['validate', EXAMPLE, '--operator-config', broken]).stderr).toMatch(new RegExp(`^${broken}:2:1: map keys must be unique`));
    expect(cli(['validate', EXAMPLE, '--operator-config', join(work, 'none.yaml')]).stderr).toBe(`${join(work, 'none.yaml')}: cannot be read: no such file or directory (ENOENT)\n`);
  });
});

describe('usage', () => {
  test.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['render', '--frobnicate'], 'unknown option --frobnicate; cdk8s-locust --help lists the options'],
    [['render', '-o'], "option '-o, --output <value>' argument missing"],
    [[], 'a command is required'],
  ])('fails with exit status 2, the problem and where the usage is on %j', (args, message) => {
    const { status, stdout, stderr } = cli(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    // one line to act on, then the way to the whole usage, which is not repeated
    expect(stderr.split('\n')[0]).toContain(`cdk8s-locust: ${message}`);
    expect(stderr.split('\n').slice(1)).toEqual(['run cdk8s-locust --help for the commands and options', '']);
  });

  test('fails on a mistyped option by naming the option it is close to, with balanced quotes', () => {
    const { status, stderr } = cli(['run', 'a.yaml', '--hots', 'http://127.0.0.1:8080']);
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe('cdk8s-locust: unknown option --hots; did you mean --host?');
  });

  test('help names every annotation the command line reads, and a reference the package holds', () => {
    // GIVEN the annotations the command line reads from a LocustTest
    const annotations = [ARGOCD_HOOK_ANNOTATION, START_DELAY_ANNOTATION, SCHEDULE_ANNOTATION, THRESHOLDS_ANNOTATION];

    // THEN the help shows each, and the reference it points to is published
    const help = cli(['--help']).stdout;
    expect(annotations.filter((name) => !help.includes(`${name}:`))).toEqual([]);
    const reference = /node_modules\/cdk8s-locust\/(\S+)\)/.exec(help)?.[1];
    expect(reference).toBe('docs/cli.md');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files).toContain(reference);
  });

  test('prints the help on stdout with --help and the version with --version', () => {
    const help = cli(['render', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: cdk8s-locust <command>/);
    const version = cli(['--version']);
    expect(version).toEqual({ status: 0, stdout: `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`, stderr: '' });
  });
});

describe('run, ended by signals', () => {
  test('a second Ctrl-C kills processes that ignore SIGTERM at once, and the run exits 130 with its folder gone', async () => {
    // GIVEN a run whose stand-in Locust processes ignore SIGTERM
    const input = file('signals.yaml', `${stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'files', namespace: 'load-tests' }, data: { 'locustfile.py': 'print(1)' } })}---\n${stringify(locustTest('signals', { testFiles: { configMapRef: 'files' } }))}`);
    const child = spawn(process.execPath, [CLI_BIN, 'run', input, '--workers', '1', '--no-reports'], { cwd: work, env: { PATH: `${stubbornLocust()}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // The master's output comes through; the worker's goes to its log, and it starts just after.
    const until = Date.now() + 15_000;
    while (!/^started$/m.test(stdout) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stdout).toMatch(/^started$/m);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // WHEN Ctrl-C comes twice
    const started = Date.now();
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');

    // THEN it ends well within the 5 s grace period, as Ctrl-C's status, and its folder is gone
    expect(await exited).toBe(130);
    expect(Date.now() - started).toBeLessThan(3_000);
    const folder = /^run: master: locust --locustfile (\S+)\/master\//m.exec(stdout)?.[1];
    expect(folder).toBeDefined();
    expect(existsSync(folder!)).toBe(false);
  }, 30_000);
});
