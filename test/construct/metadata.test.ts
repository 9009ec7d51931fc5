import { App, Chart } from 'cdk8s';
import { LocustTest, LocustTestProps, MetricsMonitor, RenderMode, TestFiles } from '../../src';
import { minimalSpec } from '../fixtures';
import { tempTree } from '../temp-tree';
import { find, synthChart } from '../util';

const COST = { 'example.com/cost-center': 'cc-1234', 'team': 'payments' };
const OWNER = { 'example.com/owner': 'payments-oncall@example.com' };

function render(props: Partial<LocustTestProps> = {}) {
  return synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), ...props }), { namespace: 'load' });
}

function problemsOf(props: Partial<LocustTestProps>) {
  return new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), ...props }).problems;
}

describe('metadata', () => {
  test('puts the labels and annotations on every object the test writes, and the labels on its pods', () => {
    // GIVEN cost-allocation labels and an owner annotation, with emitted test files and a PodMonitor
    const objects = render({
      metadata: { labels: COST, annotations: OWNER },
      testFiles: TestFiles.fromDirectory(tempTree({ 'locustfile.py': 'x = 1\n' })),
      monitor: MetricsMonitor.podMonitor({ labels: { release: 'prometheus' } }),
    });

    // THEN every object carries both, next to what the library writes
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Job', 'Job', 'PodMonitor', 'Service']);
    for (const object of objects) {
      expect(object.metadata.labels).toMatchObject(COST);
      expect(object.metadata.annotations).toEqual(OWNER);
    }
    expect(find(objects, 'PodMonitor', 'checkout-master').metadata.labels.release).toBe('prometheus');

    // AND the pod templates get the labels after the operator's four, and no annotation of theirs
    const pod = find(objects, 'Job', 'checkout-worker').spec.template.metadata;
    expect(pod.labels).toEqual({ 'app': 'checkout', 'performance-test-name': 'checkout', 'performance-test-pod-name': 'checkout-worker', 'managed-by': 'locust-k8s-operator', ...COST });
    expect(pod.annotations).toBeUndefined();
  });

  test('lets the role\'s own pod labels win on its pods', () => {
    const objects = render({ metadata: { labels: COST }, spec: minimalSpec({ master: { command: 'x', labels: { team: 'checkout' } } }) });
    expect(find(objects, 'Job', 'checkout-master').spec.template.metadata.labels.team).toBe('checkout');
    expect(find(objects, 'Job', 'checkout-worker').spec.template.metadata.labels.team).toBe('payments');
    expect(find(objects, 'Job', 'checkout-master').metadata.labels.team).toBe('payments');
  });

  test('labels the custom resource in operator mode', () => {
    const objects = render({ mode: RenderMode.OPERATOR, metadata: { labels: COST, annotations: OWNER } });
    const resource = find(objects, 'LocustTest', 'checkout');
    expect(resource.metadata).toEqual({ name: 'checkout', namespace: 'load', labels: COST, annotations: OWNER });
  });

  test('fails when a label is one the operator writes on the pods', () => {
    const problems = problemsOf({ metadata: { labels: { 'app': 'shop', 'managed-by': 'me' } } });
    expect(problems).toEqual([
      expect.objectContaining({ path: 'metadata.labels["app"]', message: expect.stringMatching(/^is a label the operator writes on the pods/), value: 'shop' }),
      expect.objectContaining({ path: 'metadata.labels["managed-by"]', value: 'me' }),
    ]);
  });

  test('fails when an annotation is one the library writes, naming the object', () => {
    // GIVEN a sync wave of the user's while the argoCd option writes its own
    const problems = problemsOf({ argoCd: {}, metadata: { annotations: { 'argocd.argoproj.io/sync-wave': '5' } } });

    // THEN each object that carries the library's wave is a problem
    expect(problems.map((p) => p.message)).toEqual([
      'is written by the library on Service checkout-master, which needs its own value',
      'is written by the library on Job checkout-master, which needs its own value',
      'is written by the library on Job checkout-worker, which needs its own value',
    ]);
    expect(problems[0]).toMatchObject({ path: 'metadata.annotations["argocd.argoproj.io/sync-wave"]', value: '5' });
  });

  test('fails when a label collides with the label a ServiceMonitor selects on', () => {
    const problems = problemsOf({ monitor: MetricsMonitor.serviceMonitor(), metadata: { labels: { 'cdk8s-locust/metrics-service': 'x' } } });
    expect(problems).toEqual([expect.objectContaining({ path: 'metadata.labels["cdk8s-locust/metrics-service"]', message: 'is written by the library on Service checkout-master, which needs its own value' })]);
  });

  test('fails when a key or value is not one Kubernetes accepts', () => {
    const problems = problemsOf({ metadata: { labels: { 'bad key!': 'x', 'team': 'not a value' }, annotations: { 'a/b/c': 'x', 'n': 5 as unknown as string } } });
    expect(problems.map((p) => p.path)).toEqual([
      'metadata.annotations["n"]',
      'metadata.labels["bad key!"]',
      'metadata.labels["team"]',
      'metadata.annotations["a/b/c"]',
    ]);
    expect(problems[0]).toMatchObject({ message: 'must be a string', value: 5 });
  });
});
