/**
 * Whole-object parity: for realistic LocustTests, the Service and both Jobs must equal, field for
 * field, what the operator writes. The expected objects are written out by hand from the
 * operator's templates, once for the Helm chart's configuration and once for the configuration
 * its binary uses without environment variables.
 */
import { LocustTest, OperatorConfig } from '../../src';
import { DEFAULT_KAFKA_ENV, DEFAULT_LOCUST_RESOURCES } from '../fixtures';
import { find, synthChart } from '../util';

type Profile = 'helm' | 'binary';

const PROFILES: Record<Profile, OperatorConfig | undefined> = {
  helm: undefined,
  binary: {
    metricsExporter: {
      pullPolicy: 'Always',
      resources: { cpuRequest: '250m', memoryRequest: '128Mi', ephemeralStorageRequest: '30M', cpuLimit: '1000m', memoryLimit: '1024Mi', ephemeralStorageLimit: '50M' },
    },
    affinityInjection: false,
    tolerationsInjection: false,
  },
};

function exporter(profile: Profile) {
  return {
    name: 'locust-metrics-exporter',
    image: 'containersol/locust_exporter:v0.5.0',
    ports: [{ containerPort: 9646 }],
    env: [
      { name: 'LOCUST_EXPORTER_URI', value: 'http://localhost:8089' },
      { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9646' },
    ],
    resources: profile === 'helm'
      ? { limits: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '50M' }, requests: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '30M' } }
      : { limits: { 'cpu': '1000m', 'memory': '1024Mi', 'ephemeral-storage': '50M' }, requests: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '30M' } },
    restartPolicy: 'Always',
    imagePullPolicy: profile === 'helm' ? 'IfNotPresent' : 'Always',
    securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
  };
}

const PROMETHEUS_ANNOTATIONS = { 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': '9646' };
const METRICS_PORT = { name: 'prometheus-metrics', protocol: 'TCP', port: 9646 };
const MASTER_PORTS = [{ containerPort: 5557 }, { containerPort: 5558 }, { containerPort: 8089 }];

function render(name: string, spec: unknown, profile: Profile, namespaces: { chart?: string; props?: string } = {}) {
  const objects = synthChart(
    (chart) => LocustTest.fromObject(chart, name, { name, namespace: namespaces.props, spec, operatorConfig: PROFILES[profile] }),
    { namespace: namespaces.chart },
  );
  const base = name.split('.').join('-');
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([`Service/${base}-master`, `Job/${base}-master`, `Job/${base}-worker`]);
  return { service: find(objects, 'Service', `${base}-master`), master: find(objects, 'Job', `${base}-master`), worker: find(objects, 'Job', `${base}-worker`) };
}

describe.each(['helm', 'binary'] as Profile[])('parity with the operator (%s configuration)', (profile) => {
  const helm = profile === 'helm';

  describe('checkout: test files with lib, every env kind, secret mounts, targeted volumes, scheduling, security, resources', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-pool', operator: 'In', values: ['load'] }] }] } } };
    const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'load', effect: 'NoSchedule' }];
    const variables = [
      { name: 'TARGET_HOST', value: 'https://shop.example.com' },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
      { name: 'REGION', valueFrom: { configMapKeyRef: { name: 'region', key: 'name' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    const spec = {
      image: 'locustio/locust:2.43.1',
      imagePullPolicy: 'Always',
      imagePullSecrets: [{ name: 'regcred' }],
      master: {
        command: '--locustfile /lotest/src/checkout.py --host https://shop.example.com',
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        labels: { 'team': 'payments', 'managed-by': 'someone-else' },
        annotations: { 'example.com/owner': 'payments' },
        autoquit: { enabled: true, timeout: 120 },
        extraArgs: ['--csv=/reports/checkout', '--html', '/reports/checkout.html'],
      },
      worker: {
        command: '--locustfile /lotest/src/checkout.py',
        replicas: 5,
        labels: { team: 'payments' },
        annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' },
        extraArgs: ['--processes', '2'],
      },
      testFiles: { configMapRef: 'checkout-locustfile', libConfigMapRef: 'checkout-lib' },
      scheduling: { affinity, tolerations, nodeSelector: { 'kubernetes.io/os': 'linux' }, runtimeClassName: 'gvisor' },
      env: {
        configMapRefs: [{ name: 'checkout-config' }, { name: 'shared-config', prefix: 'SHARED_' }],
        secretRefs: [{ name: 'checkout-secrets', prefix: 'SECRET_' }],
        variables,
        secretMounts: [{ name: 'client-tls', mountPath: '/etc/locust/tls' }, { name: 'api-keys', mountPath: '/etc/locust/keys', readOnly: false }],
      },
      volumes: [{ name: 'reports', emptyDir: {} }, { name: 'worker-cache', emptyDir: { medium: 'Memory' } }, { name: 'unused', emptyDir: {} }],
      volumeMounts: [{ name: 'reports', mountPath: '/reports', target: 'master' }, { name: 'worker-cache', mountPath: '/cache', target: 'worker' }],
      security: {
        podSecurityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
        containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    };
    const envFrom = [
      { configMapRef: { name: 'checkout-config' } },
      { prefix: 'SHARED_', configMapRef: { name: 'shared-config' } },
      { prefix: 'SECRET_', secretRef: { name: 'checkout-secrets' } },
    ];
    const podCommon = {
      restartPolicy: 'Never',
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
      imagePullSecrets: [{ name: 'regcred' }],
      ...(helm ? { affinity, tolerations } : {}),
      runtimeClassName: 'gvisor',
    };
    const secretVolumes = [{ name: 'secret-client-tls', secret: { secretName: 'client-tls' } }, { name: 'secret-api-keys', secret: { secretName: 'api-keys' } }];
    const secretMounts = [{ name: 'secret-client-tls', mountPath: '/etc/locust/tls', readOnly: true }, { name: 'secret-api-keys', mountPath: '/etc/locust/keys' }];
    const containerSecurity = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

    test('writes the operator\'s Service, master Job and worker Job', () => {
      const { service, master, worker } = render('checkout', spec, profile, { chart: 'load' });

      expect(service).toEqual({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'checkout-master', namespace: 'load' },
        spec: {
          ports: [{ name: 'port5557', protocol: 'TCP', port: 5557 }, { name: 'port5558', protocol: 'TCP', port: 5558 }, METRICS_PORT],
          selector: { 'performance-test-pod-name': 'checkout-master' },
        },
      });

      expect(master).toEqual({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'checkout-master', namespace: 'load' },
        spec: {
          parallelism: 1,
          backoffLimit: 0,
          template: {
            metadata: {
              labels: { 'app': 'checkout', 'performance-test-name': 'checkout', 'performance-test-pod-name': 'checkout-master', 'managed-by': 'locust-k8s-operator', 'team': 'payments' },
              annotations: { ...PROMETHEUS_ANNOTATIONS, 'example.com/owner': 'payments' },
            },
            spec: {
              volumes: [
                { name: 'checkout-master', configMap: { name: 'checkout-locustfile' } },
                { name: 'locust-lib', configMap: { name: 'checkout-lib' } },
                ...secretVolumes,
                { name: 'reports', emptyDir: {} },
              ],
              initContainers: [exporter(profile)],
              containers: [{
                name: 'checkout-master',
                image: 'locustio/locust:2.43.1',
                args: [
                  '--locustfile', '/lotest/src/checkout.py', '--host', 'https://shop.example.com',
                  '--master', '--master-port=5557', '--expect-workers=5', '--autostart', '--autoquit', '120',
                  '--enable-rebalancing', '--only-summary', '--csv=/reports/checkout', '--html', '/reports/checkout.html',
                ],
                ports: MASTER_PORTS,
                envFrom,
                env: [...DEFAULT_KAFKA_ENV, ...variables],
                resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
                volumeMounts: [
                  { name: 'checkout-master', mountPath: '/lotest/src' },
                  { name: 'locust-lib', mountPath: '/opt/locust/lib' },
                  ...secretMounts,
                  { name: 'reports', mountPath: '/reports' },
                ],
                imagePullPolicy: 'Always',
                securityContext: containerSecurity,
              }],
              ...podCommon,
            },
          },
        },
      });

      expect(worker).toEqual({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'checkout-worker', namespace: 'load' },
        spec: {
          parallelism: 5,
          backoffLimit: 0,
          template: {
            metadata: {
              labels: { 'app': 'checkout', 'performance-test-name': 'checkout', 'performance-test-pod-name': 'checkout-worker', 'managed-by': 'locust-k8s-operator', 'team': 'payments' },
              annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' },
            },
            spec: {
              volumes: [
                { name: 'checkout-worker', configMap: { name: 'checkout-locustfile' } },
                { name: 'locust-lib', configMap: { name: 'checkout-lib' } },
                ...secretVolumes,
                { name: 'worker-cache', emptyDir: { medium: 'Memory' } },
              ],
              containers: [{
                name: 'checkout-worker',
                image: 'locustio/locust:2.43.1',
                args: ['--locustfile', '/lotest/src/checkout.py', '--worker', '--master-port=5557', '--master-host=checkout-master', '--processes', '2'],
                ports: [{ containerPort: 8080 }],
                envFrom,
                env: [...DEFAULT_KAFKA_ENV, ...variables],
                resources: DEFAULT_LOCUST_RESOURCES,
                volumeMounts: [
                  { name: 'checkout-worker', mountPath: '/lotest/src' },
                  { name: 'locust-lib', mountPath: '/opt/locust/lib' },
                  ...secretMounts,
                  { name: 'worker-cache', mountPath: '/cache' },
                ],
                imagePullPolicy: 'Always',
                securityContext: containerSecurity,
              }],
              ...podCommon,
            },
          },
        },
      });
    });
  });

  describe('shop.search: OpenTelemetry with extras, custom src path, claims-only resources, no namespace', () => {
    const tolerations = [{ operator: 'Exists', effect: 'NoSchedule' }];
    const variables = [
      { name: 'OTEL_SERVICE_NAME', value: 'override' },
      { name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
    ];
    const spec = {
      image: 'registry.example.com/locust-search:1.4',
      master: { command: "-f /mnt/tests/search.py\t--tags 'slow path'", autostart: false, autoquit: { timeout: 0 } },
      worker: { command: '-f /mnt/tests/search.py\n', replicas: 20, resources: { claims: [{ name: 'gpu' }] } },
      testFiles: { configMapRef: 'search-tests', srcMountPath: '/mnt/tests' },
      env: { variables, secretRefs: [{ name: 'search-secrets' }] },
      volumes: [{ name: 'dataset', persistentVolumeClaim: { claimName: 'search-dataset' } }],
      volumeMounts: [{ name: 'dataset', mountPath: '/data', readOnly: true }],
      scheduling: { tolerations, nodeSelector: { pool: 'load', zone: 'eu-west-1a' } },
      security: { containerSecurityContext: { runAsNonRoot: true } },
      observability: {
        openTelemetry: {
          enabled: true,
          endpoint: 'http://otel-collector.monitoring:4318',
          protocol: 'http/protobuf',
          insecure: true,
          extraEnvVars: { OTEL_SERVICE_NAME: 'search', OTEL_RESOURCE_ATTRIBUTES: 'team=search', OTEL_METRIC_EXPORT_INTERVAL: '5000', OTEL_METRICS_EXEMPLAR_FILTER: 'trace_based' },
        },
      },
    };
    const env = [
      ...DEFAULT_KAFKA_ENV,
      { name: 'OTEL_TRACES_EXPORTER', value: 'otlp' },
      { name: 'OTEL_METRICS_EXPORTER', value: 'otlp' },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring:4318' },
      { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
      { name: 'OTEL_EXPORTER_OTLP_INSECURE', value: 'true' },
      { name: 'OTEL_METRICS_EXEMPLAR_FILTER', value: 'trace_based' },
      { name: 'OTEL_METRIC_EXPORT_INTERVAL', value: '5000' },
      { name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'team=search' },
      { name: 'OTEL_SERVICE_NAME', value: 'search' },
      ...variables,
    ];
    const podCommon = {
      restartPolicy: 'Never',
      nodeSelector: { pool: 'load', zone: 'eu-west-1a' },
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      ...(helm ? { tolerations } : {}),
    };
    const container = (role: 'master' | 'worker', args: string[], ports: object[]) => ({
      name: `shop-search-${role}`,
      image: 'registry.example.com/locust-search:1.4',
      args,
      ports,
      envFrom: [{ secretRef: { name: 'search-secrets' } }],
      env,
      resources: DEFAULT_LOCUST_RESOURCES,
      volumeMounts: [{ name: `shop-search-${role}`, mountPath: '/mnt/tests' }, { name: 'dataset', mountPath: '/data', readOnly: true }],
      imagePullPolicy: 'IfNotPresent',
      securityContext: { runAsNonRoot: true },
    });
    const volumes = (role: 'master' | 'worker') => [
      { name: `shop-search-${role}`, configMap: { name: 'search-tests' } },
      { name: 'dataset', persistentVolumeClaim: { claimName: 'search-dataset' } },
    ];
    const labels = (role: 'master' | 'worker') => ({ 'app': 'shop.search', 'performance-test-name': 'shop.search', 'performance-test-pod-name': `shop-search-${role}`, 'managed-by': 'locust-k8s-operator' });

    test('writes the operator\'s Service, master Job and worker Job', () => {
      const { service, master, worker } = render('shop.search', spec, profile);

      expect(service).toEqual({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'shop-search-master' },
        spec: {
          ports: [{ name: 'port5557', protocol: 'TCP', port: 5557 }, { name: 'port5558', protocol: 'TCP', port: 5558 }],
          selector: { 'performance-test-pod-name': 'shop-search-master' },
        },
      });

      expect(master).toEqual({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'shop-search-master' },
        spec: {
          parallelism: 1,
          backoffLimit: 0,
          template: {
            metadata: { labels: labels('master') },
            spec: {
              volumes: volumes('master'),
              containers: [container('master', [
                '-f', '/mnt/tests/search.py', '--tags', "'slow", "path'", '--otel',
                '--master', '--master-port=5557', '--expect-workers=20', '--autoquit', '0', '--enable-rebalancing', '--only-summary',
              ], MASTER_PORTS)],
              ...podCommon,
            },
          },
        },
      });

      expect(worker).toEqual({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'shop-search-worker' },
        spec: {
          parallelism: 20,
          backoffLimit: 0,
          template: {
            metadata: { labels: labels('worker') },
            spec: {
              volumes: volumes('worker'),
              containers: [container('worker', ['-f', '/mnt/tests/search.py', '--otel', '--worker', '--master-port=5557', '--master-host=shop-search-master'], [{ containerPort: 8080 }])],
              ...podCommon,
            },
          },
        },
      });
    });
  });

  describe('nightly-soak: overridden app label, autoquit off with extra args, lib path, subPaths, runtime class opt-out', () => {
    const affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'performance-test-name': 'nightly-soak' } } },
        }],
      },
    };
    const podSecurity = { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/locust.json' }, runAsUser: 2000 };
    const spec = {
      image: 'locustio/locust:2.43.1',
      imagePullPolicy: 'IfNotPresent',
      master: {
        command: '--locustfile /lotest/src/soak.py --run-time 8h',
        resources: { requests: { cpu: '2', memory: '2Gi' } },
        labels: { 'app': 'soak-dashboard', 'performance-test-pod-name': 'spoof' },
        autoquit: { enabled: false, timeout: 5 },
        extraArgs: ['--autoquit', '30', '--tags slow'],
      },
      worker: { command: '--locustfile /lotest/src/soak.py', replicas: 1, resources: { limits: { cpu: '2' } } },
      testFiles: { configMapRef: 'soak', libConfigMapRef: 'soak-lib', libMountPath: '/opt/soak/lib' },
      env: { secretMounts: [{ name: 'soak-creds', mountPath: '/var/run/creds', readOnly: true }] },
      volumes: [{ name: 'results', emptyDir: { sizeLimit: '1Gi' } }, { name: 'scratch', emptyDir: {} }],
      volumeMounts: [
        { name: 'results', mountPath: '/results', target: 'both' },
        { name: 'scratch', mountPath: '/scratch', subPath: 'soak', target: 'worker' },
        { name: 'results', mountPath: '/results-archive', subPath: 'archive', target: 'master' },
      ],
      scheduling: { affinity, runtimeClassName: '' },
      security: { podSecurityContext: podSecurity },
      observability: { openTelemetry: { enabled: false, endpoint: 'http://ignored:4317', extraEnvVars: { IGNORED: 'yes' } } },
    };
    const podCommon = { restartPolicy: 'Never', securityContext: podSecurity, ...(helm ? { affinity } : {}) };
    const commonVolumes = [
      { name: 'locust-lib', configMap: { name: 'soak-lib' } },
      { name: 'secret-soak-creds', secret: { secretName: 'soak-creds' } },
      { name: 'results', emptyDir: { sizeLimit: '1Gi' } },
    ];
    const commonMounts = [
      { name: 'locust-lib', mountPath: '/opt/soak/lib' },
      { name: 'secret-soak-creds', mountPath: '/var/run/creds', readOnly: true },
      { name: 'results', mountPath: '/results' },
    ];

    test('writes the operator\'s Service, master Job and worker Job', () => {
      const { service, master, worker } = render('nightly-soak', spec, profile, { props: 'perf' });

      expect(service).toEqual({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'nightly-soak-master', namespace: 'perf' },
        spec: {
          ports: [{ name: 'port5557', protocol: 'TCP', port: 5557 }, { name: 'port5558', protocol: 'TCP', port: 5558 }, METRICS_PORT],
          selector: { 'performance-test-pod-name': 'nightly-soak-master' },
        },
      });

      expect(master).toEqual({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'nightly-soak-master', namespace: 'perf' },
        spec: {
          parallelism: 1,
          backoffLimit: 0,
          template: {
            metadata: {
              labels: { 'app': 'soak-dashboard', 'performance-test-name': 'nightly-soak', 'performance-test-pod-name': 'nightly-soak-master', 'managed-by': 'locust-k8s-operator' },
              annotations: PROMETHEUS_ANNOTATIONS,
            },
            spec: {
              volumes: [{ name: 'nightly-soak-master', configMap: { name: 'soak' } }, ...commonVolumes],
              initContainers: [exporter(profile)],
              containers: [{
                name: 'nightly-soak-master',
                image: 'locustio/locust:2.43.1',
                args: [
                  '--locustfile', '/lotest/src/soak.py', '--run-time', '8h',
                  '--master', '--master-port=5557', '--expect-workers=1', '--autostart', '--enable-rebalancing', '--only-summary',
                  '--autoquit', '30', '--tags slow',
                ],
                ports: MASTER_PORTS,
                env: DEFAULT_KAFKA_ENV,
                resources: { requests: { cpu: '2', memory: '2Gi' } },
                volumeMounts: [
                  { name: 'nightly-soak-master', mountPath: '/lotest/src' },
                  ...commonMounts,
                  { name: 'results', mountPath: '/results-archive', subPath: 'archive' },
                ],
                imagePullPolicy: 'IfNotPresent',
              }],
              ...podCommon,
            },
          },
        },
      });

      expect(worker).toEqual({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'nightly-soak-worker', namespace: 'perf' },
        spec: {
          parallelism: 1,
          backoffLimit: 0,
          template: {
            metadata: {
              labels: { 'app': 'nightly-soak', 'performance-test-name': 'nightly-soak', 'performance-test-pod-name': 'nightly-soak-worker', 'managed-by': 'locust-k8s-operator' },
            },
            spec: {
              volumes: [{ name: 'nightly-soak-worker', configMap: { name: 'soak' } }, ...commonVolumes, { name: 'scratch', emptyDir: {} }],
              containers: [{
                name: 'nightly-soak-worker',
                image: 'locustio/locust:2.43.1',
                args: ['--locustfile', '/lotest/src/soak.py', '--worker', '--master-port=5557', '--master-host=nightly-soak-master'],
                ports: [{ containerPort: 8080 }],
                env: DEFAULT_KAFKA_ENV,
                resources: { limits: { cpu: '2' } },
                volumeMounts: [
                  { name: 'nightly-soak-worker', mountPath: '/lotest/src' },
                  ...commonMounts,
                  { name: 'scratch', mountPath: '/scratch', subPath: 'soak' },
                ],
                imagePullPolicy: 'IfNotPresent',
              }],
              ...podCommon,
            },
          },
        },
      });
    });
  });
});
