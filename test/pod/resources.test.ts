import { LocustTest, OperatorConfig } from '../../src';
import { LocustRole } from '../../src/core/names';
import { resolveOperatorConfig } from '../../src/operator/operator-config';
import { locustResources, resourcesFromSettings } from '../../src/pod/resources';
import { minimalSpecJson } from '../fixtures';
import { find, initContainer, locustContainer, synthChart } from '../util';

function resources(spec: Record<string, unknown>, operatorConfig?: OperatorConfig) {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, 'checkout', { name: 'checkout', spec: minimalSpecJson(spec), operatorConfig }));
  const master = find(objects, 'Job', 'checkout-master');
  return {
    master: locustContainer(master).resources,
    worker: locustContainer(find(objects, 'Job', 'checkout-worker')).resources,
    exporter: initContainer(master, 'locust-metrics-exporter').resources,
  };
}

const UNIFIED = {
  limits: { 'cpu': '1000m', 'memory': '1024Mi', 'ephemeral-storage': '50M' },
  requests: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '30M' },
};

describe('resources', () => {
  test('gives both Locust containers the unified defaults', () => {
    const { master, worker } = resources({});
    expect(master).toEqual(UNIFIED);
    expect(worker).toEqual(UNIFIED);
  });

  test('uses the spec\'s resources as a complete override, with no merge of the defaults', () => {
    const own = { requests: { cpu: '500m' }, limits: { memory: '2Gi' }, claims: [{ name: 'gpu' }] };
    const { master, worker } = resources({ master: { command: 'x', resources: own } });
    expect(master).toEqual(own);
    expect(worker).toEqual(UNIFIED);
  });

  test('applies the override when only requests or only limits are set', () => {
    expect(resources({ worker: { command: 'x', replicas: 1, resources: { limits: { cpu: '2' } } } }).worker).toEqual({ limits: { cpu: '2' } });
    expect(resources({ worker: { command: 'x', replicas: 1, resources: { requests: { cpu: 1 } } } }).worker).toEqual({ requests: { cpu: 1 } });
  });

  test('ignores spec resources that have only claims or empty maps', () => {
    expect(resources({ master: { command: 'x', resources: { claims: [{ name: 'gpu' }] } } }).master).toEqual(UNIFIED);
    expect(resources({ master: { command: 'x', resources: { requests: {}, limits: {} } } }).master).toEqual(UNIFIED);
  });

  test('takes role settings value by value and falls back to the unified ones', () => {
    const { master, worker } = resources({}, { masterResources: { cpuLimit: '2', memoryRequest: '512Mi' }, workerResources: { ephemeralStorageLimit: '1Gi' } });
    expect(master).toEqual({ limits: { ...UNIFIED.limits, cpu: '2' }, requests: { ...UNIFIED.requests, memory: '512Mi' } });
    expect(worker).toEqual({ limits: { ...UNIFIED.limits, 'ephemeral-storage': '1Gi' }, requests: UNIFIED.requests });
  });

  test('treats empty strings as unset at every level', () => {
    const { master } = resources({}, { podResources: { cpuLimit: '' }, masterResources: { cpuRequest: '' } });
    expect(master).toEqual(UNIFIED);
  });

  test('falls back to the unified value when a resolved role setting is empty', () => {
    const config = { ...resolveOperatorConfig(), masterResources: { cpuLimit: '' } };
    expect(locustResources(undefined, LocustRole.MASTER, config)).toEqual(UNIFIED);
  });

  test('leaves out values that are empty after fallback, and whole maps when all are', () => {
    expect(resourcesFromSettings({ cpuRequest: '100m', memoryLimit: '' })).toEqual({ requests: { cpu: '100m' } });
    expect(resourcesFromSettings({})).toEqual({});
  });

  test('gives the exporter its own settings, without role levels or spec overrides', () => {
    const { exporter } = resources({ master: { command: 'x', resources: { limits: { cpu: '4' } } } }, { masterResources: { cpuLimit: '3' }, metricsExporter: { resources: { cpuLimit: '500m' } } });
    expect(exporter).toEqual({
      limits: { 'cpu': '500m', 'memory': '128Mi', 'ephemeral-storage': '50M' },
      requests: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '30M' },
    });
  });
});
