/**
 * The floor of the benchmark: the same three manifests per test as `LocustTest` writes for the
 * benchmark spec, built straight from the imported `KubeService` and `KubeJob` with hand-written
 * props and no validation. This is what cdk8s itself costs for these objects; bench/synth.ts
 * checks that both paths give byte-identical YAML.
 */
import { Chart, JsonPatch } from 'cdk8s';
import { KubeJob, KubeService, Quantity } from '../imports/k8s';
import { BENCH_SPEC } from './spec';

const KAFKA_ENV = [
  { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'localhost:9092' },
  { name: 'KAFKA_SECURITY_ENABLED', value: 'false' },
  { name: 'KAFKA_SECURITY_PROTOCOL_CONFIG', value: 'SASL_PLAINTEXT' },
  { name: 'KAFKA_SASL_MECHANISM', value: 'SCRAM-SHA-512' },
  { name: 'KAFKA_SASL_JAAS_CONFIG' },
  { name: 'KAFKA_USERNAME' },
  { name: 'KAFKA_PASSWORD' },
];

function resources(limits: [string, string, string], requests: [string, string, string]) {
  const quantities = ([cpu, storage, memory]: [string, string, string]) => ({
    'cpu': Quantity.fromString(cpu),
    'ephemeral-storage': Quantity.fromString(storage),
    'memory': Quantity.fromString(memory),
  });
  return { limits: quantities(limits), requests: quantities(requests) };
}

function labels(name: string, pod: string) {
  return { 'app': name, 'managed-by': 'locust-k8s-operator', 'performance-test-name': name, 'performance-test-pod-name': pod };
}

const words = (command: string) => command.split(/\s+/).filter((w) => w !== '');

/** The Service and two Jobs of one test named `name`, as LocustTest renders BENCH_SPEC. */
export function addFloorTest(chart: Chart, id: string, name: string, namespace: string): void {
  const master = `${name}-master`;
  const worker = `${name}-worker`;
  const locustResources = resources(['1000m', '50M', '1024Mi'], ['250m', '30M', '128Mi']);
  const secComp = { seccompProfile: { type: 'RuntimeDefault' } };
  const configMap = BENCH_SPEC.testFiles.configMapRef;

  new KubeService(chart, `${id}-service`, {
    metadata: { name: master, namespace },
    spec: {
      ports: [
        { name: 'port5557', port: 5557, protocol: 'TCP' },
        { name: 'port5558', port: 5558, protocol: 'TCP' },
        { name: 'prometheus-metrics', port: 9646, protocol: 'TCP' },
      ],
      selector: { 'performance-test-pod-name': master },
    },
  });

  const masterJob = new KubeJob(chart, `${id}-master`, {
    metadata: { name: master, namespace },
    spec: {
      backoffLimit: 0,
      parallelism: 1,
      template: {
        metadata: {
          annotations: { 'prometheus.io/path': '/metrics', 'prometheus.io/port': '9646', 'prometheus.io/scrape': 'true' },
          labels: labels(name, master),
        },
        spec: {
          containers: [{
            args: [
              ...words(BENCH_SPEC.master.command), '--master', '--master-port=5557', `--expect-workers=${BENCH_SPEC.worker.replicas}`,
              '--autostart', '--autoquit', '60', '--enable-rebalancing', '--only-summary',
            ],
            env: KAFKA_ENV,
            image: BENCH_SPEC.image,
            imagePullPolicy: 'IfNotPresent',
            name: master,
            ports: [{ containerPort: 5557 }, { containerPort: 5558 }, { containerPort: 8089 }],
            resources: locustResources,
            volumeMounts: [{ mountPath: '/lotest/src', name: master }],
          }],
          initContainers: [{
            env: [
              { name: 'LOCUST_EXPORTER_URI', value: 'http://localhost:8089' },
              { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9646' },
            ],
            image: 'containersol/locust_exporter:v0.5.0',
            imagePullPolicy: 'IfNotPresent',
            name: 'locust-metrics-exporter',
            ports: [{ containerPort: 9646 }],
            resources: resources(['250m', '50M', '128Mi'], ['100m', '30M', '64Mi']),
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
          }],
          restartPolicy: 'Never',
          securityContext: secComp,
          volumes: [{ configMap: { name: configMap }, name: master }],
        },
      },
    },
  });
  // A native sidecar needs restartPolicy on an init container; the 1.28 props drop it, so it goes in as a patch.
  masterJob.addJsonPatch(JsonPatch.add('/spec/template/spec/initContainers/0/restartPolicy', 'Always'));

  new KubeJob(chart, `${id}-worker`, {
    metadata: { name: worker, namespace },
    spec: {
      backoffLimit: 0,
      parallelism: BENCH_SPEC.worker.replicas,
      template: {
        metadata: { labels: labels(name, worker) },
        spec: {
          containers: [{
            args: [...words(BENCH_SPEC.worker.command), '--worker', '--master-port=5557', `--master-host=${master}`],
            env: KAFKA_ENV,
            image: BENCH_SPEC.image,
            imagePullPolicy: 'IfNotPresent',
            name: worker,
            ports: [{ containerPort: 8080 }],
            resources: locustResources,
            volumeMounts: [{ mountPath: '/lotest/src', name: worker }],
          }],
          restartPolicy: 'Never',
          securityContext: secComp,
          volumes: [{ configMap: { name: configMap }, name: worker }],
        },
      },
    },
  });
}
