import { App, Chart } from 'cdk8s';
import { LocustTest, LocustTestProps, MetricsMonitor, RenderMode, TestFiles } from '../../src';
import { minimalSpec, minimalSpecJson } from '../fixtures';
import { tempTree } from '../temp-tree';
import { find, synthChart } from '../util';

function problemsOf(props: Partial<LocustTestProps>) {
  return new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR, ...props }).problems;
}

describe('operator mode', () => {
  test('emits the LocustTest custom resource instead of the workload', () => {
    // GIVEN the minimal spec in operator mode, in a namespaced chart
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR }), { namespace: 'load' });

    // THEN the only object is the custom resource carrying the JSON spec
    expect(objects).toEqual([{
      apiVersion: 'locust.io/v2',
      kind: 'LocustTest',
      metadata: { name: 'checkout', namespace: 'load' },
      spec: minimalSpecJson(),
    }]);
  });

  test('writes a spec read from YAML unchanged, field names included', () => {
    // GIVEN a plain-JSON spec with a volume whose field names the typed API renames (scaleIO)
    const spec = minimalSpecJson({
      volumes: [{ name: 'data', scaleIO: { gateway: 'gw', system: 'sys', secretRef: { name: 's' } } }],
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
    });
    const objects = synthChart((chart) => LocustTest.fromObject(chart, 't', { name: 'checkout', spec, mode: RenderMode.OPERATOR }));
    expect(find(objects, 'LocustTest', 'checkout').spec).toEqual(spec);
  });

  test('references the ConfigMaps it emits from the repository and puts them in the earlier wave', () => {
    const dir = tempTree({ 'locustfile.py': 'from locust import HttpUser\n' });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR, testFiles: TestFiles.fromDirectory(dir), argoCd: {} }));
    const configMap = objects.find((o) => o.kind === 'ConfigMap')!;
    const resource = find(objects, 'LocustTest', 'checkout');
    expect(resource.spec.testFiles).toEqual({ configMapRef: configMap.metadata.name });
    expect(configMap.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
    expect(resource.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
  });

  test('the resource is reachable and the workload getters explain why they are not', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR });
    expect(test.resource.kind).toBe('LocustTest');
    expect(() => test.masterJob).toThrow(/renders the LocustTest custom resource \(RenderMode.OPERATOR\), which has no master Job/);
  });

  test('the workload mode has no resource', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec() });
    expect(() => test.resource).toThrow(/set mode: RenderMode.OPERATOR/);
  });

  test('fails when the spec is invalid, as in the workload mode', () => {
    const problems = problemsOf({ spec: minimalSpec({ worker: { command: 'x', replicas: 0 } }) });
    expect(problems.map((p) => p.path)).toContain('spec.worker.replicas');
  });

  test('fails when a run id is given', () => {
    expect(problemsOf({ runId: 'r1' })).toEqual([expect.objectContaining({ path: 'runId', value: 'r1' })]);
  });

  test('fails when the web UI port is requested', () => {
    expect(problemsOf({ webUi: true })).toEqual([expect.objectContaining({ path: 'webUi' })]);
  });

  test('fails when a ServiceMonitor is requested, and accepts a PodMonitor', () => {
    expect(problemsOf({ monitor: MetricsMonitor.serviceMonitor() })).toEqual([expect.objectContaining({ path: 'monitor', value: 'ServiceMonitor' })]);
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR, monitor: MetricsMonitor.podMonitor() }));
    expect(find(objects, 'PodMonitor', 'checkout-master').spec.selector).toEqual({ matchLabels: { 'performance-test-pod-name': 'checkout-master' } });
  });
});
