import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { LocustTest, LocustTestValidationError, ObservabilityMode } from '../../src';
import { LocustTestSpecMasterResourcesLimits, LocustTestSpecMasterResourcesRequests, LocustTestSpecVolumesScaleIo } from '../../imports/locust.io';
import { DEFAULT_KAFKA_ENV, DEFAULT_LOCUST_RESOURCES, minimalSpec, minimalSpecJson } from '../fixtures';
import { find, locustContainer, synthChart } from '../util';

const COMMAND = ['--locustfile', '/lotest/src/locustfile.py', '--host', 'https://shop.example.com'];

describe('LocustTest', () => {
  test('writes exactly the operator\'s Service, master Job and worker Job for a minimal spec', () => {
    // GIVEN a minimal spec in a namespaced chart, with the operator's Helm defaults
    const objects = synthChart((chart) => new LocustTest(chart, 'checkout', { name: 'checkout', spec: minimalSpec() }), { namespace: 'load' });

    // THEN there are exactly the three objects, in the operator's creation order
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/checkout-master', 'Job/checkout-master', 'Job/checkout-worker']);

    expect(find(objects, 'Service', 'checkout-master')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'checkout-master', namespace: 'load' },
      spec: {
        ports: [
          { name: 'port5557', protocol: 'TCP', port: 5557 },
          { name: 'port5558', protocol: 'TCP', port: 5558 },
          { name: 'prometheus-metrics', protocol: 'TCP', port: 9646 },
        ],
        selector: { 'performance-test-pod-name': 'checkout-master' },
      },
    });

    expect(find(objects, 'Job', 'checkout-master')).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'checkout-master', namespace: 'load' },
      spec: {
        parallelism: 1,
        backoffLimit: 0,
        template: {
          metadata: {
            labels: { 'app': 'checkout', 'performance-test-name': 'checkout', 'performance-test-pod-name': 'checkout-master', 'managed-by': 'locust-k8s-operator' },
            annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': '9646' },
          },
          spec: {
            initContainers: [{
              name: 'locust-metrics-exporter',
              image: 'containersol/locust_exporter:v0.5.0',
              ports: [{ containerPort: 9646 }],
              env: [
                { name: 'LOCUST_EXPORTER_URI', value: 'http://localhost:8089' },
                { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9646' },
              ],
              resources: {
                limits: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '50M' },
                requests: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '30M' },
              },
              restartPolicy: 'Always',
              imagePullPolicy: 'IfNotPresent',
              securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
            }],
            containers: [{
              name: 'checkout-master',
              image: 'locustio/locust:2.43.1',
              args: [...COMMAND, '--master', '--master-port=5557', '--expect-workers=3', '--autostart', '--autoquit', '60', '--enable-rebalancing', '--only-summary'],
              ports: [{ containerPort: 5557 }, { containerPort: 5558 }, { containerPort: 8089 }],
              env: DEFAULT_KAFKA_ENV,
              resources: DEFAULT_LOCUST_RESOURCES,
              imagePullPolicy: 'IfNotPresent',
            }],
            restartPolicy: 'Never',
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          },
        },
      },
    });

    expect(find(objects, 'Job', 'checkout-worker')).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'checkout-worker', namespace: 'load' },
      spec: {
        parallelism: 3,
        backoffLimit: 0,
        template: {
          metadata: {
            labels: { 'app': 'checkout', 'performance-test-name': 'checkout', 'performance-test-pod-name': 'checkout-worker', 'managed-by': 'locust-k8s-operator' },
          },
          spec: {
            containers: [{
              name: 'checkout-worker',
              image: 'locustio/locust:2.43.1',
              args: [...COMMAND, '--worker', '--master-port=5557', '--master-host=checkout-master'],
              ports: [{ containerPort: 8080 }],
              env: DEFAULT_KAFKA_ENV,
              resources: DEFAULT_LOCUST_RESOURCES,
              imagePullPolicy: 'IfNotPresent',
            }],
            restartPolicy: 'Never',
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          },
        },
      },
    });
  });

  test('sanitises dots in names but keeps the raw name in the app and test-name labels', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'shop.v2', spec: minimalSpec() }));
    const worker = find(objects, 'Job', 'shop-v2-worker');
    expect(worker.spec.template.metadata.labels).toMatchObject({ 'app': 'shop.v2', 'performance-test-name': 'shop.v2', 'performance-test-pod-name': 'shop-v2-worker' });
    expect(locustContainer(worker).args).toContain('--master-host=shop-v2-master');
    expect(find(objects, 'Service', 'shop-v2-master').metadata).toEqual({ name: 'shop-v2-master' });
  });

  test('takes the namespace from the props before the chart', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'a', namespace: 'perf', spec: minimalSpec() }), { namespace: 'other' });
    expect(objects.every((o) => o.metadata.namespace === 'perf')).toBe(true);
  });

  test('omits the namespace when neither the props nor the chart set one', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'a', spec: minimalSpec() }));
    expect(objects.every((o) => !('namespace' in o.metadata))).toBe(true);
  });

  test('unwraps typed quantities and renamed fields to the custom resource\'s wire form', () => {
    // GIVEN typed resources and a volume whose TypeScript field name differs from the JSON one
    const spec = minimalSpec({
      master: {
        command: '-f /lotest/src/locustfile.py',
        resources: {
          limits: { cpu: LocustTestSpecMasterResourcesLimits.fromString('2'), memory: LocustTestSpecMasterResourcesLimits.fromString('2Gi') },
          requests: { cpu: LocustTestSpecMasterResourcesRequests.fromString('500m') },
        },
      },
      volumes: [{ name: 'scaleio', scaleIo: { gateway: 'gw', system: 'sys', secretRef: { name: 's' } } as LocustTestSpecVolumesScaleIo }],
      volumeMounts: [{ name: 'scaleio', mountPath: '/data' }],
    });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'typed', spec }));
    const master = find(objects, 'Job', 'typed-master');
    expect(locustContainer(master).resources).toEqual({ limits: { cpu: '2', memory: '2Gi' }, requests: { cpu: '500m' } });
    expect(master.spec.template.spec.volumes).toEqual([{ name: 'scaleio', scaleIO: { gateway: 'gw', system: 'sys', secretRef: { name: 's' } } }]);
  });

  test('fromObject renders a spec read from YAML the same as the typed spec', () => {
    const typed = synthChart((chart) => new LocustTest(chart, 't', { name: 'same', spec: minimalSpec() }));
    const plain = synthChart((chart) => LocustTest.fromObject(chart, 't', { name: 'same', spec: minimalSpecJson() }));
    expect(plain).toEqual(typed);
  });

  test('fromObject accepts objects without Object.prototype, as some parsers build them', () => {
    // GIVEN a spec whose maps have a null prototype
    const master = Object.assign(Object.create(null), { command: '-f /lotest/src/a.py', labels: Object.assign(Object.create(null), { team: 'shop' }) });
    const spec = Object.assign(Object.create(null), minimalSpecJson(), { master });

    // THEN it renders like any plain spec
    const objects = synthChart((chart) => LocustTest.fromObject(chart, 't', { name: 'bare', spec }));
    expect(find(objects, 'Job', 'bare-master').spec.template.metadata.labels.team).toBe('shop');
  });

  test('keeps Kubernetes fields newer than the 1.28 declarations, such as an env fileKeyRef', () => {
    const spec = minimalSpecJson({
      env: { variables: [{ name: 'TOKEN', valueFrom: { fileKeyRef: { volumeName: 'cfg', path: 'env', key: 'TOKEN' } } }] },
      volumes: [{ name: 'cfg', emptyDir: {} }],
      volumeMounts: [{ name: 'cfg', mountPath: '/cfg', recursiveReadOnly: 'Disabled' }],
    });
    const objects = synthChart((chart) => LocustTest.fromObject(chart, 't', { name: 'newer', spec }));
    const container = locustContainer(find(objects, 'Job', 'newer-worker'));
    expect(container.env.find((e: any) => e.name === 'TOKEN')).toEqual({ name: 'TOKEN', valueFrom: { fileKeyRef: { volumeName: 'cfg', path: 'env', key: 'TOKEN' } } });
    expect(container.volumeMounts).toEqual([{ name: 'cfg', mountPath: '/cfg', recursiveReadOnly: 'Disabled' }]);
  });

  test('exposes every generated object for escape hatches', () => {
    // GIVEN a test whose master Job is patched through the escape hatch
    const objects = synthChart((chart) => {
      const test = new LocustTest(chart, 't', { name: 'patched', spec: minimalSpec() });
      ApiObject.of(test.masterJob).addJsonPatch(JsonPatch.add('/spec/activeDeadlineSeconds', 3600));
      test.service.metadata.addLabel('team', 'payments');
      expect(test.workerJob.name).toBe('patched-worker');
      expect(test.observability.mode).toBe(ObservabilityMode.METRICS_EXPORTER);
    });
    expect(find(objects, 'Job', 'patched-master').spec.activeDeadlineSeconds).toBe(3600);
    expect(find(objects, 'Service', 'patched-master').metadata.labels).toEqual({ team: 'payments' });
  });

  test('composes several tests in one chart and across charts', () => {
    const app = Testing.app();
    const first = new Chart(app, 'first', { namespace: 'a' });
    new LocustTest(first, 'one', { name: 'one', spec: minimalSpec() });
    new LocustTest(first, 'two', { name: 'two', spec: minimalSpec() });
    const second = new Chart(app, 'second', { namespace: 'b' });
    new LocustTest(second, 'one', { name: 'one', spec: minimalSpec() });
    expect(Testing.synth(first).map((o) => o.metadata.name)).toEqual(['one-master', 'one-master', 'one-worker', 'two-master', 'two-master', 'two-worker']);
    expect(Testing.synth(second).map((o) => o.metadata.namespace)).toEqual(['b', 'b', 'b']);
  });

  test('fails when the spec is invalid, reporting every problem and writing nothing', () => {
    // GIVEN a test with two problems
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    const test = new LocustTest(chart, 't', { name: 'bad', spec: minimalSpec({ worker: { command: 'x', replicas: 0 }, observability: { openTelemetry: { enabled: true } } }) });

    // THEN synthesis fails naming both, and no objects exist anywhere in the test's subtree
    expect(() => app.synthYaml()).toThrow(/spec\.worker\.replicas must be at least 1 \(got 0\)/);
    expect(test.problems.length).toBeGreaterThanOrEqual(1);
    expect(chart.node.findAll().filter(ApiObject.isApiObject)).toHaveLength(0);
    expect(() => test.masterJob).toThrow(LocustTestValidationError);
  });

  test('a valid test writes its objects under its own construct, which the invalid case above finds none of', () => {
    // GIVEN the same chart layout with a valid test
    const chart = new Chart(new App(), 'c');
    new LocustTest(chart, 't', { name: 'good', spec: minimalSpec() });

    // THEN the search used above finds the Service and both Jobs
    expect(chart.node.findAll().filter(ApiObject.isApiObject).map((o) => `${o.kind}/${o.name}`)).toEqual(['Service/good-master', 'Job/good-master', 'Job/good-worker']);
  });

  test('fails when the objects of an invalid test are asked for, naming the construct path', () => {
    const test = new LocustTest(new Chart(new App(), 'load'), 'checkout', { name: 'bad', spec: minimalSpec({ worker: { command: 'x', replicas: 0 } }) });
    expect(() => test.service).toThrow(/^LocustTest bad at load\/checkout is invalid:\n {2}- spec\.worker\.replicas must be at least 1/);
    expect(() => test.observability).toThrow(expect.objectContaining({ constructPath: 'load/checkout' }));
  });

  test('fails when OpenTelemetry is enabled without an endpoint', () => {
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    new LocustTest(chart, 't', { name: 'otel', spec: minimalSpec({ observability: { openTelemetry: { enabled: true } } }) });
    expect(() => app.synthYaml()).toThrow('spec.observability.openTelemetry.endpoint is required when OpenTelemetry is enabled');
  });
});
