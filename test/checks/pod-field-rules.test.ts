/*
 * Mutants of src/checks/pod-field-rules.ts that no test can kill, because nothing a user can
 * observe changes:
 * - `?? []` made `?? ["Stryker was here"]` for an absent list (line 20, spec.volumes; 85,
 *   resources.claims; 220 and 221, env.secretMounts and volumeMounts; 240, env.variables): the
 *   one element is a string, whose fields are all undefined, so it draws no problem.
 * - line 79, `limit !== undefined` made `true`: a request without a limit is then compared with
 *   quantityValue(undefined), which is NaN, and no number is greater than NaN.
 * - line 144, `name === ''` made `false` (or `''` made another string): an empty name is no
 *   DNS-1123 subdomain either, so the same problem follows, with the same message.
 * - Guards for fields the CRD schema requires, which podFieldProblems never sees absent (the
 *   schema check runs first): line 201, a projected file's path not a string (`typeof` made
 *   false, and its `return []`); line 247, a key selector's key; line 335, `?.` on a weighted
 *   term's podAffinityTerm; line 377, `typeof weight` made false; line 382, a topology key not a
 *   string (`typeof` made false, and its `return []`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { LocustTest } from '../../src/construct/locust-test';
import { annotationsSizeProblems, MAX_ANNOTATIONS_BYTES, podFieldProblems } from '../../src/checks/pod-field-rules';
import { DEFAULT_OPERATOR_CONFIG } from '../../src/operator/operator-config';
import { SpecJson } from '../../src/spec/spec';
import { minimalSpecJson } from '../fixtures';

/**
 * Objects the API server refuses although the CRD schema takes them: each must fail `validate`
 * (and synth, which runs the same checks) with the field, the value and a fix.
 */
let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-pod-rules-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Spec = Record<string, any>;

function baseSpec(): Spec {
  return {
    image: 'locustio/locust:2.43.1',
    master: { command: '-f /lotest/src/a.py' },
    worker: { command: '-f /lotest/src/a.py', replicas: 2 },
  };
}

function configMapVolume(extra: Record<string, unknown>): Spec {
  return {
    volumes: [{ name: 'settings', configMap: { name: 'settings', ...extra } }],
    volumeMounts: [{ name: 'settings', mountPath: '/etc/settings' }],
  };
}

/** `validate` on one LocustTest (and an operator configuration, if given): status and lines. */
function validate(spec: Spec, operatorConfig?: Record<string, unknown>): { status: number; lines: string[] } {
  const input = join(work, 'test.yaml');
  writeFileSync(input, stringify({ apiVersion: 'locust.io/v2', kind: 'LocustTest', metadata: { name: 'shop', namespace: 'load' }, spec }));
  const args = ['validate', input];
  if (operatorConfig) {
    const config = join(work, 'config.yaml');
    writeFileSync(config, stringify(operatorConfig));
    args.push('--operator-config', config);
  }
  const result = dispatch(args);
  return { status: result.status, lines: result.stderr.trimEnd().split('\n').map((line) => line.replace(/^[^:]*: (LocustTest shop: )?/, '')) };
}

const cases: [string, Spec, string][] = [
  ['a negative memory limit', { master: { ...baseSpec().master, resources: { limits: { memory: '-1Gi' } } } }, 'spec.master.resources.limits["memory"] must not be negative (got "-1Gi"); drop the minus sign, e.g. 1Gi'],
  ['a negative cpu limit', { worker: { ...baseSpec().worker, resources: { limits: { cpu: '-1' } } } }, 'spec.worker.resources.limits["cpu"] must not be negative (got "-1")'],
  ['a negative emptyDir size', { volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '-1Gi' } }], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }, 'spec.volumes[0].emptyDir.sizeLimit must not be negative (got "-1Gi")'],
  ['a GPU count that is not whole', { master: { ...baseSpec().master, resources: { limits: { 'nvidia.com/gpu': '1.5' } } } }, 'spec.master.resources.limits["nvidia.com/gpu"] must be a whole number: an extended resource cannot be split (got "1.5"); use a whole number, e.g. 2'],
  ['an extended-resource request other than its limit', { master: { ...baseSpec().master, resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } } } }, 'spec.master.resources.requests["nvidia.com/gpu"] must equal the nvidia.com/gpu limit 2: nvidia.com/gpu cannot be overcommitted (got "1")'],
  ['an extended-resource request without a limit', { master: { ...baseSpec().master, resources: { requests: { 'nvidia.com/gpu': '1' } } } }, 'spec.master.resources.requests["nvidia.com/gpu"] needs a limit: nvidia.com/gpu cannot be overcommitted (got "1"); set spec.master.resources.limits["nvidia.com/gpu"] to "1" as well'],
  ['a misspelt resource name', { master: { ...baseSpec().master, resources: { limits: { memmory: '1Gi' } } } }, 'spec.master.resources.limits["memmory"] is not a resource a container can request (got "memmory"); did you mean memory? use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu'],
  ['a negative user id', { security: { podSecurityContext: { runAsUser: -1 } } }, 'spec.security.podSecurityContext.runAsUser must be a user id between 0 and 2147483647 (got -1); use the user id the image runs as, e.g. 1000'],
  ['an fsGroup past 2^31-1', { security: { podSecurityContext: { fsGroup: 10000000000 } } }, 'spec.security.podSecurityContext.fsGroup must be a group id between 0 and 2147483647 (got 10000000000)'],
  ['a container group id below 0', { security: { containerSecurityContext: { runAsGroup: -5 } } }, 'spec.security.containerSecurityContext.runAsGroup must be a group id between 0 and 2147483647 (got -5)'],
  ['empty nodeSelectorTerms', { scheduling: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } } }, 'spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms must have at least one node selector term (got [])'],
  ['In without values', { scheduling: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In' }] }] } } } } }, 'spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values must not be empty with the operator In (got [])'],
  ['an item path leaving the volume', configMapVolume({ items: [{ key: 'a', path: '../x' }] }), "spec.volumes[0].configMap.items[0].path must not contain '..': the file must stay inside the volume (got \"../x\")"],
  ['an absolute item path', configMapVolume({ items: [{ key: 'a', path: '/etc/x' }] }), 'spec.volumes[0].configMap.items[0].path must be a relative path: the file is written inside the volume (got "/etc/x")'],
  ['a defaultMode past 0777', configMapVolume({ defaultMode: 4096 }), 'spec.volumes[0].configMap.defaultMode must be a file mode between 0 and 0777 (decimal 511) (got 4096)'],
  ['an item mode past 0777', configMapVolume({ items: [{ key: 'a', path: 'a', mode: 1000 }] }), 'spec.volumes[0].configMap.items[0].mode must be a file mode between 0 and 0777 (decimal 511) (got 1000)'],
  ['a sysctl name with a space', { security: { podSecurityContext: { sysctls: [{ name: 'bad sysctl', value: '1' }] } } }, 'spec.security.podSecurityContext.sysctls[0].name is not a sysctl name'],
  ['pod annotations over 256 KiB', { master: { ...baseSpec().master, annotations: { 'example.com/blob': 'x'.repeat(300 * 1024) } } }, 'spec.master.annotations hold 307216 bytes of keys and values, more than the 256 KiB the API server accepts on one object'],
  ['a 10 MB image name, over what the command line reads', { image: `locustio/locust:${'x'.repeat(10 * 1024 * 1024)}` }, 'more than the 8 MiB the command line reads in one run'],
  ['a 1.6 MB command', { master: { command: `-f /lotest/src/a.py --tags ${'a'.repeat(1_600_000)}` } }, 'spec.master.command makes Job shop-master'],
];

const affinity = (value: Record<string, unknown>): Spec => ({ scheduling: { affinity: value } });
const required = (term: Record<string, unknown>) => affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } });
const mounted = (volume: Record<string, unknown>): Spec => ({ volumes: [{ name: 'v', ...volume }], volumeMounts: [{ name: 'v', mountPath: '/v' }] });

/** The siblings of the cases above: the same rules on the other fields that take them. */
const siblings: [string, Spec, string][] = [
  ['a negative ephemeral volume request', mounted({ ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '-1Gi' } } } } } }), 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests["storage"] must not be negative'],
  ['an extended resource name with two slashes', { master: { ...baseSpec().master, resources: { limits: { 'example.com/gpu/big': '1' } } } }, 'spec.master.resources.limits["example.com/gpu/big"] is not a valid extended resource name: it must have at most one /'],
  ['a Kubernetes-domain resource name', { master: { ...baseSpec().master, resources: { limits: { 'kubernetes.io/gpu': '1' } } } }, 'spec.master.resources.limits["kubernetes.io/gpu"] is not a resource a container can request'],
  ['a huge pages request other than its limit', { master: { ...baseSpec().master, resources: { requests: { 'hugepages-2Mi': '100Mi', memory: '1Gi' }, limits: { 'hugepages-2Mi': '200Mi', memory: '1Gi' } } } }, 'spec.master.resources.requests["hugepages-2Mi"] must equal the hugepages-2Mi limit 200Mi: hugepages-2Mi cannot be overcommitted (got "100Mi")'],
  ['a ConfigMap volume without a name', mounted({ configMap: { name: '' } }), 'spec.volumes[0].configMap.name is required'],
  ['a Secret volume named with capitals', mounted({ secret: { secretName: 'Certs' } }), 'spec.volumes[0].secret.secretName must be a DNS-1123 subdomain, the name of an object (got "Certs")'],
  ['a claim volume without a claim name', mounted({ persistentVolumeClaim: { claimName: '' } }), 'spec.volumes[0].persistentVolumeClaim.claimName is required'],
  ['a host path with ..', mounted({ hostPath: { path: '/var/../etc' } }), "spec.volumes[0].hostPath.path must not contain '..'"],
  ['a secretKeyRef without a name', { env: { variables: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password' } } }] } }, 'spec.env.variables[0].valueFrom.secretKeyRef.name is required'],
  ['a configMapKeyRef key with a slash', { env: { variables: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'c', key: 'a/b' } } }] } }, 'spec.env.variables[0].valueFrom.configMapKeyRef.key is not a valid key'],
  ['a fieldRef to a field the downward API does not offer', { env: { variables: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIp' } } }] } }, 'did you mean status.podIP?'],
  ['a supplemental group below 0', { security: { podSecurityContext: { supplementalGroups: [1000, -1] } } }, 'spec.security.podSecurityContext.supplementalGroups[1] must be a group id between 0 and 2147483647 (got -1)'],
  ['a sysctl set twice', { security: { podSecurityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1' }, { name: 'net.core.somaxconn', value: '2' }] } } }, 'spec.security.podSecurityContext.sysctls[1].name repeats a sysctl set earlier in the list (got "net.core.somaxconn")'],
  ['an empty item key of a secret', mounted({ secret: { secretName: 's', items: [{ key: '', path: 'a' }] } }), 'spec.volumes[0].secret.items[0].key must not be empty'],
  ['a downwardAPI path leaving the volume', mounted({ downwardAPI: { items: [{ path: '..', fieldRef: { fieldPath: 'metadata.name' } }] } }), "spec.volumes[0].downwardAPI.items[0].path must not contain '..'"],
  ['a downwardAPI defaultMode past 0777', mounted({ downwardAPI: { defaultMode: 1024 } }), 'spec.volumes[0].downwardAPI.defaultMode must be a file mode between 0 and 0777'],
  ['a projected ConfigMap path that is absolute', mounted({ projected: { sources: [{ configMap: { name: 'c', items: [{ key: 'a', path: '/a' }] } }] } }), 'spec.volumes[0].projected.sources[0].configMap.items[0].path must be a relative path'],
  ['a projected downwardAPI mode below 0', mounted({ projected: { sources: [{ downwardAPI: { items: [{ path: 'a', mode: -1, fieldRef: { fieldPath: 'metadata.name' } }] } }] } }), 'spec.volumes[0].projected.sources[0].downwardAPI.items[0].mode must be a file mode between 0 and 0777'],
  ['a projected token path that is empty', mounted({ projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: '' } }] } }), 'spec.volumes[0].projected.sources[0].serviceAccountToken.path must not be empty'],
  ['a node selector operator that does not exist', required({ matchExpressions: [{ key: 'pool', operator: 'in', values: ['a'] }] }), 'nodeSelectorTerms[0].matchExpressions[0].operator must be one of DoesNotExist, Exists, Gt, In, Lt, NotIn (got "in"); did you mean In?'],
  ['Exists with values', required({ matchExpressions: [{ key: 'pool', operator: 'Exists', values: ['a'] }] }), 'nodeSelectorTerms[0].matchExpressions[0].values must be empty with the operator Exists'],
  ['Gt with a word', required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['many'] }] }), 'nodeSelectorTerms[0].matchExpressions[0].values must be one whole number with the operator Gt'],
  ['a node label key with two slashes', required({ matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] }), 'nodeSelectorTerms[0].matchExpressions[0].key is not a valid label key'],
  ['an In value that is not a label value', required({ matchExpressions: [{ key: 'pool', operator: 'In', values: ['no spaces'] }] }), 'nodeSelectorTerms[0].matchExpressions[0].values[0] is not a valid label value'],
  ['a matchFields key other than metadata.name', required({ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['n1'] }] }), 'nodeSelectorTerms[0].matchFields[0].key must be metadata.name'],
  ['a matchFields operator other than In or NotIn', required({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }), 'nodeSelectorTerms[0].matchFields[0].operator must be In or NotIn'],
  ['a matchFields list of two nodes', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1', 'n2'] }] }), 'nodeSelectorTerms[0].matchFields[0].values must hold exactly one node name'],
  ['a preferred node term weight of 0', affinity({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } }), 'spec.scheduling.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight must be between 1 and 100 (got 0)'],
  ['a pod anti-affinity term without a topology key', affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '', labelSelector: {} }] } }), 'spec.scheduling.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey must not be empty'],
  ['an empty volume mount path', { volumes: [{ name: 'v', emptyDir: {} }], volumeMounts: [{ name: 'v', mountPath: '' }] }, 'spec.volumeMounts[0].mountPath must not be empty: the API server requires a mount path (got ""); give the absolute path to mount at, e.g. /data'],
  ['an empty secret mount path', { env: { secretMounts: [{ name: 'certs', mountPath: '' }] } }, 'spec.env.secretMounts[0].mountPath must not be empty'],
  ['a weighted pod affinity term with a bad topology key', affinity({ podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { topologyKey: 'a b' } }] } }), 'spec.scheduling.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight must be between 1 and 100 (got 101)'],
];

describe('what the API server refuses in the pods', () => {
  test.each(siblings)('fails when the spec has %s', (_, change, expected) => {
    const { status, lines } = validate({ ...baseSpec(), ...change });
    expect(status).toBe(1);
    expect(lines).toContainEqual(expect.stringContaining(expected));
  });

  test('leaves the affinity unchecked when the operator does not inject it', () => {
    const spec = { ...baseSpec(), ...affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }) };
    expect(validate(spec, { ENABLE_AFFINITY_CR_INJECTION: 'false' })).toEqual({ status: 0, lines: [''] });
  });

  test.each(cases)('fails when the spec has %s', (_, change, expected) => {
    // GIVEN a valid spec with one field the API server would refuse
    const spec = { ...baseSpec(), ...change };

    // WHEN it is validated
    const { status, lines } = validate(spec);

    // THEN validate fails with one line naming the field, the value and the fix
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringContaining(expected)]);
  });

  test('fails when an image name makes both Jobs larger than an object may be', () => {
    const { status, lines } = validate({ ...baseSpec(), image: `locustio/locust:${'x'.repeat(2 * 1024 * 1024)}` });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^spec\.image makes Job shop-master \d+ bytes, more than the 1\.5 MiB an object may have \(etcd's request limit\) \(got "2097168 characters"\); shorten it, or move large text into a ConfigMap the test mounts$/),
      expect.stringMatching(/^spec\.image makes Job shop-worker \d+ bytes/),
    ]);
  });

  test('fails when an operator setting is a negative quantity', () => {
    const { status, lines } = validate(baseSpec(), { POD_MEM_LIMIT: '-5Gi' });
    expect(status).toBe(1);
    expect(lines).toEqual(['POD_MEM_LIMIT must not be negative (got "-5Gi"); drop the minus sign, e.g. 5Gi']);
  });

  test('accepts the edges of each range', () => {
    const spec = {
      ...baseSpec(),
      master: { ...baseSpec().master, resources: { requests: { 'nvidia.com/gpu': '2', cpu: '0' }, limits: { 'nvidia.com/gpu': 2, 'hugepages-2Mi': '0' } } },
      env: { variables: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }, { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } }] },
      security: { podSecurityContext: { runAsUser: 0, fsGroup: 2147483647, sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'kernel/shm_rmid_forced', value: '1' }] } },
      ...configMapVolume({ defaultMode: 0o777, items: [{ key: 'a', path: 'conf/a..b', mode: 0 }] }),
      scheduling: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }] } } } },
    };
    expect(validate(spec)).toEqual({ status: 0, lines: [''] });
  });

  test('fails at synth too, on the construct path', () => {
    // GIVEN a test in a chart with a negative memory limit
    const app = new App();
    new LocustTest(new Chart(app, 'load'), 'checkout', { name: 'checkout', spec: { ...baseSpec(), master: { ...baseSpec().master, resources: { limits: { memory: '-1Gi' } } } } as any });

    // WHEN the app is synthesized THEN the same line stops it
    expect(() => app.synth()).toThrow('[load/checkout] spec.master.resources.limits["memory"] must not be negative (got "-1Gi")');
  });
});

describe('podFieldProblems: every problem in full, fixes included', () => {
  const problemsOf = (extra: Spec, config = DEFAULT_OPERATOR_CONFIG) => podFieldProblems(minimalSpecJson(extra) as SpecJson, config);
  const problem = (path: string, message: string, value: unknown, fix: string) => ({ path, message, value, fix });
  const RESOURCE_NAMES = 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu';
  const MODE_FIX = 'write it in octal in YAML, e.g. 0644 (decimal 420), or 0755 (493)';
  const MODE = 'must be a file mode between 0 and 0777 (decimal 511)';
  const LOCAL_FIX = 'give a path relative to the mount, such as config/settings.py';

  test('names each resource problem of a container with the fix, limits before requests, names in byte order', () => {
    // GIVEN a master whose limits and requests break every rule once
    const problems = problemsOf({ master: { command: '-f /lotest/src/a.py', resources: {
      limits: { 'memmory': '1Gi', 'example.com/gpu/big': '1', 'nvidia.com/gpu': '1.5', 'cpu': '-1' },
      requests: { 'cpu': '2', 'example.com/fpga': '1', 'hugepages-2Mi': '100Mi' },
      claims: [{ name: 'a' }, { name: 'a' }],
    } } });

    // THEN each problem names the field, the value and the fix
    const at = (field: string, name: string) => `spec.master.resources.${field}[${JSON.stringify(name)}]`;
    expect(problems).toEqual([
      problem(at('limits', 'cpu'), 'must not be negative', '-1', 'drop the minus sign, e.g. 1'),
      problem(at('limits', 'example.com/gpu/big'), 'is not a valid extended resource name: it must have at most one /', 'example.com/gpu/big', RESOURCE_NAMES),
      problem(at('limits', 'memmory'), 'is not a resource a container can request', 'memmory', `did you mean memory? ${RESOURCE_NAMES}`),
      problem(at('limits', 'nvidia.com/gpu'), 'must be a whole number: an extended resource cannot be split', '1.5', 'use a whole number, e.g. 2'),
      problem(at('requests', 'cpu'), 'must be less than or equal to the cpu limit -1', '2', `lower the request or raise ${at('limits', 'cpu')}`),
      problem(at('requests', 'example.com/fpga'), 'needs a limit: example.com/fpga cannot be overcommitted', '1', `set ${at('limits', 'example.com/fpga')} to "1" as well`),
      problem(at('requests', 'hugepages-2Mi'), 'needs a limit: hugepages-2Mi cannot be overcommitted', '100Mi', `set ${at('limits', 'hugepages-2Mi')} to "100Mi" as well`),
      problem('spec.master.resources.claims[1].name', 'repeats the name of an earlier claim', 'a', 'give every claim its own name'),
    ]);
  });

  test('checks the worker\'s resources as the master\'s, and an overcommitted resource in full', () => {
    expect(problemsOf({ worker: { command: '-f /lotest/src/a.py', replicas: 1, resources: { limits: { 'cpu': '1', 'nvidia.com/gpu': 2 }, requests: { 'cpu': '1500m', 'nvidia.com/gpu': 1 } } } })).toEqual([
      problem('spec.worker.resources.requests["cpu"]', 'must be less than or equal to the cpu limit 1', '1500m', 'lower the request or raise spec.worker.resources.limits["cpu"]'),
      problem('spec.worker.resources.requests["nvidia.com/gpu"]', 'must equal the nvidia.com/gpu limit 2: nvidia.com/gpu cannot be overcommitted', 1, 'set the request and the limit to the same number, or drop the request (it defaults to the limit)'),
    ]);
  });

  test('takes requests equal to their limits, requests without limits, and a whole extended resource', () => {
    expect(problemsOf({ master: { command: '-f /lotest/src/a.py', resources: {
      limits: { 'cpu': '500m', 'nvidia.com/gpu': '1', 'hugepages-1Gi': '2Gi' },
      requests: { 'cpu': '0.5', 'memory': '1Gi', 'nvidia.com/gpu': 1, 'hugepages-1Gi': '2Gi' },
    } } })).toEqual([]);
  });

  test('does not compare a misspelt or negative request with its limit: its own problem says enough', () => {
    expect(problemsOf({ master: { command: '-f /lotest/src/a.py', resources: { limits: { cpu: '1', memmory: '1Gi' }, requests: { cpu: '-2', memmory: '2Gi' } } } }).map((p) => p.path)).toEqual([
      'spec.master.resources.limits["memmory"]', 'spec.master.resources.requests["cpu"]', 'spec.master.resources.requests["memmory"]',
    ]);
  });

  test('names each volume problem with the fix', () => {
    // GIVEN one volume of each kind with its problems
    const problems = problemsOf({ volumes: [
      { name: 'a', configMap: { name: 'Bad', defaultMode: 512, items: [{ key: '', path: '', mode: -1 }] } },
      { name: 'b', secret: { items: [{ key: 'k', path: 'a/../b' }] } },
      { name: 'c', persistentVolumeClaim: { claimName: 'x_y' } },
      { name: 'd', hostPath: { path: '../x' } },
      { name: 'e', downwardAPI: { defaultMode: -1, items: [{ path: '/abs', mode: 999 }] } },
      { name: 'f', projected: { defaultMode: 1000, sources: [{ secret: { items: [{ key: '', path: '..x' }] } }, { serviceAccountToken: { path: '/t' } }] } },
      { name: 'g', ephemeral: { volumeClaimTemplate: { spec: { resources: { limits: { storage: '-1Gi' } } } } } },
    ] });

    // THEN every one names its field, its value and how to fix it
    expect(problems).toEqual([
      problem('spec.volumes[0].configMap.name', 'must be a DNS-1123 subdomain, the name of an object', 'Bad', 'name the ConfigMap to mount'),
      problem('spec.volumes[0].configMap.defaultMode', MODE, 512, MODE_FIX),
      problem('spec.volumes[0].configMap.items[0].key', 'must not be empty', '', 'name the key of the ConfigMap or Secret to project'),
      problem('spec.volumes[0].configMap.items[0].path', 'must not be empty', '', LOCAL_FIX),
      problem('spec.volumes[0].configMap.items[0].mode', MODE, -1, MODE_FIX),
      problem('spec.volumes[1].secret.secretName', 'is required', undefined, 'name the Secret to mount'),
      problem('spec.volumes[1].secret.items[0].path', "must not contain '..': the file must stay inside the volume", 'a/../b', LOCAL_FIX),
      problem('spec.volumes[2].persistentVolumeClaim.claimName', 'must be a DNS-1123 subdomain, the name of an object', 'x_y', 'name the PersistentVolumeClaim to mount'),
      problem('spec.volumes[3].hostPath.path', "must not contain '..'", '../x', 'give the path on the node without ..'),
      problem('spec.volumes[4].downwardAPI.defaultMode', MODE, -1, MODE_FIX),
      problem('spec.volumes[4].downwardAPI.items[0].path', 'must be a relative path: the file is written inside the volume', '/abs', LOCAL_FIX),
      problem('spec.volumes[4].downwardAPI.items[0].mode', MODE, 999, MODE_FIX),
      problem('spec.volumes[5].projected.defaultMode', MODE, 1000, MODE_FIX),
      problem('spec.volumes[5].projected.sources[0].secret.items[0].key', 'must not be empty', '', 'name the key of the ConfigMap or Secret to project'),
      problem('spec.volumes[5].projected.sources[0].secret.items[0].path', "must not contain '..': the file must stay inside the volume", '..x', LOCAL_FIX),
      problem('spec.volumes[5].projected.sources[1].serviceAccountToken.path', 'must be a relative path: the file is written inside the volume', '/t', LOCAL_FIX),
      problem('spec.volumes[6].ephemeral.volumeClaimTemplate.spec.resources.limits["storage"]', 'must not be negative', '-1Gi', 'drop the minus sign, e.g. 1Gi'),
    ]);
  });

  test('takes file names with dots inside, modes at the bounds and a host path without ..', () => {
    expect(problemsOf({ volumes: [
      { name: 'a', configMap: { name: 'settings.v1', defaultMode: 0, items: [{ key: 'a.b', path: 'conf/..a', mode: 511 }] } },
      { name: 'b', projected: { sources: [{ configMap: { name: 'c', items: [{ key: 'k', path: 'x..' }] } }, { downwardAPI: { items: [{ path: 'labels' }] } }, { serviceAccountToken: { path: 'token' } }] } },
      { name: 'c', hostPath: { path: '/var/..log' } },
      { name: 'd', emptyDir: { sizeLimit: '1Gi' } },
    ] })).toEqual([]);
  });

  test('names each environment source problem with the fix', () => {
    const problems = problemsOf({ env: { variables: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: '', key: 'x'.repeat(254) } } },
      { name: 'B', valueFrom: { secretKeyRef: { key: 'a b' } } },
      { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
    ], secretMounts: [{ name: 's', mountPath: '' }] } });
    const from = (i: number) => `spec.env.variables[${i}].valueFrom`;
    const KEY = 'is not a valid key: letters, digits, -, _ and . only';
    expect(problems).toEqual([
      problem('spec.env.secretMounts[0].mountPath', 'must not be empty: the API server requires a mount path', '', 'give the absolute path to mount at, e.g. /data'),
      problem(`${from(0)}.configMapKeyRef.name`, 'is required', '', 'name the ConfigMap that holds the value'),
      problem(`${from(0)}.configMapKeyRef.key`, KEY, 'x'.repeat(254), 'give the key as it is in the object, e.g. password'),
      problem(`${from(1)}.secretKeyRef.name`, 'is required', undefined, 'name the Secret that holds the value'),
      problem(`${from(1)}.secretKeyRef.key`, KEY, 'a b', 'give the key as it is in the object, e.g. password'),
      problem(`${from(2)}.fieldRef.fieldPath`, "is not a pod field an environment variable can read (metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, metadata.labels['KEY'], metadata.annotations['KEY'])", 'metadata.labels', 'did you mean metadata.name? use one of those fields'),
    ]);
  });

  test('takes a key of 253 characters, every pod field and a label or annotation by key', () => {
    const fields = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs', "metadata.labels['team']", "metadata.annotations['example.com/owner']"];
    expect(problemsOf({ env: { variables: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'x'.repeat(253) } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: '.a-b_c' } } },
      ...fields.map((fieldPath, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath } } })),
    ] } })).toEqual([]);
  });

  test('refuses a label path without a key', () => {
    expect(problemsOf({ env: { variables: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.labels['']" } } }] } }).map((p) => p.path)).toEqual(['spec.env.variables[0].valueFrom.fieldRef.fieldPath']);
  });

  test('names each security context problem with the fix', () => {
    const problems = problemsOf({ security: {
      podSecurityContext: { runAsGroup: -1, supplementalGroups: [2147483648], sysctls: [{ name: 'a'.repeat(254) }, { name: 'net.core.x' }, { name: 'net.core.x' }, { name: 'Bad' }] },
      containerSecurityContext: { runAsUser: 2147483648 },
    } });
    const SYSCTL = 'is not a sysctl name: lowercase letters, digits, - and _ in segments separated by . or /, at most 253 characters';
    const SYSCTL_FIX = 'use the kernel parameter as sysctl names it, e.g. net.ipv4.ip_local_port_range';
    expect(problems).toEqual([
      problem('spec.security.podSecurityContext.runAsGroup', 'must be a group id between 0 and 2147483647', -1, 'use the group id the image runs as, e.g. 1000'),
      problem('spec.security.podSecurityContext.supplementalGroups[0]', 'must be a group id between 0 and 2147483647', 2147483648, 'use the group id the image runs as, e.g. 1000'),
      problem('spec.security.containerSecurityContext.runAsUser', 'must be a user id between 0 and 2147483647', 2147483648, 'use the user id the image runs as, e.g. 1000'),
      problem('spec.security.podSecurityContext.sysctls[0].name', SYSCTL, 'a'.repeat(254), SYSCTL_FIX),
      problem('spec.security.podSecurityContext.sysctls[2].name', 'repeats a sysctl set earlier in the list', 'net.core.x', 'set every sysctl once'),
      problem('spec.security.podSecurityContext.sysctls[3].name', SYSCTL, 'Bad', SYSCTL_FIX),
    ]);
  });

  test('takes ids at the bounds and sysctl names of 253 characters or in slash form', () => {
    expect(problemsOf({ security: {
      podSecurityContext: { runAsUser: 2147483647, runAsGroup: 0, fsGroup: 0, supplementalGroups: [0, 2147483647], sysctls: [{ name: `a.${'b'.repeat(251)}` }, { name: 'net/ipv4/conf/eth0.1/forwarding' }, { name: 'a' }] },
      containerSecurityContext: { runAsUser: 0, runAsGroup: 2147483647 },
    } })).toEqual([]);
  });

  test.each([['-a'], ['a-'], ['a..b'], ['.a'], ['a.']])('refuses the sysctl name %j', (name) => {
    expect(problemsOf({ security: { podSecurityContext: { sysctls: [{ name }] } } }).map((p) => p.value)).toEqual([name]);
  });

  test('names each affinity problem with the fix', () => {
    // GIVEN node and pod affinity terms with every kind of problem
    const problems = problemsOf({ scheduling: { affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'pool', operator: 'NotIn' }, { key: 'pool', operator: 'DoesNotExist', values: ['a'] }, { key: 'n', operator: 'Lt', values: ['1', '2'] },
            { key: 'n', operator: 'Gt', values: ['-3'] }, { key: '-bad', operator: 'Exists' }, { key: 'p', operator: 'Lt', values: ['x y'] },
          ],
          matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['Node_1'] }, { key: 'metadata.name', operator: 'In', values: [] }],
        }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'a', operator: 'Foo' }] } }, { weight: 1 }],
      },
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'a/b/c' }, { topologyKey: 'kubernetes.io/hostname' }],
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: '' } }],
      },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: '-x' } }] },
    } } });

    // THEN each names its field, its value and the fix
    const term = 'spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]';
    const LABEL_KEY = 'is not a valid label key: it must be 63 characters or fewer, start and end with a letter or digit, and contain only letters, digits, -, _ and .';
    const TOPOLOGY_FIX = 'use a node label that names a domain, e.g. kubernetes.io/hostname';
    expect(problems).toEqual([
      problem(`${term}.matchExpressions[0].values`, 'must not be empty with the operator NotIn', [], 'list the label values to match, or use Exists'),
      problem(`${term}.matchExpressions[1].values`, 'must be empty with the operator DoesNotExist', ['a'], 'drop the values, or use In'),
      problem(`${term}.matchExpressions[2].values`, 'must be one whole number with the operator Lt', ['1', '2'], 'give one value such as "4"'),
      problem(`${term}.matchExpressions[4].key`, LABEL_KEY, '-bad', 'use a node label key, e.g. node-pool or topology.kubernetes.io/zone'),
      problem(`${term}.matchExpressions[5].values`, 'must be one whole number with the operator Lt', ['x y'], 'give one value such as "4"'),
      problem(`${term}.matchFields[0].values`, 'must hold exactly one node name', ['Node_1'], 'give one node name, or use matchExpressions'),
      problem(`${term}.matchFields[1].values`, 'must hold exactly one node name', [], 'give one node name, or use matchExpressions'),
      problem('spec.scheduling.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].operator', 'must be one of DoesNotExist, Exists, Gt, In, Lt, NotIn', 'Foo', 'use In with a list of values, or Exists'),
      problem('spec.scheduling.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'is not a valid label key: it must have at most one /', 'a/b/c', TOPOLOGY_FIX),
      problem('spec.scheduling.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', 'must be between 1 and 100', 0, 'use a weight from 1 to 100'),
      problem('spec.scheduling.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', 'must not be empty', '', TOPOLOGY_FIX),
      problem('spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', LABEL_KEY, '-x', TOPOLOGY_FIX),
    ]);
  });

  test('names the matchFields key and operator in full', () => {
    const term = 'spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]';
    expect(problemsOf(required({ matchFields: [{ key: 'metadata.uid', operator: 'Gt', values: ['1'] }] }))).toEqual([
      problem(`${term}.key`, 'must be metadata.name, the one node field a pod can select on', 'metadata.uid', 'use matchExpressions for node labels'),
      problem(`${term}.operator`, 'must be In or NotIn', 'Gt', 'use In with the node name'),
    ]);
  });

  test('takes every operator used as it should be, and a weight of 1 or 100', () => {
    expect(problemsOf(affinity({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'pool', operator: 'In', values: ['a', 'b'] }, { key: 'pool', operator: 'NotIn', values: ['c'] },
            { key: 'gpu', operator: 'Exists' }, { key: 'spot', operator: 'DoesNotExist', values: [] },
            { key: 'cores', operator: 'Gt', values: ['-4'] }, { key: 'cores', operator: 'Lt', values: ['64'] },
          ],
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }, { key: 'metadata.name', operator: 'NotIn', values: ['node-2'] }],
        }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }, { weight: 100, preference: {} }],
      },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'zone' } }] },
    }))).toEqual([]);
  });

  test('reads no affinity when the operator does not inject it', () => {
    expect(problemsOf(affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }), { ...DEFAULT_OPERATOR_CONFIG, affinityInjection: false })).toEqual([]);
    expect(problemsOf(affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } }))).toEqual([
      problem('spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', 'must have at least one node selector term', [], 'add a term with matchExpressions, or drop requiredDuringSchedulingIgnoredDuringExecution'),
    ]);
  });
});

describe('podFieldProblems: the edges the rules above leave open', () => {
  const problemsOf = (extra: Spec) => podFieldProblems(minimalSpecJson(extra) as SpecJson, DEFAULT_OPERATOR_CONFIG);
  const masterResources = (resources: Spec) => ({ master: { command: '-f /lotest/src/a.py', resources } });

  test('refuses a quota name (requests.<domain>/<name>) as a container resource', () => {
    expect(problemsOf(masterResources({ limits: { 'requests.example.com/gpu': '1' } }))).toEqual([{
      path: 'spec.master.resources.limits["requests.example.com/gpu"]', message: 'is not a resource a container can request', value: 'requests.example.com/gpu',
      fix: 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu',
    }]);
  });

  test('lists the requests that need a limit in byte order of their names, whatever order they were written in', () => {
    expect(problemsOf(masterResources({ requests: { 'hugepages-2Mi': '1Gi', 'example.com/fpga': '1' } })).map((p) => p.path)).toEqual([
      'spec.master.resources.requests["example.com/fpga"]', 'spec.master.resources.requests["hugepages-2Mi"]',
    ]);
  });

  test('asks a request of 0 of an extended resource for its limit, and says only that a negative one is negative', () => {
    expect(problemsOf(masterResources({ requests: { 'nvidia.com/gpu': 0 } })).map((p) => p.message)).toEqual(['needs a limit: nvidia.com/gpu cannot be overcommitted']);
    expect(problemsOf(masterResources({ requests: { 'nvidia.com/gpu': '-1' } })).map((p) => p.message)).toEqual(['must not be negative']);
  });

  test('lists the negative quantities of an ephemeral volume in byte order of their names', () => {
    const volume = { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '-1Gi', 'example.com/quota': '-1' } } } } } };
    expect(problemsOf({ volumes: [volume] }).map((p) => p.path)).toEqual([
      'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests["example.com/quota"]',
      'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests["storage"]',
    ]);
    expect(problemsOf({ volumes: [{ ...volume, ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '1Gi' }, limits: { storage: '2Gi' } } } } } }] })).toEqual([]);
  });

  test.each([['a1'], ['1a'], ['1.5']])('refuses %j as the number of Gt', (value) => {
    expect(problemsOf(required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: [value] }] })).map((p) => p.message)).toEqual(['must be one whole number with the operator Gt']);
  });

  test('does not read the value of Gt as a label value: its one problem is that it is no number', () => {
    expect(problemsOf(required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['x y'] }] })).map((p) => p.message)).toEqual(['must be one whole number with the operator Gt']);
  });

  test('names a value of In that is no label value, with the fix', () => {
    expect(problemsOf(required({ matchExpressions: [{ key: 'pool', operator: 'In', values: ['a', 'no spaces'] }] }))).toEqual([{
      path: 'spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[1]',
      message: 'is not a valid label value', value: 'no spaces', fix: 'use the value of the node label',
    }]);
  });
});

describe('annotationsSizeProblems', () => {
  test('takes annotations of exactly 256 KiB of keys and values', () => {
    expect(annotationsSizeProblems({ a: 'x'.repeat(MAX_ANNOTATIONS_BYTES - 1) }, 'spec.master.annotations')).toEqual([]);
  });

  test('fails one byte over, with the size, the count and the fix', () => {
    expect(annotationsSizeProblems({ a: 'x'.repeat(MAX_ANNOTATIONS_BYTES - 1), b: '' }, 'spec.master.annotations')).toEqual([{
      path: 'spec.master.annotations',
      message: 'hold 262145 bytes of keys and values, more than the 256 KiB the API server accepts on one object',
      value: '2 annotations',
      fix: 'move large values into a ConfigMap and keep a short reference in the annotation',
    }]);
  });

  test('counts bytes, not characters', () => {
    expect(annotationsSizeProblems({ a: 'é'.repeat(MAX_ANNOTATIONS_BYTES / 2) }, 'x').map((p) => p.message)).toEqual([expect.stringMatching(/^hold 262145 bytes/)]);
  });
});

describe('podFieldProblems: quantities that are not negative', () => {
  test('draw no problem at all from a sized emptyDir or an ephemeral claim', () => {
    // GIVEN volumes whose quantities are all 0 or more
    const problems = podFieldProblems(minimalSpecJson({ volumes: [
      { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'claim', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '0' }, limits: { storage: '2Gi' } } } } } },
    ] }) as SpecJson, DEFAULT_OPERATOR_CONFIG);

    // THEN the list is empty: no entry, not even an undefined one, which the report could not print
    expect(problems).toHaveLength(0);
  });
});
