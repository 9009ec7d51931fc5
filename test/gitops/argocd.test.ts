import { App, Chart } from 'cdk8s';
import { LocustTest, TestFiles } from '../../src';
import { minimalSpec } from '../fixtures';
import { find, synthChart } from '../util';
import { tempTree } from '../temp-tree';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

describe('Argo CD mode', () => {
  test('lets Argo CD replace both Jobs through annotations on the Job objects, not their pod templates', () => {
    // GIVEN a test in Argo CD mode
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: {} }));

    // THEN both Jobs carry Force=true,Replace=true on their own metadata
    for (const name of ['checkout-master', 'checkout-worker']) {
      const job = find(objects, 'Job', name);
      expect(job.metadata.annotations[SYNC_OPTIONS]).toBe('Force=true,Replace=true');
      expect(job.spec.template.metadata.annotations?.[SYNC_OPTIONS]).toBeUndefined();
    }
  });

  test('puts the Service and the emitted ConfigMaps in wave 0 and both Jobs together in wave 1 by default', () => {
    // GIVEN locustfiles from a directory, in Argo CD mode
    const dir = tempTree({ 'locustfile.py': 'from locust import HttpUser\n' });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: {}, testFiles: TestFiles.fromDirectory(dir) }));

    // THEN the supporting objects come first and the Jobs share the next wave
    const configMap = objects.find((o) => o.kind === 'ConfigMap')!;
    expect(configMap.metadata.annotations[SYNC_WAVE]).toBe('0');
    expect(find(objects, 'Service', 'checkout-master').metadata.annotations[SYNC_WAVE]).toBe('0');
    expect(find(objects, 'Job', 'checkout-master').metadata.annotations[SYNC_WAVE]).toBe('1');
    expect(find(objects, 'Job', 'checkout-worker').metadata.annotations[SYNC_WAVE]).toBe('1');
    expect(configMap.metadata.annotations[SYNC_OPTIONS]).toBeUndefined();
  });

  test('starts from the configured wave', () => {
    // GIVEN a base wave of -5
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: { syncWave: -5 } }));

    // THEN the Service is in wave -5 and the Jobs in wave -4
    expect(find(objects, 'Service', 'checkout-master').metadata.annotations[SYNC_WAVE]).toBe('-5');
    expect(find(objects, 'Job', 'checkout-worker').metadata.annotations[SYNC_WAVE]).toBe('-4');
  });

  test('writes no Argo CD annotation without the option', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec() }));
    expect(find(objects, 'Job', 'checkout-master').metadata.annotations).toBeUndefined();
    expect(find(objects, 'Service', 'checkout-master').metadata.annotations).toBeUndefined();
  });

  test('fails when the wave is not an integer', () => {
    // GIVEN a fractional wave
    const app = new App();
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: { syncWave: 1.5 } });

    // THEN the problem names the option, the value and the fix
    expect(test.problems).toEqual([expect.objectContaining({ path: 'argoCd.syncWave', message: 'must be an integer', value: 1.5 })]);
    expect(() => app.synth()).toThrow(/argoCd.syncWave must be an integer \(got 1.5\)/);
  });

  test('warns that a Job TTL makes Argo CD run the test again', () => {
    // GIVEN a Job TTL from the operator configuration, in Argo CD mode
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: {}, operatorConfig: { jobTtlSecondsAfterFinished: 600 } });

    // THEN it synthesizes with a warning on the TTL
    expect(test.problems).toEqual([]);
    expect(test.warnings).toEqual([expect.objectContaining({ path: 'operatorConfig.jobTtlSecondsAfterFinished', value: 600 })]);
    expect(test.warnings[0].message).toMatch(/Argo CD then recreates them and the load test runs again/);
  });

  test('does not warn about a Job TTL without Argo CD', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), operatorConfig: { jobTtlSecondsAfterFinished: 600 } });
    expect(test.warnings).toEqual([]);
  });
});
