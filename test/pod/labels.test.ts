import { LocustTest } from '../../src';
import { podAnnotations, podLabels } from '../../src/pod/labels';
import { LocustRole } from '../../src/core/names';
import { minimalSpecJson } from '../fixtures';
import { find, synthChart } from '../util';

function templates(spec: Record<string, unknown>, name = 'checkout') {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, name, { name, spec: minimalSpecJson(spec) }));
  const base = name.split('.').join('-');
  return {
    master: find(objects, 'Job', `${base}-master`).spec.template.metadata,
    worker: find(objects, 'Job', `${base}-worker`).spec.template.metadata,
    service: find(objects, 'Service', `${base}-master`),
  };
}

describe('labels', () => {
  test('labels each pod with the raw name, its sanitised node name and the operator marker', () => {
    const { master, worker } = templates({}, 'shop.checkout');
    expect(master.labels).toEqual({ 'app': 'shop.checkout', 'performance-test-name': 'shop.checkout', 'performance-test-pod-name': 'shop-checkout-master', 'managed-by': 'locust-k8s-operator' });
    expect(worker.labels).toEqual({ 'app': 'shop.checkout', 'performance-test-name': 'shop.checkout', 'performance-test-pod-name': 'shop-checkout-worker', 'managed-by': 'locust-k8s-operator' });
  });

  test('drops user values for the protected keys and lets app and performance-test-name be overridden', () => {
    const labels = { 'performance-test-pod-name': 'hijack', 'managed-by': 'me', 'app': 'shop', 'performance-test-name': 'other', 'team': 'payments' };
    const { master } = templates({ master: { command: 'x', labels } });
    expect(master.labels).toEqual({ 'app': 'shop', 'performance-test-name': 'other', 'performance-test-pod-name': 'checkout-master', 'managed-by': 'locust-k8s-operator', 'team': 'payments' });
  });

  test('puts master labels only on the master pod and worker labels only on the worker pod', () => {
    const { master, worker } = templates({ master: { command: 'x', labels: { role: 'm' } }, worker: { command: 'x', replicas: 1, labels: { tier: 'w' } } });
    expect(master.labels.role).toBe('m');
    expect(master.labels).not.toHaveProperty('tier');
    expect(worker.labels.tier).toBe('w');
    expect(worker.labels).not.toHaveProperty('role');
  });

  test('leaves the Service and Job metadata without labels or annotations', () => {
    const { service } = templates({ master: { command: 'x', labels: { team: 'a' }, annotations: { note: 'b' } } });
    expect(service.metadata).toEqual({ name: 'checkout-master' });
  });

  test('lets user annotations win over the scrape annotations on the master pod', () => {
    const { master } = templates({ master: { command: 'x', annotations: { 'prometheus.io/port': '1234', 'note': 'n' } } });
    expect(master.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': '1234', 'note': 'n' });
  });

  test('gives the worker only its own annotations, and none at all when the user sets none', () => {
    expect(templates({}).worker).not.toHaveProperty('annotations');
    expect(templates({ worker: { command: 'x', replicas: 1, annotations: { a: 'b' } } }).worker.annotations).toEqual({ a: 'b' });
  });

  test('omits an empty annotation map and defaults missing user labels to none', () => {
    expect(podAnnotations({}, {})).toBeUndefined();
    expect(podAnnotations({})).toBeUndefined();
    expect(Object.keys(podLabels('t', LocustRole.WORKER))).toEqual(['app', 'performance-test-name', 'performance-test-pod-name', 'managed-by']);
  });
});
