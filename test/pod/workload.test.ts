import { LocustTest, OperatorConfig } from '../../src';
import { minimalSpecJson } from '../fixtures';
import { find, locustContainer, podSpecOf, synthChart } from '../util';

function render(spec: Record<string, unknown>, operatorConfig?: OperatorConfig) {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, 'checkout', { name: 'checkout', spec: minimalSpecJson(spec), operatorConfig }));
  return { service: find(objects, 'Service', 'checkout-master'), master: find(objects, 'Job', 'checkout-master'), worker: find(objects, 'Job', 'checkout-worker') };
}
const podSpecs = (r: ReturnType<typeof render>) => [r.master.spec.template.spec, r.worker.spec.template.spec];
const jobs = (r: ReturnType<typeof render>) => [r.master, r.worker];

const AFFINITY = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['load'] }] }] } } };
const TOLERATIONS = [{ key: 'dedicated', operator: 'Equal', value: 'load', effect: 'NoSchedule' }];

describe('workload', () => {
  test('declares master ports 5557, 5558, 8089 and worker port 8080, containerPort only', () => {
    const r = render({});
    expect(locustContainer(r.master).ports).toEqual([{ containerPort: 5557 }, { containerPort: 5558 }, { containerPort: 8089 }]);
    expect(locustContainer(r.worker).ports).toEqual([{ containerPort: 8080 }]);
  });

  test('names the containers after the nodes and never sets command', () => {
    const r = render({});
    expect(r.master.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['checkout-master']);
    expect(r.worker.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['checkout-worker']);
    expect(locustContainer(r.master)).not.toHaveProperty('command');
    expect(r.worker.spec.template.spec).not.toHaveProperty('initContainers');
  });

  test('writes the exporter sidecar exactly, as the master pod\'s only init container', () => {
    const r = render({}, { metricsExporter: { image: 'reg/exporter:1', port: 9999, pullPolicy: 'Never' } });
    expect(r.master.spec.template.spec.initContainers).toEqual([{
      name: 'locust-metrics-exporter',
      image: 'reg/exporter:1',
      ports: [{ containerPort: 9999 }],
      env: [{ name: 'LOCUST_EXPORTER_URI', value: 'http://localhost:8089' }, { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9999' }],
      resources: { limits: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '50M' }, requests: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '30M' } },
      restartPolicy: 'Always',
      imagePullPolicy: 'Never',
      securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    }]);
  });

  test('defaults the pod security context to RuntimeDefault seccomp and sets no container security context', () => {
    for (const job of jobs(render({}))) {
      expect(podSpecOf(job).securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(locustContainer(job)).not.toHaveProperty('securityContext');
    }
  });

  test('replaces the default pod security context entirely with the spec\'s, dropping seccomp', () => {
    const security = { podSecurityContext: { runAsNonRoot: true, runAsUser: 1000 }, containerSecurityContext: { readOnlyRootFilesystem: true } };
    for (const job of jobs(render({ security }))) {
      expect(podSpecOf(job).securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000 });
      expect(locustContainer(job).securityContext).toEqual({ readOnlyRootFilesystem: true });
    }
  });

  test('copies imagePullSecrets and the pull policy to both pods, defaulting the policy to IfNotPresent', () => {
    for (const job of jobs(render({ imagePullSecrets: [{ name: 'regcred' }], imagePullPolicy: 'Always' }))) {
      expect(podSpecOf(job).imagePullSecrets).toEqual([{ name: 'regcred' }]);
      expect(locustContainer(job).imagePullPolicy).toBe('Always');
    }
    for (const job of jobs(render({}))) {
      expect(podSpecOf(job)).not.toHaveProperty('imagePullSecrets');
      expect(locustContainer(job).imagePullPolicy).toBe('IfNotPresent');
    }
  });

  test('copies affinity and tolerations when injection is on (the Helm default)', () => {
    for (const pod of podSpecs(render({ scheduling: { affinity: AFFINITY, tolerations: TOLERATIONS } }))) {
      expect(pod.affinity).toEqual(AFFINITY);
      expect(pod.tolerations).toEqual(TOLERATIONS);
    }
  });

  test('drops affinity and tolerations when injection is off (the operator binary\'s default)', () => {
    for (const pod of podSpecs(render({ scheduling: { affinity: AFFINITY, tolerations: TOLERATIONS } }, { affinityInjection: false, tolerationsInjection: false }))) {
      expect(pod).not.toHaveProperty('affinity');
      expect(pod).not.toHaveProperty('tolerations');
    }
  });

  test('gates affinity and tolerations independently, and omits an empty tolerations list', () => {
    const [pod] = podSpecs(render({ scheduling: { affinity: AFFINITY, tolerations: TOLERATIONS } }, { affinityInjection: false }));
    expect(pod).not.toHaveProperty('affinity');
    expect(pod.tolerations).toEqual(TOLERATIONS);
    expect(podSpecs(render({ scheduling: { tolerations: [] } }))[0]).not.toHaveProperty('tolerations');
  });

  test('always copies nodeSelector, whatever the injection flags, and omits an empty one', () => {
    for (const pod of podSpecs(render({ scheduling: { nodeSelector: { pool: 'load' } } }, { affinityInjection: false, tolerationsInjection: false }))) {
      expect(pod.nodeSelector).toEqual({ pool: 'load' });
    }
    expect(podSpecs(render({ scheduling: { nodeSelector: {} } }))[0]).not.toHaveProperty('nodeSelector');
  });

  test.each([
    ['the spec value over the default', { runtimeClassName: 'kata' }, 'gvisor', 'kata'],
    ['an empty spec value opting out of the default', { runtimeClassName: '' }, 'gvisor', undefined],
    ['the default when the spec has none', {}, 'gvisor', 'gvisor'],
    ['none when neither sets one', {}, undefined, undefined],
  ])('resolves runtimeClassName to %s', (_label, scheduling, defaultRuntimeClassName, expected) => {
    for (const pod of podSpecs(render({ scheduling }, { defaultRuntimeClassName }))) expect(pod.runtimeClassName).toBe(expected);
  });

  test('writes the Job specs: parallelism 1 and replicas, backoffLimit 0, restartPolicy Never, no completions and no TTL by default', () => {
    const r = render({ worker: { command: 'x', replicas: 7 } });
    expect(r.master.spec.parallelism).toBe(1);
    expect(r.worker.spec.parallelism).toBe(7);
    for (const job of [r.master, r.worker]) {
      expect(job.spec.backoffLimit).toBe(0);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(job.spec).not.toHaveProperty('completions');
      expect(job.spec).not.toHaveProperty('ttlSecondsAfterFinished');
      expect(Object.keys(job.spec).sort()).toEqual(['backoffLimit', 'parallelism', 'template']);
    }
  });

  test.each([0, 3600])('sets ttlSecondsAfterFinished %d on both Jobs when configured', (ttl) => {
    const r = render({}, { jobTtlSecondsAfterFinished: ttl });
    expect(r.master.spec.ttlSecondsAfterFinished).toBe(ttl);
    expect(r.worker.spec.ttlSecondsAfterFinished).toBe(ttl);
  });

  test('writes the Service: the two master ports, the metrics port and the master selector', () => {
    expect(render({}, { metricsExporter: { port: 9000 } }).service.spec).toEqual({
      ports: [
        { name: 'port5557', protocol: 'TCP', port: 5557 },
        { name: 'port5558', protocol: 'TCP', port: 5558 },
        { name: 'prometheus-metrics', protocol: 'TCP', port: 9000 },
      ],
      selector: { 'performance-test-pod-name': 'checkout-master' },
    });
  });
});
