import { App, Chart, Duration } from 'cdk8s';
import { ArgoCdHook, LocustTest, RenderMode, TestFiles } from '../../src';
import { minimalSpec } from '../fixtures';
import { find, synthChart } from '../util';
import { tempTree } from '../temp-tree';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const HOOK = 'argocd.argoproj.io/hook';
const HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';

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

describe('Argo CD hook mode', () => {
  test.each([
    [ArgoCdHook.POST_SYNC, 'PostSync'],
    [ArgoCdHook.SYNC, 'Sync'],
  ])('makes both Jobs %s hooks, replaced by the next sync, with no sync options', (hook, phase) => {
    // GIVEN a test whose Jobs are hooks
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook } }));

    // THEN each Job is a hook of that phase, deleted only when the next sync creates it again
    for (const name of ['checkout-master', 'checkout-worker']) {
      const annotations = find(objects, 'Job', name).metadata.annotations;
      expect(annotations[HOOK]).toBe(phase);
      expect(annotations[HOOK_DELETE_POLICY]).toBe('BeforeHookCreation');
      expect(annotations[SYNC_OPTIONS]).toBeUndefined();
    }
  });

  test('puts both hook Jobs in one wave, after the Service and the ConfigMaps, which stay resources', () => {
    // GIVEN locustfiles from a directory and a PostSync hook from wave 3
    const dir = tempTree({ 'locustfile.py': 'from locust import HttpUser\n' });
    const objects = synthChart((chart) => new LocustTest(chart, 't', {
      name: 'checkout', spec: minimalSpec(), testFiles: TestFiles.fromDirectory(dir), argoCd: { hook: ArgoCdHook.POST_SYNC, syncWave: 3 },
    }));

    // THEN the Jobs share wave 4, and the Service and ConfigMap are plain resources of wave 3
    expect(find(objects, 'Job', 'checkout-master').metadata.annotations[SYNC_WAVE]).toBe('4');
    expect(find(objects, 'Job', 'checkout-worker').metadata.annotations[SYNC_WAVE]).toBe('4');
    const service = find(objects, 'Service', 'checkout-master');
    const configMap = objects.find((o) => o.kind === 'ConfigMap')!;
    for (const resource of [service, configMap]) {
      expect(resource.metadata.annotations).toEqual({ [SYNC_WAVE]: '3' });
    }
  });

  test('leaves the pod templates of hook Jobs as they are without a start delay', () => {
    // GIVEN the same test with and without a hook
    const plain = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec() }));
    const hooked = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook: ArgoCdHook.POST_SYNC } }));

    // THEN only the Jobs' own metadata differs
    for (const name of ['checkout-master', 'checkout-worker']) {
      expect(find(hooked, 'Job', name).spec).toEqual(find(plain, 'Job', name).spec);
    }
  });

  test('does not warn about a Job TTL on hook Jobs, which Argo CD does not track', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook: ArgoCdHook.POST_SYNC }, operatorConfig: { jobTtlSecondsAfterFinished: 600 } });
    expect(test.warnings).toEqual([]);
  });

  test('warns when the master of a hook would never exit', () => {
    const spec = minimalSpec({ master: { command: '-f a.py', autoquit: { enabled: false } } });
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec, argoCd: { hook: ArgoCdHook.POST_SYNC } });
    expect(test.warnings.map((w) => w.path)).toEqual(['spec.master.autoquit.enabled']);
  });

  test('holds both pods back by the start delay in a first init container running the test image', () => {
    // GIVEN a PostSync hook with a 45 s start delay and a container security context
    const securityContext = { allowPrivilegeEscalation: false, runAsNonRoot: true };
    const spec = minimalSpec({ security: { containerSecurityContext: securityContext } });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec, argoCd: { hook: ArgoCdHook.POST_SYNC, startDelay: Duration.seconds(45) } }));

    // THEN each pod's first init container sleeps 45 s with the Locust container's image, pull policy, resources and security context
    for (const name of ['checkout-master', 'checkout-worker']) {
      const pod = find(objects, 'Job', name).spec.template.spec;
      const locust = pod.containers[0];
      expect(pod.initContainers[0]).toEqual({
        name: 'start-delay',
        image: locust.image,
        command: ['sleep', '45'],
        imagePullPolicy: locust.imagePullPolicy,
        resources: locust.resources,
        securityContext,
      });
    }
    // AND the metrics exporter sidecar of the master follows it
    expect(find(objects, 'Job', 'checkout-master').spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['start-delay', 'locust-metrics-exporter']);
  });

  test('takes the start delay as written in YAML', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook: ArgoCdHook.POST_SYNC, startDelay: '1m' } }));
    expect(find(objects, 'Job', 'checkout-worker').spec.template.spec.initContainers.find((c: any) => c.name === 'start-delay').command).toEqual(['sleep', '60']);
  });

  test('fails when the start delay is not a duration', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook: ArgoCdHook.SYNC, startDelay: '30 seconds' } });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'argoCd.startDelay', message: 'must be a duration', value: '30 seconds' })]);
  });

  test('fails when the start delay is given without a hook', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: { startDelay: Duration.seconds(30) } });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'argoCd.startDelay', message: 'only applies to hook Jobs', value: '30 seconds' })]);
  });

  test.each([
    ['a fraction of a second', Duration.millis(1500)],
    ['zero', Duration.seconds(0)],
  ])('fails when the start delay is %s', (_what, startDelay) => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook: ArgoCdHook.SYNC, startDelay } });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'argoCd.startDelay', message: 'must be a whole number of seconds, at least 1' })]);
  });

  test('fails when the hook is not a phase the Jobs can be hooks of', () => {
    // GIVEN a hook phase from plain JavaScript, which the enum does not hold
    const app = new App();
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: minimalSpec(), argoCd: { hook: 'PreSync' as ArgoCdHook } });

    // THEN the problem names the field, the value and the choices
    expect(test.problems).toEqual([expect.objectContaining({ path: 'argoCd.hook', message: 'must be one of Sync, PostSync', value: 'PreSync' })]);
    expect(() => app.synth()).toThrow(/argoCd\.hook must be one of Sync, PostSync \(got "PreSync"\)/);
  });

  test('fails when hook mode is asked of operator mode', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), mode: RenderMode.OPERATOR, argoCd: { hook: ArgoCdHook.POST_SYNC } });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'argoCd.hook', value: 'PostSync' })]);
    expect(test.problems[0].message).toMatch(/needs the workload mode/);
  });
});
