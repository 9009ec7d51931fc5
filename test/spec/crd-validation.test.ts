import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { validateSpecAgainstCrd } from '../../src/spec/crd-validation';
import crd from '../../src/spec/generated/locusttest-crd.json';
import { Problem } from '../../src/core/problems';
import { minimalSpecJson } from '../fixtures';

type Json = Record<string, any>;

/** The smallest spec the schema accepts: the shared minimal spec, a fresh copy each time. */
function validSpec(): Json {
  return structuredClone(minimalSpecJson());
}

/** The minimal spec with `change` applied to it. */
function specWith(change: (spec: Json) => void): Json {
  const spec = validSpec();
  change(spec);
  return spec;
}

/** Path and message of every problem, the parts each failure test pins down. */
function summary(problems: Problem[]): Array<{ path: string; message: string }> {
  return problems.map(({ path: p, message }) => ({ path: p, message }));
}

function expectOnlyProblem(spec: unknown, expected: { path: string; message: string }): Problem {
  const problems = validateSpecAgainstCrd(spec);
  expect(summary(problems)).toEqual([expected]);
  return problems[0];
}

/** A realistic spec that uses every field of the schema at least once. */
function fullSpec(): Json {
  return {
    image: 'registry.example.com/locust-otel:2.43.4',
    imagePullPolicy: 'Always',
    imagePullSecrets: [{ name: 'registry-credentials' }],
    master: {
      command: '--locustfile /lotest/src/checkout.py --host https://shop.example.com',
      resources: {
        requests: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': 1073741824 },
        limits: { cpu: 1, memory: '1Gi' },
        claims: [{ name: 'gpu', request: 'small' }],
      },
      labels: { team: 'checkout', 'app.kubernetes.io/part-of': 'load-tests' },
      annotations: { 'prometheus.io/scrape': 'true' },
      autostart: true,
      autoquit: { enabled: true, timeout: 120 },
      extraArgs: ['--run-time', '10m'],
    },
    worker: {
      command: '--locustfile /lotest/src/checkout.py --host https://shop.example.com',
      replicas: 20,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      labels: { team: 'checkout' },
      annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' },
      extraArgs: ['--loglevel', 'INFO'],
    },
    testFiles: {
      configMapRef: 'checkout-locustfile',
      libConfigMapRef: 'checkout-lib',
      srcMountPath: '/lotest/src',
      libMountPath: '/opt/locust/lib',
    },
    scheduling: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-pool', operator: 'In', values: ['load'] }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }] } },
          ],
        },
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'shop' } }, topologyKey: 'topology.kubernetes.io/zone', matchLabelKeys: ['pod-template-hash'] },
          ],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['worker'] }] },
                namespaceSelector: {},
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'load', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      runtimeClassName: 'gvisor',
    },
    env: {
      configMapRefs: [{ name: 'shop-settings', prefix: 'SHOP_' }],
      secretRefs: [{ name: 'shop-credentials' }],
      variables: [
        { name: 'TARGET_HOST', value: 'https://shop.example.com' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'shop-settings', key: 'log-level', optional: true } } },
        { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'shop-credentials', key: 'token' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'SEED', valueFrom: { fileKeyRef: { volumeName: 'seed-data', path: 'seed.env', key: 'SEED', optional: false } } },
      ],
      secretMounts: [{ name: 'client-tls', mountPath: '/etc/locust/tls', readOnly: true }],
    },
    volumes: [
      { name: 'results', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'seed-data', configMap: { name: 'seed-data', items: [{ key: 'seed.env', path: 'seed.env', mode: 0o444 }], defaultMode: 0o644 } },
      { name: 'ca', secret: { secretName: 'shop-ca', optional: true } },
      { name: 'reports', persistentVolumeClaim: { claimName: 'reports', readOnly: false } },
      { name: 'host-certs', hostPath: { path: '/etc/ssl/certs', type: 'Directory' } },
      { name: 'datasets', image: { reference: 'registry.example.com/datasets:2024-06', pullPolicy: 'IfNotPresent' } },
      {
        name: 'identity',
        projected: {
          sources: [
            { serviceAccountToken: { audience: 'shop', expirationSeconds: 3600, path: 'token' } },
            { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          ],
        },
      },
      {
        name: 'scratch',
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { labels: { purpose: 'scratch' } },
            spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
          },
        },
      },
    ],
    volumeMounts: [
      { name: 'results', mountPath: '/results', target: 'master' },
      { name: 'seed-data', mountPath: '/seed', readOnly: true, target: 'both' },
      { name: 'ca', mountPath: '/etc/ssl/shop', target: 'worker' },
      { name: 'datasets', mountPath: '/data', subPath: 'v1' },
    ],
    security: {
      podSecurityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        fsGroup: 2000,
        seccompProfile: { type: 'RuntimeDefault' },
        supplementalGroups: [3000],
        sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }],
      },
      containerSecurityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/locust.json' },
      },
    },
    observability: {
      openTelemetry: {
        enabled: true,
        endpoint: 'otel-collector.monitoring:4317',
        protocol: 'grpc',
        insecure: true,
        extraEnvVars: { OTEL_SERVICE_NAME: 'checkout-load', OTEL_METRIC_EXPORT_INTERVAL: '5000' },
      },
    },
  };
}

/** The shapes of the operator's published v2 samples (basic, env, OpenTelemetry, security, volumes, production). */
const OPERATOR_SAMPLE_SHAPES: Record<string, Json> = {
  basic: {
    image: 'locustio/locust:2.43.1',
    imagePullPolicy: 'IfNotPresent',
    master: {
      command: '--locustfile /lotest/src/locustfile.py',
      autostart: true,
      autoquit: { enabled: true, timeout: 60 },
      labels: { role: 'master' },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
    },
    worker: {
      command: '--locustfile /lotest/src/locustfile.py',
      replicas: 5,
      labels: { role: 'worker' },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    },
    testFiles: { configMapRef: 'my-locust-tests' },
    scheduling: { nodeSelector: { 'workload-type': 'testing' } },
  },
  env: {
    image: 'locustio/locust:2.20.0',
    master: { command: '--locustfile /lotest/src/locustfile.py' },
    worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
    testFiles: { configMapRef: 'locust-scripts' },
    env: {
      configMapRefs: [{ name: 'app-config', prefix: 'APP_' }],
      secretRefs: [{ name: 'api-credentials' }],
      variables: [
        { name: 'TARGET_HOST', value: 'https://api.example.com' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'log-level' } } },
      ],
      secretMounts: [{ name: 'tls-certs', mountPath: '/etc/locust/certs', readOnly: true }],
    },
  },
  openTelemetry: {
    image: 'locustio/locust:2.32.0',
    master: { command: '--locustfile /lotest/src/locustfile.py --host https://example.com' },
    worker: { command: '--locustfile /lotest/src/locustfile.py --host https://example.com', replicas: 3 },
    testFiles: { configMapRef: 'locust-scripts' },
    observability: {
      openTelemetry: {
        enabled: true,
        endpoint: 'otel-collector.monitoring:4317',
        protocol: 'grpc',
        insecure: true,
        extraEnvVars: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' },
      },
    },
  },
  security: {
    image: 'locustio/locust:2.43.1',
    master: { command: '--locustfile /lotest/src/locustfile.py' },
    worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 3 },
    testFiles: { configMapRef: 'locust-scripts' },
    security: {
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  },
  volumes: {
    image: 'locustio/locust:2.20.0',
    master: { command: '--locustfile /lotest/src/locustfile.py' },
    worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
    testFiles: { configMapRef: 'locust-scripts' },
    volumes: [
      { name: 'test-results', emptyDir: {} },
      { name: 'shared-data', emptyDir: {} },
      { name: 'custom-certs', secret: { secretName: 'tls-certificates' } },
    ],
    volumeMounts: [
      { name: 'test-results', mountPath: '/results', target: 'master' },
      { name: 'shared-data', mountPath: '/shared', target: 'both' },
      { name: 'custom-certs', mountPath: '/etc/ssl/custom', readOnly: true, target: 'worker' },
    ],
  },
  production: {
    image: 'locustio/locust:2.43.1',
    imagePullPolicy: 'IfNotPresent',
    master: {
      command: '--locustfile /lotest/src/locustfile.py',
      autostart: true,
      autoquit: { enabled: true, timeout: 60 },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
      labels: { role: 'master', component: 'load-test-orchestrator' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8089' },
    },
    worker: {
      command: '--locustfile /lotest/src/locustfile.py',
      replicas: 10,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      labels: { role: 'worker', component: 'load-generator' },
      annotations: { 'prometheus.io/scrape': 'false' },
    },
    testFiles: { configMapRef: 'my-locust-tests' },
    scheduling: {
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchLabels: { 'performance-test-name': 'production-load-test', role: 'worker' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
    },
  },
};

describe('validateSpecAgainstCrd: valid specs', () => {
  test('accepts the minimal spec', () => {
    // GIVEN image, master command, worker command and replicas
    // WHEN / THEN
    expect(validateSpecAgainstCrd(validSpec())).toEqual([]);
  });

  test('accepts a realistic spec that uses every feature, including a fileKeyRef variable and an image volume', () => {
    expect(validateSpecAgainstCrd(fullSpec())).toEqual([]);
  });

  test.each(Object.keys(OPERATOR_SAMPLE_SHAPES))('accepts the shape of the operator sample %s', (name) => {
    expect(validateSpecAgainstCrd(OPERATOR_SAMPLE_SHAPES[name])).toEqual([]);
  });

  test('accepts a required field that the schema defaults, as the API server fills it in first', () => {
    // GIVEN autoquit and openTelemetry without their required, defaulted `enabled`
    const spec = specWith((s) => {
      s.master.autoquit = { timeout: 30 };
      s.observability = { openTelemetry: { endpoint: 'collector:4317' } };
    });
    // WHEN / THEN
    expect(validateSpecAgainstCrd(spec)).toEqual([]);
  });

  test('leaves the input untouched when it fills in defaults', () => {
    const spec = specWith((s) => (s.master.autoquit = {}));
    const before = JSON.stringify(spec);
    validateSpecAgainstCrd(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  test('accepts quantities written as integers and strings, and the empty runtimeClassName', () => {
    const spec = specWith((s) => {
      s.worker.resources = { limits: { cpu: 2, memory: '1.5Gi' }, requests: { cpu: '+0.5', memory: '1e9' } };
      s.scheduling = { runtimeClassName: '' };
    });
    expect(validateSpecAgainstCrd(spec)).toEqual([]);
  });

  test('accepts any content in an ephemeral volume template metadata, which the schema leaves open', () => {
    const spec = specWith((s) => {
      s.volumes = [{ name: 'v', ephemeral: { volumeClaimTemplate: { metadata: { anything: [1] }, spec: {} } } }];
    });
    expect(validateSpecAgainstCrd(spec)).toEqual([]);
  });
});

describe('validateSpecAgainstCrd: required fields', () => {
  test.each([
    ['spec.image', (s: Json) => delete s.image],
    ['spec.master', (s: Json) => delete s.master],
    ['spec.worker', (s: Json) => delete s.worker],
    ['spec.master.command', (s: Json) => delete s.master.command],
    ['spec.worker.command', (s: Json) => delete s.worker.command],
    ['spec.worker.replicas', (s: Json) => delete s.worker.replicas],
  ])('fails when %s is missing', (missing, change) => {
    // GIVEN a spec without the field
    const spec = specWith(change);
    // WHEN
    const problem = expectOnlyProblem(spec, { path: missing, message: 'is required' });
    // THEN the problem names the field, has no value and says what to do
    expect('value' in problem).toBe(false);
    expect(problem.fix).toBe(`set ${missing}`);
  });

  test.each([
    ['spec.env.configMapRefs[0].name', (s: Json) => (s.env = { configMapRefs: [{ prefix: 'APP_' }] })],
    ['spec.env.secretRefs[0].name', (s: Json) => (s.env = { secretRefs: [{ prefix: 'APP_' }] })],
    ['spec.env.secretMounts[0].name', (s: Json) => (s.env = { secretMounts: [{ mountPath: '/etc/tls' }] })],
    ['spec.env.secretMounts[0].mountPath', (s: Json) => (s.env = { secretMounts: [{ name: 'tls' }] })],
    ['spec.env.variables[0].name', (s: Json) => (s.env = { variables: [{ value: 'x' }] })],
    ['spec.volumes[0].name', (s: Json) => (s.volumes = [{ emptyDir: {} }])],
    ['spec.volumeMounts[0].name', (s: Json) => (s.volumeMounts = [{ mountPath: '/data' }])],
    ['spec.volumeMounts[0].mountPath', (s: Json) => (s.volumeMounts = [{ name: 'data' }])],
    ['spec.master.resources.claims[0].name', (s: Json) => (s.master.resources = { claims: [{ request: 'gpu' }] })],
  ])('fails when %s is missing', (missing, change) => {
    expectOnlyProblem(specWith(change), { path: missing, message: 'is required' });
  });
});

describe('validateSpecAgainstCrd: embedded Kubernetes types', () => {
  test('fails when a pod affinity term has no topologyKey', () => {
    const spec = specWith((s) => {
      s.scheduling = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {} }] } } };
    });
    expectOnlyProblem(spec, {
      path: 'spec.scheduling.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      message: 'is required',
    });
  });

  test('fails when a required node affinity has no nodeSelectorTerms', () => {
    const spec = specWith((s) => {
      s.scheduling = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } };
    });
    expectOnlyProblem(spec, {
      path: 'spec.scheduling.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
      message: 'is required',
    });
  });

  test('fails when a seccompProfile has no type', () => {
    const spec = specWith((s) => (s.security = { podSecurityContext: { seccompProfile: { localhostProfile: 'p.json' } } }));
    expectOnlyProblem(spec, { path: 'spec.security.podSecurityContext.seccompProfile.type', message: 'is required' });
  });

  test('fails when a persistentVolumeClaim volume has no claimName', () => {
    const spec = specWith((s) => (s.volumes = [{ name: 'data', persistentVolumeClaim: { readOnly: true } }]));
    expectOnlyProblem(spec, { path: 'spec.volumes[0].persistentVolumeClaim.claimName', message: 'is required' });
  });

  test('fails when a hostPath volume has no path', () => {
    const spec = specWith((s) => (s.volumes = [{ name: 'host', hostPath: { type: 'Directory' } }]));
    expectOnlyProblem(spec, { path: 'spec.volumes[0].hostPath.path', message: 'is required' });
  });

  test('fails when a configMapKeyRef has no key', () => {
    const spec = specWith((s) => (s.env = { variables: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm' } } }] }));
    expectOnlyProblem(spec, { path: 'spec.env.variables[0].valueFrom.configMapKeyRef.key', message: 'is required' });
  });

  test('fails when a fileKeyRef has no volumeName', () => {
    const spec = specWith((s) => (s.env = { variables: [{ name: 'A', valueFrom: { fileKeyRef: { path: 'a.env', key: 'A' } } }] }));
    expectOnlyProblem(spec, { path: 'spec.env.variables[0].valueFrom.fileKeyRef.volumeName', message: 'is required' });
  });

  test('fails when a sysctl has neither name nor value', () => {
    const spec = specWith((s) => (s.security = { podSecurityContext: { sysctls: [{}] } }));
    expect(summary(validateSpecAgainstCrd(spec))).toEqual([
      { path: 'spec.security.podSecurityContext.sysctls[0].name', message: 'is required' },
      { path: 'spec.security.podSecurityContext.sysctls[0].value', message: 'is required' },
    ]);
  });

  test('fails when a toleration has a wrong type', () => {
    const spec = specWith((s) => (s.scheduling = { tolerations: [{ key: 'a', tolerationSeconds: '30' }] }));
    expectOnlyProblem(spec, { path: 'spec.scheduling.tolerations[0].tolerationSeconds', message: 'must be an integer' });
  });
});

describe('validateSpecAgainstCrd: bounds, enums and patterns', () => {
  test.each([
    [0, 'must be at least 1'],
    [501, 'must be at most 500'],
  ])('fails when spec.worker.replicas is %s', (replicas, message) => {
    const problem = expectOnlyProblem(specWith((s) => (s.worker.replicas = replicas)), { path: 'spec.worker.replicas', message });
    expect(problem.value).toBe(replicas);
    expect(problem.fix).toBe('set spec.worker.replicas between 1 and 500');
  });

  test('fails when spec.imagePullPolicy is not a Kubernetes pull policy', () => {
    const problem = expectOnlyProblem(
      specWith((s) => (s.imagePullPolicy = 'Sometimes')),
      { path: 'spec.imagePullPolicy', message: 'must be one of Always, IfNotPresent, Never' },
    );
    expect(problem.value).toBe('Sometimes');
    expect(problem.fix).toBe('set spec.imagePullPolicy to one of Always, IfNotPresent, Never');
  });

  test('fails when spec.master.autoquit.timeout is negative', () => {
    const problem = expectOnlyProblem(
      specWith((s) => (s.master.autoquit = { enabled: true, timeout: -1 })),
      { path: 'spec.master.autoquit.timeout', message: 'must be at least 0' },
    );
    expect(problem.fix).toBe('set spec.master.autoquit.timeout to 0 or more');
  });

  test('fails when spec.master.autoquit.timeout does not fit in an int32', () => {
    expectOnlyProblem(
      specWith((s) => (s.master.autoquit = { timeout: 2 ** 31 })),
      { path: 'spec.master.autoquit.timeout', message: 'must fit in a 32-bit integer' },
    );
  });

  test('fails when an int64 field is beyond 64 bits', () => {
    expectOnlyProblem(
      specWith((s) => (s.security = { podSecurityContext: { runAsUser: 2 ** 64 } })),
      { path: 'spec.security.podSecurityContext.runAsUser', message: 'must fit in a 64-bit integer' },
    );
  });

  test('fails when the OpenTelemetry protocol is http', () => {
    expectOnlyProblem(
      specWith((s) => (s.observability = { openTelemetry: { enabled: true, protocol: 'http' } })),
      { path: 'spec.observability.openTelemetry.protocol', message: 'must be one of grpc, http/protobuf' },
    );
  });

  test('fails when a volume mount target is not master, worker or both', () => {
    expectOnlyProblem(
      specWith((s) => (s.volumeMounts = [{ name: 'data', mountPath: '/data', target: 'all' }])),
      { path: 'spec.volumeMounts[0].target', message: 'must be one of master, worker, both' },
    );
  });

  test('fails when spec.scheduling.runtimeClassName is not a DNS-1123 subdomain', () => {
    const problem = expectOnlyProblem(
      specWith((s) => (s.scheduling = { runtimeClassName: 'gVisor_Sandbox' })),
      { path: 'spec.scheduling.runtimeClassName', message: 'must be empty or a DNS-1123 subdomain' },
    );
    expect(problem.value).toBe('gVisor_Sandbox');
    expect(problem.fix).toMatch(/^set spec\.scheduling\.runtimeClassName to lowercase letters/);
  });

  test('fails when spec.scheduling.runtimeClassName is 254 characters long', () => {
    const problem = expectOnlyProblem(
      specWith((s) => (s.scheduling = { runtimeClassName: 'a'.repeat(254) })),
      { path: 'spec.scheduling.runtimeClassName', message: 'must be at most 253 characters' },
    );
    expect(problem.fix).toBe('shorten spec.scheduling.runtimeClassName to 253 characters or fewer');
  });

  test('fails twice, sorted by message, when spec.scheduling.runtimeClassName is too long and malformed', () => {
    const spec = specWith((s) => (s.scheduling = { runtimeClassName: 'A'.repeat(254) }));
    expect(summary(validateSpecAgainstCrd(spec))).toEqual([
      { path: 'spec.scheduling.runtimeClassName', message: 'must be at most 253 characters' },
      { path: 'spec.scheduling.runtimeClassName', message: 'must be empty or a DNS-1123 subdomain' },
    ]);
  });

  test('fails when a resource quantity is not a quantity', () => {
    const problem = expectOnlyProblem(
      specWith((s) => (s.master.resources = { limits: { cpu: '1 core' } })),
      { path: 'spec.master.resources.limits.cpu', message: 'is not a valid quantity (e.g. 500m, 1Gi)' },
    );
    expect(problem.value).toBe('1 core');
  });

  test('fails once, not once per alternative, when a quantity is neither an integer nor a string', () => {
    expectOnlyProblem(
      specWith((s) => (s.worker.resources = { requests: { memory: true } })),
      { path: 'spec.worker.resources.requests.memory', message: 'is not a valid quantity (e.g. 500m, 1Gi)' },
    );
  });

  test('fails when an emptyDir sizeLimit is not a quantity', () => {
    expectOnlyProblem(
      specWith((s) => (s.volumes = [{ name: 'v', emptyDir: { sizeLimit: '1GB' } }])),
      { path: 'spec.volumes[0].emptyDir.sizeLimit', message: 'is not a valid quantity (e.g. 500m, 1Gi)' },
    );
  });
});

describe('validateSpecAgainstCrd: wrong JSON types and nulls', () => {
  test.each([
    ['spec.worker.replicas', 'must be an integer', (s: Json) => (s.worker.replicas = '5'), '5'],
    ['spec.worker.replicas', 'must be an integer', (s: Json) => (s.worker.replicas = 2.5), 2.5],
    ['spec.image', 'must be a string', (s: Json) => (s.image = 42), 42],
    ['spec.master.autostart', 'must be a boolean (true or false)', (s: Json) => (s.master.autostart = 'yes'), 'yes'],
    ['spec.master.extraArgs', 'must be a list', (s: Json) => (s.master.extraArgs = '--run-time 1m'), '--run-time 1m'],
    ['spec.master.extraArgs[1]', 'must be a string', (s: Json) => (s.master.extraArgs = ['--run-time', 60]), 60],
    ['spec.master.labels.role', 'must be a string', (s: Json) => (s.master.labels = { role: 1 }), 1],
    ['spec.master.labels["app.kubernetes.io/name"]', 'must be a string', (s: Json) => (s.master.labels = { 'app.kubernetes.io/name': false }), false],
    ['spec.scheduling.tolerations', 'must be a list', (s: Json) => (s.scheduling = { tolerations: { key: 'a' } }), { key: 'a' }],
    ['spec.worker', 'must be an object', (s: Json) => (s.worker = [3]), [3]],
  ])('fails when %s has the wrong type (%s)', (field, message, change, value) => {
    const problem = expectOnlyProblem(specWith(change), { path: field, message });
    expect(problem.value).toEqual(value);
  });

  test('fails with the type problem only when a mistyped value also misses an enum', () => {
    expectOnlyProblem(specWith((s) => (s.imagePullPolicy = 7)), { path: 'spec.imagePullPolicy', message: 'must be a string' });
  });

  test.each([
    ['spec.image', 'must be a string', (s: Json) => (s.image = null)],
    ['spec.master', 'must be an object', (s: Json) => (s.master = null)],
    ['spec.imagePullPolicy', 'must be a string', (s: Json) => (s.imagePullPolicy = null)],
    ['spec.env.variables[0].valueFrom', 'must be an object', (s: Json) => (s.env = { variables: [{ name: 'A', valueFrom: null }] })],
  ])('fails when %s is null', (field, message, change) => {
    const problem = expectOnlyProblem(specWith(change), { path: field, message });
    expect(problem.value).toBeNull();
  });

  test.each([null, 'spec', 42, true, []])('fails when the spec itself is %j', (spec) => {
    const problem = expectOnlyProblem(spec, { path: 'spec', message: 'must be an object' });
    expect(problem.fix).toBe('set spec to an object');
  });
});

describe('validateSpecAgainstCrd: unknown fields', () => {
  test('fails when the master has an unknown field', () => {
    const problem = expectOnlyProblem(
      specWith((s) => (s.master.foo = 'bar')),
      { path: 'spec.master.foo', message: 'is not a known field' },
    );
    expect(problem.value).toBe('bar');
    expect(problem.fix).toBe('remove spec.master.foo');
  });

  test('fails when the spec has a misspelled top-level field', () => {
    expectOnlyProblem(specWith((s) => (s.imagePullPolicies = 'Always')), { path: 'spec.imagePullPolicies', message: 'is not a known field' });
  });

  test('fails when an embedded Kubernetes type has an unknown field', () => {
    expectOnlyProblem(
      specWith((s) => (s.volumes = [{ name: 'v', emptyDir: { size: '1Gi' } }])),
      { path: 'spec.volumes[0].emptyDir.size', message: 'is not a known field' },
    );
  });

  test('fails when an unknown field name is not an identifier, quoting it in the path', () => {
    expectOnlyProblem(specWith((s) => (s['worker-count'] = 3)), { path: 'spec["worker-count"]', message: 'is not a known field' });
  });
});

describe('validateSpecAgainstCrd: reporting', () => {
  test('reports every problem, sorted by path with list indexes in numeric order, then by message', () => {
    // GIVEN problems in eleven list items and elsewhere
    const spec = specWith((s) => {
      s.worker.replicas = 0;
      s.image = 1;
      s.volumes = Array.from({ length: 11 }, (_, i) => (i === 2 || i === 10 ? {} : { name: `v${i}` }));
    });
    // WHEN
    const paths = validateSpecAgainstCrd(spec).map((p) => p.path);
    // THEN
    expect(paths).toEqual(['spec.image', 'spec.volumes[2].name', 'spec.volumes[10].name', 'spec.worker.replicas']);
  });

  test('tells a list index from a map key that looks like a number', () => {
    expectOnlyProblem(specWith((s) => (s.master.labels = { 0: 1 })), { path: 'spec.master.labels["0"]', message: 'must be a string' });
  });

  test('never throws, and always reports well-formed problems, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const problems = validateSpecAgainstCrd(value);
        for (const problem of problems) {
          expect(problem.path).toMatch(/^spec/);
          expect(problem.message).toMatch(/^[a-z]/);
          expect(problem.message).not.toMatch(/\.$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('never throws for random changes deep inside a valid spec', () => {
    const leaves = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, '', -1, 1e300, '1Gi', {}, []));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), leaves), { minLength: 1, maxLength: 5 }), (changes) => {
        const spec = fullSpec();
        for (const [pick, value] of changes) setRandomPath(spec, pick, value);
        expect(Array.isArray(validateSpecAgainstCrd(spec))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** Replaces one value of `root`, chosen by walking `pick` down the tree. */
function setRandomPath(root: Json, pick: number, value: unknown): void {
  let node: any = root;
  for (let depth = 0; depth < 8; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[(pick + depth) % keys.length];
    const child = node[key];
    if (typeof child !== 'object' || child === null || (pick >> depth) % 3 === 0) {
      node[key] = value;
      return;
    }
    node = child;
  }
}

describe('generated LocustTest CRD', () => {
  const [version] = crd.spec.versions;

  test('has one version, v2, served and stored, with the status subresource', () => {
    expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v2', true, true]]);
    expect(version.subresources).toEqual({ status: {} });
  });

  test('has the operator names: locusttests.locust.io, kind LocustTest, short name lotest, namespaced', () => {
    expect(crd.metadata.name).toBe('locusttests.locust.io');
    expect(crd.spec.group).toBe('locust.io');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toEqual({
      kind: 'LocustTest',
      listKind: 'LocustTestList',
      plural: 'locusttests',
      singular: 'locusttest',
      shortNames: ['lotest'],
    });
  });

  test('has the printer columns Phase, Workers, Connected, Image and Age', () => {
    const columns = version.additionalPrinterColumns.map(({ name, type, jsonPath, priority }) => ({ name, type, jsonPath, priority }));
    expect(columns).toEqual([
      { name: 'Phase', type: 'string', jsonPath: '.status.phase', priority: undefined },
      { name: 'Workers', type: 'integer', jsonPath: '.spec.worker.replicas', priority: undefined },
      { name: 'Connected', type: 'integer', jsonPath: '.status.connectedWorkers', priority: undefined },
      { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', priority: undefined },
    ]);
  });

  test('has the operator status fields', () => {
    const status = version.schema.openAPIV3Schema.properties.status;
    expect(Object.keys(status.properties).sort()).toEqual([
      'completionTime', 'conditions', 'connectedWorkers', 'expectedWorkers', 'observedGeneration', 'phase', 'startTime',
    ]);
    expect(status.properties.phase.enum).toEqual(['Pending', 'Running', 'Succeeded', 'Failed']);
  });

  test('is the same object in the YAML that cdk8s imports and in the JSON that the validator reads', () => {
    const yamlText = fs.readFileSync(path.join(__dirname, '..', '..', 'crd', 'locusttests.locust.io.yaml'), 'utf8');
    expect(yamlText.startsWith('# Generated by `npm run generate:crd`')).toBe(true);
    expect(parse(yamlText)).toEqual(crd);
  });
});
