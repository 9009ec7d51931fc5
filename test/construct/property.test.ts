import * as fc from 'fast-check';
import { App, Chart } from 'cdk8s';
import { LocustTest } from '../../src';
import { envNames, find, locustContainer, Manifest, synthChart } from '../util';
import { minimalSpecJson } from '../fixtures';
import { lastOptionValue } from '../../src/core/locust-args';

/**
 * Property-based tests: random valid specs always give schema-valid objects (synthChart checks
 * every object against the Kubernetes schemas and refuses unknown fields) that keep the
 * operator's invariants; random invalid specs always give problems naming a field, never an
 * exception. Run counts are kept moderate so the file stays well under a minute on 2 cores.
 */

/** Runs per property; raise it (PROPERTY_RUNS=2000) to hunt for rare counterexamples locally. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const KAFKA_ENV = ['KAFKA_BOOTSTRAP_SERVERS', 'KAFKA_SECURITY_ENABLED', 'KAFKA_SECURITY_PROTOCOL_CONFIG', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_JAAS_CONFIG', 'KAFKA_USERNAME', 'KAFKA_PASSWORD'];
const PROTECTED_LABELS = ['performance-test-pod-name', 'managed-by'];
const PROMETHEUS_ANNOTATIONS = ['prometheus.io/scrape', 'prometheus.io/path', 'prometheus.io/port'];

// ---------------------------------------------------------------------------------------------
// Valid specs

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
/** A LocustTest name: one to three DNS labels joined by dots, first starting with a letter, at most 56 characters. */
const testName = fc.array(dnsLabel, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')).filter((n) => n.length <= 56);
const word = fc.stringMatching(/^[-a-zA-Z0-9_./=:]{1,16}$/);
const whitespace = fc.constantFrom(' ', '  ', '\t', ' \n ');
/** A command: words joined by runs of whitespace, sometimes padded. */
const command = fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), whitespace, fc.boolean()).map(([words, gap, pad]) => (pad ? ' ' : '') + words.join(gap) + (pad ? '\t' : ''));
const labelKey = fc.oneof(
  fc.tuple(fc.constantFrom('', 'example.com/', 'team.example.org/'), fc.stringMatching(/^[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,10}[a-zA-Z0-9])?$/)).map(([prefix, local]) => prefix + local),
  fc.constantFrom(...PROTECTED_LABELS, 'app', 'performance-test-name'),
);
const labelValue = fc.stringMatching(/^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,10}[a-zA-Z0-9])?)?$/);
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 4 });
const annotations = fc.dictionary(fc.oneof(labelKey, fc.constantFrom(...PROMETHEUS_ANNOTATIONS)), fc.string({ maxLength: 20 }), { maxKeys: 4 });
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);
const extraArgs = fc.array(fc.stringMatching(/^--[a-z][-a-z]{0,10}(=[a-z0-9]{1,5})?$/), { maxLength: 3 });

const resources = fc.record(
  { cpu: fc.integer({ min: 1, max: 2000 }), cpuHeadroom: fc.integer({ min: 0, max: 2000 }), memory: fc.integer({ min: 16, max: 4096 }), memoryHeadroom: fc.integer({ min: 0, max: 4096 }) },
).map((r) => ({ requests: { cpu: `${r.cpu}m`, memory: `${r.memory}Mi` }, limits: { cpu: `${r.cpu + r.cpuHeadroom}m`, memory: `${r.memory + r.memoryHeadroom}Mi` } }));

function role<T extends object>(extra: fc.Arbitrary<T>) {
  return fc.tuple(
    fc.record({ command }),
    fc.record({ labels, annotations, extraArgs, resources }, { requiredKeys: [] }),
    extra,
  ).map(([required, optional, more]) => ({ ...required, ...optional, ...more }));
}

const master = role(fc.record({
  autostart: fc.boolean(),
  autoquit: fc.record({ enabled: fc.boolean(), timeout: fc.integer({ min: 0, max: 3600 }) }, { requiredKeys: [] }),
}, { requiredKeys: [] }));
const worker = role(fc.record({ replicas: fc.integer({ min: 1, max: 500 }) }));

/** OpenTelemetry settings that make sense together (port per protocol, insecure only on http), so no warnings. */
const openTelemetry = fc.record({
  enabled: fc.boolean(),
  protocol: fc.constantFrom('grpc', 'http/protobuf'),
  insecure: fc.boolean(),
  extraEnvVars: fc.dictionary(envName, fc.string({ maxLength: 10 }), { maxKeys: 3 }),
}, { requiredKeys: ['enabled', 'protocol', 'insecure'] }).map((o) => ({ ...o, endpoint: `http://otel-collector.monitoring:${o.protocol === 'grpc' ? 4317 : 4318}` }));

/** User volumes named `data-<i>`, each mounted by zero or more mounts with a target. */
const volumes = fc.array(fc.array(fc.constantFrom('master', 'worker', 'both', undefined), { maxLength: 2 }), { maxLength: 3 }).map((perVolume) => {
  const vols = perVolume.map((_, i) => ({ name: `data-${i}`, emptyDir: {} }));
  const mounts = perVolume.flatMap((targets, i) => targets.map((target, j) => ({ name: `data-${i}`, mountPath: `/data/${i}/${j}`, ...(target ? { target } : {}) })));
  return { volumes: vols, volumeMounts: mounts };
});

const env = fc.record({
  variables: fc.array(fc.record({ name: envName, value: fc.string({ maxLength: 10 }) }), { maxLength: 4 }),
  secretMounts: fc.uniqueArray(dnsLabel, { maxLength: 3 }).map((names) => names.map((name, i) => ({ name, mountPath: `/etc/secrets/${i}`, readOnly: i % 2 === 0 }))),
  configMapRefs: fc.array(fc.record({ name: dnsLabel, prefix: fc.constantFrom('APP_', 'X_') }, { requiredKeys: ['name'] }), { maxLength: 2 }),
}, { requiredKeys: [] });

const scheduling = fc.record({
  nodeSelector: fc.dictionary(labelKey.filter((k) => !PROTECTED_LABELS.includes(k)), labelValue, { maxKeys: 2 }),
  tolerations: fc.constant([{ key: 'dedicated', operator: 'Equal', value: 'load', effect: 'NoSchedule' }]),
  runtimeClassName: fc.constantFrom('gvisor', 'kata.v2'),
}, { requiredKeys: [] });

type Spec = Record<string, any>;

const validSpec = fc.tuple(
  fc.record({ image: fc.constantFrom('locustio/locust-otel:2.43.4', 'registry.example.com/load/locust-otel@sha256:0123'), master, worker }),
  fc.record({
    imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never'),
    testFiles: fc.record({ configMapRef: dnsLabel, libConfigMapRef: dnsLabel }, { requiredKeys: [] }),
    env,
    scheduling,
    observability: fc.record({ openTelemetry }),
  }, { requiredKeys: [] }),
  volumes,
)
  // A JSON round trip: a spec arrives as parsed YAML or JSON, whose objects all have Object.prototype;
  // fast-check may build null-prototype objects, which cdk8s serializes as empty.
  .map(([required, optional, storage]) => JSON.parse(JSON.stringify({ ...required, ...optional, ...(storage.volumes.length > 0 ? storage : {}) })) as Spec);

/**
 * The oracle for the command lines is what Locust is told, read back with Locust's own reading of
 * options (core/locust-args), not a second copy of the builder: the user's command words come
 * first and unchanged, the user's extra arguments last, and in between the workload's options say
 * what the spec asks, each once, with nothing else. The exact order is pinned by the parity tests.
 */
function workloadOptions(args: readonly string[], role: { command: string; extraArgs?: string[] }): string[] {
  const commandWords = words(role.command);
  const extra = role.extraArgs ?? [];
  expect(args.slice(0, commandWords.length)).toEqual(commandWords);
  expect(args.slice(args.length - extra.length)).toEqual(extra);
  return args.slice(commandWords.length, args.length - extra.length);
}

/** The value of `--name` in the options, as Locust reads it, or undefined when unset. */
const valueOf = (options: readonly string[], long: string) => lastOptionValue(options, { long })?.value;

/** The long flags the options set, in order. */
const flagsOf = (options: readonly string[]) => options.filter((o) => o.startsWith('--')).map((o) => o.split('=')[0]);

function expectMasterTold(args: readonly string[], spec: Spec, otel: boolean): void {
  const options = workloadOptions(args, spec.master);
  const autoquit = spec.master.autoquit;
  const autoquits = autoquit === undefined || autoquit.enabled !== false;
  expect(new Set(flagsOf(options))).toEqual(new Set([
    '--master', '--master-port', '--expect-workers', '--enable-rebalancing', '--only-summary',
    ...(otel ? ['--otel'] : []),
    ...(spec.master.autostart !== false ? ['--autostart'] : []),
    ...(autoquits ? ['--autoquit'] : []),
  ]));
  expect(flagsOf(options)).toHaveLength(new Set(flagsOf(options)).size);
  expect(valueOf(options, '--master-port')).toBe('5557');
  expect(valueOf(options, '--expect-workers')).toBe(String(spec.worker.replicas));
  if (autoquits) expect(valueOf(options, '--autoquit')).toBe(String(autoquit?.timeout ?? 60));
}

function expectWorkerTold(args: readonly string[], spec: Spec, otel: boolean, masterName: string): void {
  const options = workloadOptions(args, spec.worker);
  expect(new Set(flagsOf(options))).toEqual(new Set(['--worker', '--master-port', '--master-host', ...(otel ? ['--otel'] : [])]));
  expect(flagsOf(options)).toHaveLength(new Set(flagsOf(options)).size);
  expect(valueOf(options, '--master-port')).toBe('5557');
  expect(valueOf(options, '--master-host')).toBe(masterName);
}

function expectedEnvNames(spec: Spec, otel: boolean): string[] {
  const o = spec.observability?.openTelemetry;
  const otelNames = otel
    ? ['OTEL_TRACES_EXPORTER', 'OTEL_METRICS_EXPORTER', ...(o.endpoint ? ['OTEL_EXPORTER_OTLP_ENDPOINT'] : []), 'OTEL_EXPORTER_OTLP_PROTOCOL', ...(o.insecure ? ['OTEL_EXPORTER_OTLP_INSECURE'] : []), ...Object.keys(o.extraEnvVars ?? {}).sort()]
    : [];
  return [...KAFKA_ENV, ...otelNames, ...(spec.env?.variables ?? []).map((v: { name: string }) => v.name)];
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

describe('random valid specs', () => {
  test('always synthesize schema-valid objects that keep the operator invariants', () => {
    fc.assert(fc.property(testName, validSpec, (name, spec: Spec) => {
      // GIVEN a random valid spec WHEN it is synthesized (synthChart validates every object)
      let test!: LocustTest;
      const objects = synthChart((chart) => { test = LocustTest.fromObject(chart, 'test', { name, spec }); });
      expect(test.problems).toEqual([]);
      const otel = spec.observability?.openTelemetry?.enabled === true;
      const sname = name.replace(/\./g, '-');

      // THEN the objects are named after the sanitized test name, and nothing else is written
      const service = find(objects, 'Service', `${sname}-master`);
      const masterJob = find(objects, 'Job', `${sname}-master`);
      const workerJob = find(objects, 'Job', `${sname}-worker`);
      expect(objects).toHaveLength(3);

      // AND protected labels keep the operator's values whatever the user set
      for (const [job, mode] of [[masterJob, 'master'], [workerJob, 'worker']] as Array<[Manifest, string]>) {
        expect(job.spec.template.metadata.labels['performance-test-pod-name']).toBe(`${sname}-${mode}`);
        expect(job.spec.template.metadata.labels['managed-by']).toBe('locust-k8s-operator');
      }
      expect(service.spec.selector).toEqual({ 'performance-test-pod-name': `${sname}-master` });

      // AND the command lines tell Locust what the spec asks, around the user's own words
      expectMasterTold(locustContainer(masterJob).args, spec, otel);
      expectWorkerTold(locustContainer(workerJob).args, spec, otel, `${sname}-master`);
      // AND env comes in the operator's order
      expect(envNames(locustContainer(masterJob))).toEqual(expectedEnvNames(spec, otel));
      expect(envNames(locustContainer(workerJob))).toEqual(expectedEnvNames(spec, otel));
      expect(workerJob.spec.parallelism).toBe(spec.worker.replicas);

      // AND the observability mode decides ports, sidecar and prometheus annotations together
      expect(service.spec.ports).toHaveLength(otel ? 2 : 3);
      expect((masterJob.spec.template.spec.initContainers ?? []).map((c: { name: string }) => c.name)).toEqual(otel ? [] : ['locust-metrics-exporter']);
      expect(workerJob.spec.template.spec.initContainers).toBeUndefined();
      const rendered = masterJob.spec.template.metadata.annotations ?? {};
      const user = spec.master.annotations ?? {};
      for (const key of PROMETHEUS_ANNOTATIONS) {
        if (key in user) expect(rendered[key]).toBe(user[key]);
        else if (otel) expect(rendered).not.toHaveProperty([key]);
        else expect(rendered).toHaveProperty([key]);
      }
    }), { numRuns: RUNS });
  });
});

// ---------------------------------------------------------------------------------------------
// Invalid specs

/** Every path inside a JSON value, with the value found there; `[]` is the root. */
function paths(value: unknown, at: Array<string | number> = []): Array<{ path: Array<string | number>; value: unknown }> {
  const here = [{ path: at, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...at, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

function setAt(root: Spec, path: ReadonlyArray<string | number>, value: unknown): Spec {
  const copy = structuredClone(root);
  let node: any = copy;
  path.slice(0, -1).forEach((key) => { node = node[key]; });
  node[path[path.length - 1]] = value;
  return copy;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Maps whose keys are free (labels, quantities, ...): adding a key there is not an extra field. */
const FREE_FORM_MAPS = new Set(['labels', 'annotations', 'nodeSelector', 'extraEnvVars', 'requests', 'limits']);
/** Fields of type int-or-string: a number there is not a wrong type. */
const isQuantity = (path: Array<string | number>) => ['requests', 'limits'].includes(String(path[path.length - 2]));

/** Render a path the way problems name fields: `spec.worker.replicas`, `spec.volumes[0].name`. */
function fieldPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${key}`), 'spec');
}

interface Mutation { readonly spec: unknown; readonly path: string; readonly name?: string }

/** A valid spec with one field broken: null, a random JSON value of another type, or an extra field. */
const brokenField: fc.Arbitrary<Mutation> = validSpec.chain((spec) => {
  const fields = paths(spec).filter((p) => p.path.length > 0);
  const objects = paths(spec).filter((p) => jsonType(p.value) === 'object' && !FREE_FORM_MAPS.has(String(p.path[p.path.length - 1])));
  return fc.oneof(
    fc.constantFrom(...fields).map((f) => ({ spec: setAt(spec, f.path, null), path: fieldPath(f.path) })),
    fc.constantFrom(...fields).chain((f) => fc.jsonValue({ maxDepth: 2 })
      .filter((v) => jsonType(v) !== jsonType(f.value) && !(jsonType(f.value) === 'integer' && jsonType(v) === 'number') && !(isQuantity(f.path) && ['integer', 'number', 'string'].includes(jsonType(v))))
      .map((v) => ({ spec: setAt(spec, f.path, v), path: fieldPath(f.path) }))),
    fc.tuple(fc.constantFrom(...objects), fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), fc.jsonValue({ maxDepth: 1 }))
      .filter(([o, key]) => !(key in (o.value as object)))
      .map(([o, key, v]) => ({ spec: setAt(spec, [...o.path, key], v), path: fieldPath([...o.path, key]) })),
  );
});

/** Out-of-range numbers and odd strings at fields with a range, an enum or a pattern. */
const badValue: fc.Arbitrary<Mutation> = fc.tuple(validSpec, fc.oneof(
  fc.record({ path: fc.constant(['worker', 'replicas']), value: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 501 }), fc.double({ min: 1.01, max: 499.99, noNaN: true }).filter((n) => !Number.isInteger(n))) }),
  fc.record({ path: fc.constant(['master', 'autoquit']), value: fc.integer({ max: -1 }).map((timeout) => ({ enabled: true, timeout })) }),
  fc.record({ path: fc.constant(['imagePullPolicy']), value: fc.string().filter((s) => !['Always', 'IfNotPresent', 'Never'].includes(s)) }),
  fc.record({ path: fc.constant(['scheduling']), value: fc.stringMatching(/^[A-Z_ ][a-z]{0,5}$/).map((runtimeClassName) => ({ runtimeClassName })) }),
  fc.record({ path: fc.constant(['observability']), value: fc.string().filter((s) => !['grpc', 'http/protobuf', ''].includes(s)).map((protocol) => ({ openTelemetry: { enabled: true, endpoint: 'http://c:4317', protocol } })) }),
  fc.record({ path: fc.constant(['master', 'labels']), value: fc.stringMatching(/^[a-z]{1,4}[ /!@][a-z/ ]{0,4}$/).filter((k) => k.split('/').length !== 2 || /[ !@]/.test(k)).map((key) => ({ [key]: 'x' })) }),
  fc.record({ path: fc.constant(['env']), value: fc.stringMatching(/^[0-9 =][A-Z ]{0,5}$/).map((name) => ({ variables: [{ name, value: 'x' }] })) }),
)).map(([spec, { path, value }]) => ({ spec: setAt(spec, path, value), path: fieldPath(path) }));

/** A valid spec under a name the API server would refuse. */
const badName: fc.Arbitrary<Mutation> = fc.tuple(validSpec, fc.oneof(
  fc.stringMatching(/^[A-Z0-9_][a-zA-Z0-9_]{0,10}$/),
  fc.constant(''),
  fc.string({ minLength: 57, maxLength: 70 }).map((s) => `a${s.replace(/[^a-z]/g, 'a')}`),
)).map(([spec, name]) => ({ spec, path: 'metadata.name', name }));

/** Not a spec at all. */
const notAnObject: fc.Arbitrary<Mutation> = fc.jsonValue().filter((v) => jsonType(v) !== 'object').map((spec) => ({ spec, path: 'spec' }));

/** Problems name the broken field, an enclosing field, or (for an extra field) its parent. */
function relatesTo(problemPath: string, mutated: string): boolean {
  const plain = (p: string) => p.replace(/\["([^"]*)"\]/g, '.$1');
  const [a, b] = [plain(problemPath), plain(mutated)];
  return a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
}

describe('random invalid specs', () => {
  test.each([
    ['a field set to null, to another JSON type, or an extra field', brokenField],
    ['an out-of-range number or odd string', badValue],
    ['an invalid name', badName],
    ['a spec that is not an object', notAnObject],
  ])('fails with a problem naming the field for %s', (_what, mutation) => {
    fc.assert(fc.property(mutation, (m) => {
      // GIVEN a spec with one broken field WHEN it is read (never throwing)
      const chart = new Chart(new App({ outdir: '/nonexistent-never-written' }), 'test');
      const test = LocustTest.fromObject(chart, 'test', { name: m.name ?? 'demo', spec: m.spec });
      // THEN at least one problem names that field, and every problem names a spec or metadata field
      expect(test.problems.length).toBeGreaterThan(0);
      for (const problem of test.problems) expect(problem.path).toMatch(/^(spec|metadata)([.[]|$)/);
      const named = test.problems.map((p) => p.path);
      if (!named.some((p) => relatesTo(p, m.path))) throw new Error(`no problem names ${m.path}; problems: ${named.join(', ')}`);
    }), { numRuns: RUNS });
  });

  test('a broken spec never slips through synthesis', () => {
    // GIVEN the smallest spec with replicas out of range WHEN it is synthesized
    const app = new App({ outdir: '/nonexistent-never-written' });
    LocustTest.fromObject(new Chart(app, 'test'), 'test', { name: 'demo', spec: minimalSpecJson({ worker: { command: 'x', replicas: 0 } }) });
    // THEN synthesis refuses it, naming the field
    expect(() => app.synthYaml()).toThrow(/spec\.worker\.replicas/);
  });
});
