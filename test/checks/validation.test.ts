// Mutants of src/checks/validation.ts that no test can kill, because no input tells them apart:
// - Lines 70, 71 (reservedPaths), `[]` to `["Stryker was here"]`: reserves one more path, a relative
//   one that only a mount path spelled exactly like the mutant's text could conflict with.
// - Lines 98, 161, 172, 190, 191, 197, 206, 207, a `?? []` fallback to `["Stryker was here"]`: the
//   list is absent, and a string in its place has no name, prefix or mountPath, so it matches nothing.
// - Line 177, `?.` to `.` before `openTelemetry`: the extra variables are read only in OpenTelemetry
//   mode, which spec.observability.openTelemetry being set decides.
// - Line 193, `'spec.testFiles'` to `""`: the fallback names a volume no spec field made, a test-files
//   volume, which is the first of its name in its pod (never a repeat) and has a valid name.
// - Line 204, `'spec.testFiles.srcMountPath'` to `""`: the locustfile mount is the container's first
//   mount, never a repeat, and has no subPath; the entry only counts.
// - Line 209, `candidates.length - 1` to `+ 1`, and `'spec.testFiles'` to `""`: every mount of the
//   container has a candidate of its own (test files, secret mounts and user mounts at that path),
//   so the occurrence never passes the last candidate and the fallback is never reached.
// - Lines 238 and 248, `$` dropped from `/\.name$/` and `/\.mountPath$/`: the paths hold `.name` and
//   `.mountPath` only at their end.
import { LocustTest, OperatorConfig } from '../../src';
import { resolveOperatorConfig } from '../../src/operator/operator-config';
import { formatProblem } from '../../src/core/problems';
import { MAX_NAME_LENGTH, pathsConflict, validateLocustTest } from '../../src/checks/validation';
import { observabilityModeOf, ObservabilityMode } from '../../src/pod/observability';
import { minimalSpecJson } from '../fixtures';
import { synthChart } from '../util';

function problemsOf(spec: Record<string, unknown>, options: { name?: unknown; namespace?: unknown; config?: OperatorConfig } = {}) {
  const name = 'name' in options ? options.name : 'checkout';
  const json = minimalSpecJson(spec);
  return validateLocustTest(name, options.namespace, json, resolveOperatorConfig(options.config), observabilityModeOf(json.observability?.openTelemetry));
}

/** Some fix: fixes are free text, but every problem says how to fix it (path, message and value are the contract). */
const A_FIX = expect.stringMatching(/\S/);

/** The one problem expected, with a fix. */
function only(path: string, message: string, value: unknown) {
  return [{ path, message, value, fix: A_FIX }];
}

const LABEL_KEY_RULE = 'must be 63 characters or fewer, start and end with a letter or digit, and contain only letters, digits, -, _ and .';
const LABEL_VALUE_RULE = 'is not a valid label value: 63 characters or fewer, letters, digits, -, _ and ., starting and ending with a letter or digit';
const mounted = (name: string, path = '/data') => ({ volumes: [{ name, emptyDir: {} }], volumeMounts: [{ name, mountPath: path }] });

describe('validation: metadata', () => {
  test('fails when the name is missing', () => {
    expect(problemsOf({}, { name: '' })).toEqual(only('metadata.name', 'is required', ''));
    expect(problemsOf({}, { name: undefined })).toEqual(only('metadata.name', 'is required', undefined));
  });

  test('fails when the name is too long (57 characters)', () => {
    const name = 'a'.repeat(57);
    expect(problemsOf({}, { name })).toEqual(only('metadata.name', 'is too long: the generated Job and Service names would exceed 63 characters (at most 56)', name));
  });

  test('accepts a name of exactly 56 characters', () => {
    expect(MAX_NAME_LENGTH).toBe(56);
    expect(problemsOf({}, { name: 'a'.repeat(56) })).toEqual([]);
  });

  test.each(['Checkout', 'check_out', 'a..b', '-a'])('fails when the name %s is not a DNS-1123 subdomain', (name) => {
    expect(problemsOf({}, { name })).toEqual(only('metadata.name', 'must be a DNS-1123 subdomain (lowercase letters, digits, - and .)', name));
  });

  test('fails when the name starts with a digit, which makes the Service name invalid', () => {
    expect(problemsOf({}, { name: '1-load' })).toEqual(only('metadata.name', 'gives the Service name 1-load-master, which is not a DNS-1035 label (it must start with a letter)', '1-load'));
  });

  test('accepts a dotted name, whose generated names are sanitised', () => {
    expect(problemsOf({}, { name: 'shop.checkout.v1' })).toEqual([]);
  });

  test.each(['Load', 'a.b', 'x'.repeat(64), 7])('fails when the namespace %s is not a DNS-1123 label', (namespace) => {
    expect(problemsOf({}, { namespace })).toEqual(only('metadata.namespace', 'must be a DNS-1123 label', namespace));
  });

  test('accepts a 63-character namespace', () => {
    expect(problemsOf({}, { namespace: 'n'.repeat(63) })).toEqual([]);
  });
});

describe('validation: image', () => {
  test.each(['', '   '])('fails when the image is empty (%j)', (image) => {
    expect(problemsOf({ image })).toEqual(only('spec.image', 'must not be empty', image));
  });

  test.each(['locustio/locust 2.43.1', 'locustio/locust:2.43.1\n', '\tlocustio/locust'])('fails when the image %j contains whitespace', (image) => {
    expect(problemsOf({ image })).toEqual(only('spec.image', 'must not contain whitespace', image));
  });
});

describe('validation: webhook rules', () => {
  test('fails when a secret mount is under a reserved path, both paths being reserved without test files', () => {
    const spec = { env: { secretMounts: [{ name: 'a', mountPath: '/lotest/src/secrets' }, { name: 'b', mountPath: '/opt/locust/lib' }] } };
    expect(problemsOf(spec)).toEqual([
      { path: 'spec.env.secretMounts[0].mountPath', message: 'conflicts with the test files mounted at /lotest/src', value: '/lotest/src/secrets', fix: A_FIX },
      { path: 'spec.env.secretMounts[1].mountPath', message: 'conflicts with the test files mounted at /opt/locust/lib', value: '/opt/locust/lib', fix: A_FIX },
    ]);
  });

  test('fails when a volume mount is under a reserved path, with a trailing slash on either side', () => {
    expect(problemsOf({ ...mounted('data', '/opt/locust/lib/') })).toEqual(only('spec.volumeMounts[0].mountPath', 'conflicts with the test files mounted at /opt/locust/lib', '/opt/locust/lib/'));
    expect(problemsOf({ testFiles: { configMapRef: 'f', srcMountPath: '/tests/' }, ...mounted('data', '/tests/data') })).toEqual(only('spec.volumeMounts[0].mountPath', 'conflicts with the test files mounted at /tests/', '/tests/data'));
  });

  test('reserves only the paths of the ConfigMaps that are set', () => {
    expect(problemsOf({ testFiles: { configMapRef: 'f' }, ...mounted('data', '/opt/locust/lib') })).toEqual([]);
    expect(problemsOf({ testFiles: { libConfigMapRef: 'l' }, ...mounted('data', '/lotest/src') })).toEqual([]);
    expect(problemsOf({ testFiles: { libConfigMapRef: 'l' }, ...mounted('data', '/opt/locust/lib/x') })).toEqual(only('spec.volumeMounts[0].mountPath', 'conflicts with the test files mounted at /opt/locust/lib', '/opt/locust/lib/x'));
  });

  test('does not see a conflict between /lotest/src and /lotest/src2', () => {
    expect(pathsConflict('/lotest/src2', '/lotest/src')).toBe(false);
    expect(pathsConflict('/lotest', '/lotest/src')).toBe(true);
    expect(problemsOf({ ...mounted('data', '/lotest/src2') })).toEqual([]);
  });

  test('fails when a volume name uses the secret- prefix', () => {
    expect(problemsOf(mounted('secret-data'))).toEqual(only('spec.volumes[0].name', 'uses the prefix secret- reserved for secret mounts', 'secret-data'));
  });

  test('fails when a volume is named locust-lib', () => {
    expect(problemsOf(mounted('locust-lib'))).toEqual(only('spec.volumes[0].name', 'is reserved for the lib ConfigMap volume', 'locust-lib'));
  });

  test('fails when a volume takes a generated locustfile volume name, compared after sanitising', () => {
    expect(problemsOf(mounted('shop-checkout-worker'), { name: 'shop.checkout' })).toEqual(only('spec.volumes[0].name', 'is the name of a generated locustfile volume', 'shop-checkout-worker'));
    expect(problemsOf(mounted('checkout-master'))).toEqual(only('spec.volumes[0].name', 'is the name of a generated locustfile volume', 'checkout-master'));
  });

  test('fails when a mount references an undefined volume', () => {
    expect(problemsOf({ volumeMounts: [{ name: 'ghost', mountPath: '/ghost' }] })).toEqual(only('spec.volumeMounts[0].name', 'references a volume that spec.volumes does not define', 'ghost'));
  });

  test('fails when OpenTelemetry is enabled without an endpoint', () => {
    const problems = problemsOf({ observability: { openTelemetry: { enabled: true } } });
    expect(problems).toEqual(only('spec.observability.openTelemetry.endpoint', 'is required when OpenTelemetry is enabled', undefined));
    expect(formatProblem(problems[0]).startsWith('spec.observability.openTelemetry.endpoint is required when OpenTelemetry is enabled')).toBe(true);
    expect(problemsOf({ observability: { openTelemetry: { enabled: true, endpoint: '' } } })).toEqual(only('spec.observability.openTelemetry.endpoint', 'is required when OpenTelemetry is enabled', ''));
  });

  test('accepts a disabled OpenTelemetry block without an endpoint', () => {
    expect(problemsOf({ observability: { openTelemetry: { enabled: false } } })).toEqual([]);
  });
});

describe('validation: API-server rules', () => {
  test('fails when a label key is invalid', () => {
    expect(problemsOf({ master: { command: 'x', labels: { 'bad key': 'v' } } })).toEqual(only('spec.master.labels["bad key"]', `is not a valid label key: it ${LABEL_KEY_RULE}`, 'bad key'));
    expect(problemsOf({ worker: { command: 'x', replicas: 1, labels: { 'Example.com/team': 'v' } } })).toEqual(only('spec.worker.labels["Example.com/team"]', 'is not a valid label key: it has a prefix that is not a DNS-1123 subdomain', 'Example.com/team'));
    expect(problemsOf({ master: { command: 'x', labels: { 'a/b/c': 'v' } } })).toEqual(only('spec.master.labels["a/b/c"]', 'is not a valid label key: it must have at most one /', 'a/b/c'));
  });

  test('fails when a label value is invalid', () => {
    expect(problemsOf({ master: { command: 'x', labels: { team: 'has space' } } })).toEqual(only('spec.master.labels["team"]', LABEL_VALUE_RULE, 'has space'));
    expect(problemsOf({ worker: { command: 'x', replicas: 1, labels: { team: 'v'.repeat(64) } } })).toEqual(only('spec.worker.labels["team"]', LABEL_VALUE_RULE, 'v'.repeat(64)));
  });

  test('accepts prefixed keys, 63-character values and empty label values', () => {
    expect(problemsOf({ master: { command: 'x', labels: { 'example.com/team': 'v'.repeat(63), 'empty': '' }, annotations: { 'example.com/note': 'any text at all' } } })).toEqual([]);
  });

  test('fails when an annotation key is invalid', () => {
    expect(problemsOf({ worker: { command: 'x', replicas: 1, annotations: { '-bad': 'x' } } })).toEqual(only('spec.worker.annotations["-bad"]', `is not a valid annotation key: it ${LABEL_KEY_RULE}`, '-bad'));
  });

  test('fails when a nodeSelector key or value is invalid', () => {
    expect(problemsOf({ scheduling: { nodeSelector: { 'pool!': 'load', 'zone': 'eu west' } } })).toEqual([
      { path: 'spec.scheduling.nodeSelector["pool!"]', message: `is not a valid label key: it ${LABEL_KEY_RULE}`, value: 'pool!', fix: A_FIX },
      { path: 'spec.scheduling.nodeSelector["zone"]', message: LABEL_VALUE_RULE, value: 'eu west', fix: A_FIX },
    ]);
  });

  test('fails when an environment variable name is invalid', () => {
    expect(problemsOf({ env: { variables: [{ name: 'OK', value: '1' }, { name: '1BAD', value: '1' }] } })).toEqual(only('spec.env.variables[1].name', 'is not a valid environment variable name', '1BAD'));
  });

  test('accepts dotted and dashed environment variable names', () => {
    expect(problemsOf({ env: { variables: [{ name: 'my.var-1', value: '1' }, { name: '_X' }] } })).toEqual([]);
  });

  test('fails when valueFrom is combined with a non-empty value', () => {
    const variable = { name: 'TOKEN', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } };
    expect(problemsOf({ env: { variables: [variable] } })).toEqual(only('spec.env.variables[0].valueFrom', 'cannot be combined with a non-empty value', 'x'));
  });

  test('accepts valueFrom with an empty value', () => {
    expect(problemsOf({ env: { variables: [{ name: 'TOKEN', value: '', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] } })).toEqual([]);
  });

  test('fails when valueFrom names two sources, or none', () => {
    const two = { name: 'T', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, configMapKeyRef: { name: 'c', key: 'k' } } };
    expect(problemsOf({ env: { variables: [two] } })).toEqual(only('spec.env.variables[0].valueFrom', 'must name exactly one source', ['secretKeyRef', 'configMapKeyRef']));
    expect(problemsOf({ env: { variables: [{ name: 'T', valueFrom: {} }] } })).toEqual(only('spec.env.variables[0].valueFrom', 'must name exactly one source', []));
  });

  test('fails when an envFrom prefix is not a valid variable name', () => {
    expect(problemsOf({ env: { configMapRefs: [{ name: 'c', prefix: '1X_' }], secretRefs: [{ name: 's', prefix: 'OK_' }, { name: 't', prefix: 'A B' }] } })).toEqual([
      { path: 'spec.env.configMapRefs[0].prefix', message: 'is not a valid environment variable name prefix', value: '1X_', fix: A_FIX },
      { path: 'spec.env.secretRefs[1].prefix', message: 'is not a valid environment variable name prefix', value: 'A B', fix: A_FIX },
    ]);
  });

  test('fails when an OpenTelemetry extra variable name is invalid, and only when OpenTelemetry is on', () => {
    const openTelemetry = { endpoint: 'http://c:4317', extraEnvVars: { 'OTEL SERVICE': 'x', 'OTEL_OK': 'y' } };
    expect(problemsOf({ observability: { openTelemetry: { ...openTelemetry, enabled: true } } })).toEqual(only('spec.observability.openTelemetry.extraEnvVars["OTEL SERVICE"]', 'is not a valid environment variable name', 'OTEL SERVICE'));
    expect(problemsOf({ observability: { openTelemetry: { ...openTelemetry, enabled: false } } })).toEqual([]);
  });

  test('fails when a secret mount gives a volume name that is not a DNS-1123 label', () => {
    expect(problemsOf({ env: { secretMounts: [{ name: 'tls.certs', mountPath: '/etc/tls' }] } })).toEqual([
      { path: 'spec.env.secretMounts[0].name', message: 'gives the master pod a volume named secret-tls.certs, which is not a DNS-1123 label', value: 'secret-tls.certs', fix: A_FIX },
      { path: 'spec.env.secretMounts[0].name', message: 'gives the worker pod a volume named secret-tls.certs, which is not a DNS-1123 label', value: 'secret-tls.certs', fix: A_FIX },
    ]);
  });

  test('fails when a user volume name is not a DNS-1123 label, only for the pod it reaches', () => {
    expect(problemsOf({ volumes: [{ name: 'Data', emptyDir: {} }], volumeMounts: [{ name: 'Data', mountPath: '/d', target: 'worker' }] }))
      .toEqual(only('spec.volumes[0].name', 'gives the worker pod a volume named Data, which is not a DNS-1123 label', 'Data'));
  });

  test('fails when two secret mounts of one secret give duplicate volumes, pointing at the second', () => {
    const secretMounts = [{ name: 'api', mountPath: '/etc/a' }, { name: 'api', mountPath: '/etc/b' }];
    expect(problemsOf({ env: { secretMounts } })).toEqual([
      { path: 'spec.env.secretMounts[1].name', message: 'gives the master pod a second volume named secret-api', value: 'secret-api', fix: A_FIX },
      { path: 'spec.env.secretMounts[1].name', message: 'gives the worker pod a second volume named secret-api', value: 'secret-api', fix: A_FIX },
    ]);
  });

  test('fails when two user volumes share a name', () => {
    const spec = { volumes: [{ name: 'd', emptyDir: {} }, { name: 'd', emptyDir: {} }], volumeMounts: [{ name: 'd', mountPath: '/d', target: 'master' }] };
    expect(problemsOf(spec)).toEqual(only('spec.volumes[1].name', 'gives the master pod a second volume named d', 'd'));
  });

  test('fails when a volume has two sources', () => {
    const spec = { volumes: [{ name: 'd', emptyDir: {}, configMap: { name: 'c' } }], volumeMounts: [{ name: 'd', mountPath: '/d' }] };
    expect(problemsOf(spec)).toEqual(only('spec.volumes[0]', 'must have exactly one volume source', ['emptyDir', 'configMap']));
  });

  test('fails when a secret mount takes the mount path of the test files', () => {
    const spec = { testFiles: { configMapRef: 'f' }, env: { secretMounts: [{ name: 's', mountPath: '/lotest/src' }] } };
    expect(problemsOf(spec)).toEqual([
      { path: 'spec.env.secretMounts[0].mountPath', message: 'conflicts with the test files mounted at /lotest/src', value: '/lotest/src', fix: A_FIX },
      { path: 'spec.env.secretMounts[0].mountPath', message: 'is mounted twice in the master container', value: '/lotest/src', fix: A_FIX },
      { path: 'spec.env.secretMounts[0].mountPath', message: 'is mounted twice in the worker container', value: '/lotest/src', fix: A_FIX },
    ]);
  });

  test('fails when two user mounts share a path, pointing at the second', () => {
    const spec = { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }], volumeMounts: [{ name: 'a', mountPath: '/d', target: 'worker' }, { name: 'b', mountPath: '/d', target: 'worker' }] };
    expect(problemsOf(spec)).toEqual(only('spec.volumeMounts[1].mountPath', 'is mounted twice in the worker container', '/d'));
  });

  test('fails when the locustfile and lib ConfigMaps share a mount path, pointing at the lib path', () => {
    const spec = { testFiles: { configMapRef: 'f', libConfigMapRef: 'l', srcMountPath: '/tests', libMountPath: '/tests' } };
    expect(problemsOf(spec)).toEqual([
      { path: 'spec.testFiles.libMountPath', message: 'is mounted twice in the master container', value: '/tests', fix: A_FIX },
      { path: 'spec.testFiles.libMountPath', message: 'is mounted twice in the worker container', value: '/tests', fix: A_FIX },
    ]);
  });

  test.each(['/abs', 'a/../b', '..'])('fails when a subPath is %s', (subPath) => {
    const spec = { volumes: [{ name: 'd', emptyDir: {} }], volumeMounts: [{ name: 'd', mountPath: '/d', subPath }] };
    expect(problemsOf(spec)).toEqual(only('spec.volumeMounts[0].subPath', "must be a relative path without '..'", subPath));
  });

  test('accepts a relative subPath that merely contains dots', () => {
    expect(problemsOf({ volumes: [{ name: 'd', emptyDir: {} }], volumeMounts: [{ name: 'd', mountPath: '/d', subPath: 'a/..b/c' }] })).toEqual([]);
  });

  test('fails when a request is greater than its limit', () => {
    const resources = { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1500m', memory: '1024Mi' } };
    expect(problemsOf({ master: { command: 'x', resources } })).toEqual(only('spec.master.resources.requests["cpu"]', 'must be less than or equal to the cpu limit 1500m', '2'));
  });

  test('fails when two resource claims of a role share a name', () => {
    const resources = { limits: { cpu: '1' }, claims: [{ name: 'gpu' }, { name: 'gpu' }] };
    expect(problemsOf({ worker: { command: 'x', replicas: 1, resources } })).toEqual(only('spec.worker.resources.claims[1].name', 'repeats the name of an earlier claim', 'gpu'));
  });

  test('accepts a request equal to its limit in another spelling, and a request without a limit', () => {
    expect(problemsOf({ worker: { command: 'x', replicas: 1, resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '1000m' } } } })).toEqual([]);
  });

  test('fails when a toleration has an unknown operator', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', operator: 'In', value: 'v' }] } })).toEqual(only('spec.scheduling.tolerations[0].operator', 'must be Exists or Equal', 'In'));
  });

  test('fails when a toleration has a value with operator Exists', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } })).toEqual(only('spec.scheduling.tolerations[0].value', 'must be empty when operator is Exists', 'v'));
  });

  test('fails when a toleration without a key does not use Exists', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ operator: 'Equal', value: 'v' }] } })).toEqual(only('spec.scheduling.tolerations[0].operator', 'must be Exists when key is empty', 'Equal'));
    expect(problemsOf({ scheduling: { tolerations: [{}] } })).toEqual(only('spec.scheduling.tolerations[0].operator', 'must be Exists when key is empty', undefined));
  });

  test('fails when a toleration has an unknown effect', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoRun' }] } })).toEqual(only('spec.scheduling.tolerations[0].effect', 'must be one of NoSchedule, PreferNoSchedule, NoExecute', 'NoRun'));
  });

  test('fails when tolerationSeconds is set without effect NoExecute', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] } })).toEqual(only('spec.scheduling.tolerations[0].tolerationSeconds', 'is only allowed with effect NoExecute', 30));
  });

  test('fails when a toleration key is not a label key', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'bad key', operator: 'Exists' }] } })).toEqual(only('spec.scheduling.tolerations[0].key', `is not a valid label key: it ${LABEL_KEY_RULE}`, 'bad key'));
  });

  test('fails when an Equal toleration value is not a label value', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', value: 'a b', effect: 'NoSchedule' }] } })).toEqual(only('spec.scheduling.tolerations[0].value', LABEL_VALUE_RULE, 'a b'));
  });

  test('accepts valid tolerations: match-all Exists, Equal with a value, NoExecute with seconds', () => {
    const tolerations = [{ operator: 'Exists' }, { key: 'example.com/pool', operator: 'Equal', value: 'load', effect: 'NoSchedule' }, { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }];
    expect(problemsOf({ scheduling: { tolerations } })).toEqual([]);
  });

  test('ignores tolerations when injection is off, because they never reach the pods', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', operator: 'In', effect: 'NoRun' }] } }, { config: { tolerationsInjection: false } })).toEqual([]);
  });
});

describe('validation: reporting', () => {
  test('reports several problems of different rules together', () => {
    const spec = {
      master: { command: 'x', labels: { 'bad key': 'v' } },
      env: { variables: [{ name: '1BAD' }] },
      volumeMounts: [{ name: 'ghost', mountPath: '/ghost' }],
      observability: { openTelemetry: { enabled: true } },
    };
    expect(problemsOf(spec).map((p) => p.path)).toEqual([
      'spec.volumeMounts[0].name',
      'spec.observability.openTelemetry.endpoint',
      'spec.master.labels["bad key"]',
      'spec.env.variables[0].name',
    ]);
  });

  test('fails with the schema\'s problems alone when the spec\'s shape is wrong, without running the rules that read it', () => {
    // GIVEN a valid name and volumes that are not a list
    const problems = problemsOf({ volumes: 'data', volumeMounts: [{ name: 'ghost', mountPath: '/ghost' }] });

    // THEN only the schema speaks, about the volumes
    expect(problems.map((p) => p.path)).toEqual(['spec.volumes']);
  });

  test('reports metadata and schema problems together, and stops before the rules that need a valid shape', () => {
    const problems = validateLocustTest('Bad_Name', undefined, minimalSpecJson({ worker: { command: 'x', replicas: 0 } }), resolveOperatorConfig(), ObservabilityMode.METRICS_EXPORTER);
    expect(problems[0]).toMatchObject({ path: 'metadata.name', value: 'Bad_Name' });
    expect(problems.some((p) => p.path === 'spec.worker.replicas')).toBe(true);
  });

  test('fails when synthesizing an invalid test, with one line per problem', () => {
    const build = () => synthChart((chart) => LocustTest.fromObject(chart, 'checkout', {
      name: 'checkout',
      spec: minimalSpecJson({ env: { secretMounts: [{ name: 'api', mountPath: '/etc/a' }, { name: 'api', mountPath: '/etc/b' }] } }),
      operatorConfig: { metricsExporter: { port: 0 } },
    }));
    expect(build).toThrow(/operatorConfig\.metricsExporter\.port must be a port number between 1 and 65535 \(got 0\)/);
    expect(build).toThrow(/spec\.env\.secretMounts\[1\]\.name gives the master pod a second volume named secret-api \(got "secret-api"\)/);
  });
});

describe('validation: what each rule reads', () => {
  test('fails when the name is missing, without running the rules that need it', () => {
    // GIVEN no name and a spec that would break a rule
    const problems = problemsOf({ volumeMounts: [{ name: 'ghost', mountPath: '/ghost' }] }, { name: undefined });

    // THEN the name alone is reported
    expect(problems).toEqual(only('metadata.name', 'is required', undefined));
  });

  test('fails when the namespace is a list, as a YAML document can write it', () => {
    expect(problemsOf({}, { namespace: ['load-tests'] })).toEqual(only('metadata.namespace', 'must be a DNS-1123 label', ['load-tests']));
  });

  test('fails when a volume mount with a trailing slash holds the test files\' path', () => {
    expect(problemsOf(mounted('data', '/lotest/'))).toEqual(only('spec.volumeMounts[0].mountPath', 'conflicts with the test files mounted at /lotest/src', '/lotest/'));
  });

  test('accepts an observability block without OpenTelemetry', () => {
    expect(problemsOf({ observability: {} })).toEqual([]);
  });

  test('reports invalid label keys and values in key order, whatever the order they were written in', () => {
    // GIVEN bad keys and bad values written out of order
    const labels = { 'z key': 'v', 'a key': 'v', 'zone': 'eu west', 'pool': 'big pool' };

    // THEN the problems of each kind come sorted by key
    expect(problemsOf({ master: { command: 'x', labels } }).map((p) => p.path)).toEqual([
      'spec.master.labels["a key"]', 'spec.master.labels["z key"]', 'spec.master.labels["pool"]', 'spec.master.labels["zone"]',
    ]);
  });

  test('reports invalid OpenTelemetry extra variable names in name order', () => {
    const openTelemetry = { enabled: true, endpoint: 'http://c:4317', extraEnvVars: { 'Z VAR': 'x', 'A VAR': 'y' } };
    expect(problemsOf({ observability: { openTelemetry } }).map((p) => p.path)).toEqual([
      'spec.observability.openTelemetry.extraEnvVars["A VAR"]', 'spec.observability.openTelemetry.extraEnvVars["Z VAR"]',
    ]);
  });

  test('accepts valueFrom whose other sources are left undefined, as a typed spec leaves them', () => {
    const variable = { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, configMapKeyRef: undefined } };
    expect(problemsOf({ env: { variables: [variable] } })).toEqual([]);
  });

  test('accepts an empty envFrom prefix', () => {
    expect(problemsOf({ env: { configMapRefs: [{ name: 'c', prefix: '' }] } })).toEqual([]);
  });

  test('fails when an Exists toleration has a value, with that problem alone even when the value is no label value', () => {
    expect(problemsOf({ scheduling: { tolerations: [{ key: 'k', operator: 'Exists', value: 'a b' }] } })).toEqual(only('spec.scheduling.tolerations[0].value', 'must be empty when operator is Exists', 'a b'));
  });
});

describe('validation: which field a repeated volume or mount points at', () => {
  test('fails when a user volume is not a DNS-1123 label, pointing at it past the secret mounts', () => {
    // GIVEN a secret mount, then a user volume with an invalid name
    const spec = { env: { secretMounts: [{ name: 'api', mountPath: '/etc/api' }] }, volumes: [{ name: 'Data', emptyDir: {} }], volumeMounts: [{ name: 'Data', mountPath: '/d', target: 'master' }] };

    // THEN the problem names the user volume
    expect(problemsOf(spec)).toEqual(only('spec.volumes[0].name', 'gives the master pod a volume named Data, which is not a DNS-1123 label', 'Data'));
  });

  test('fails when a volume repeats the lib ConfigMap volume, pointing at the user volume', () => {
    const spec = { testFiles: { configMapRef: 'f', libConfigMapRef: 'l' }, env: { variables: [{ name: 'PYTHONPATH', value: '/opt/locust/lib' }] }, ...mounted('locust-lib') };
    expect(problemsOf(spec)).toEqual([
      { path: 'spec.volumes[0].name', message: 'is reserved for the lib ConfigMap volume', value: 'locust-lib', fix: A_FIX },
      { path: 'spec.volumes[0].name', message: 'gives the master pod a second volume named locust-lib', value: 'locust-lib', fix: A_FIX },
      { path: 'spec.volumes[0].name', message: 'gives the worker pod a second volume named locust-lib', value: 'locust-lib', fix: A_FIX },
    ]);
  });

  test('fails when a secret mount repeats the locustfile volume\'s name, pointing at the secret mount in the pod the user volume of that name does not reach', () => {
    // GIVEN a test named secret-a, whose master locustfile volume is secret-a-master, a secret mount a-master,
    // and a user volume secret-a-master mounted in the worker only, beside a volume mounted in both
    const spec = {
      testFiles: { configMapRef: 'f' },
      env: { secretMounts: [{ name: 'a-master', mountPath: '/etc/a' }] },
      volumes: [{ name: 'secret-a-master', emptyDir: {} }, { name: 'data', emptyDir: {} }],
      volumeMounts: [{ name: 'secret-a-master', mountPath: '/w', target: 'worker' }, { name: 'data', mountPath: '/data' }],
    };

    // THEN the master's repeat points at the secret mount, the worker's at the user volume
    expect(problemsOf(spec, { name: 'secret-a' }).filter((p) => p.message.includes('second volume'))).toEqual([
      { path: 'spec.env.secretMounts[0].name', message: 'gives the master pod a second volume named secret-a-master', value: 'secret-a-master', fix: A_FIX },
      { path: 'spec.volumes[0].name', message: 'gives the worker pod a second volume named secret-a-master', value: 'secret-a-master', fix: A_FIX },
    ]);
  });

  test('fails when the locustfile, lib and a secret share a mount path, pointing at each repeat', () => {
    const spec = { testFiles: { configMapRef: 'f', libConfigMapRef: 'l', srcMountPath: '/tests', libMountPath: '/tests' }, env: { variables: [{ name: 'PYTHONPATH', value: '/tests' }], secretMounts: [{ name: 's', mountPath: '/tests' }] } };
    expect(problemsOf(spec).filter((p) => p.message === 'is mounted twice in the master container').map((p) => p.path)).toEqual(['spec.testFiles.libMountPath', 'spec.env.secretMounts[0].mountPath']);
  });

  test('fails when two secrets share a mount path beside the test files, pointing at the second', () => {
    const spec = { testFiles: { configMapRef: 'f', libConfigMapRef: 'l' }, env: { variables: [{ name: 'PYTHONPATH', value: '/opt/locust/lib' }], secretMounts: [{ name: 'a', mountPath: '/etc/s' }, { name: 'b', mountPath: '/etc/s' }] } };
    expect(problemsOf(spec)).toEqual([
      { path: 'spec.env.secretMounts[1].mountPath', message: 'is mounted twice in the master container', value: '/etc/s', fix: A_FIX },
      { path: 'spec.env.secretMounts[1].mountPath', message: 'is mounted twice in the worker container', value: '/etc/s', fix: A_FIX },
    ]);
  });

  test('fails when two user mounts share a path, pointing at the second, past secrets and mounts elsewhere or in the other pod', () => {
    // GIVEN secrets and a mount at other paths, a worker mount at /d, and two master mounts at /d
    const spec = {
      env: { secretMounts: [{ name: 'a', mountPath: '/etc/a' }, { name: 'b', mountPath: '/etc/b' }] },
      volumes: [{ name: 'e', emptyDir: {} }, { name: 'w', emptyDir: {} }, { name: 'm1', emptyDir: {} }, { name: 'm2', emptyDir: {} }],
      volumeMounts: [{ name: 'e', mountPath: '/e' }, { name: 'w', mountPath: '/d', target: 'worker' }, { name: 'm1', mountPath: '/d', target: 'master' }, { name: 'm2', mountPath: '/d', target: 'master' }],
    };

    // THEN the master's repeat is the fourth mount
    expect(problemsOf(spec)).toEqual(only('spec.volumeMounts[3].mountPath', 'is mounted twice in the master container', '/d'));
  });
});
