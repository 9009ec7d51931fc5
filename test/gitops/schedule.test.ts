import { ApiObject, App, Chart, Cron, JsonPatch } from 'cdk8s';
import { ArgoCdHook, LocustTest, RenderMode, TestFiles } from '../../src';
import { minimalSpec } from '../fixtures';
import { find, locustContainer, synthChart } from '../util';
import { tempTree } from '../temp-tree';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

describe('schedule mode', () => {
  test('turns master and worker into two CronJobs with the same schedule, no concurrent run, a starting deadline and bounded history', () => {
    // GIVEN a test scheduled daily
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec: minimalSpec(), schedule: Cron.daily() }));

    // THEN both CronJobs carry the schedule and the run policy
    for (const name of ['soak-master', 'soak-worker']) {
      const cronJob = find(objects, 'CronJob', name);
      expect(cronJob.spec).toEqual(expect.objectContaining({
        schedule: '0 0 * * *',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
      }));
    }
    // AND no Job is written: the CronJobs create them; the master Service stays
    expect(objects.filter((o) => o.kind === 'Job')).toEqual([]);
    expect(find(objects, 'Service', 'soak-master').spec.selector).toEqual({ 'performance-test-pod-name': 'soak-master' });
  });

  test('keeps the worker Job template unchanged inside the CronJob, still pointing at the master Service', () => {
    // GIVEN the same test once and on a schedule
    const once = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec: minimalSpec() }));
    const scheduled = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec: minimalSpec(), schedule: Cron.schedule({ minute: '0', hour: '2' }) }));

    // THEN the worker CronJob's job template is the worker Job's spec
    const template = find(scheduled, 'CronJob', 'soak-worker').spec.jobTemplate;
    expect(template).toEqual({ spec: find(once, 'Job', 'soak-worker').spec });
    expect(locustContainer(template).args).toContain('--master-host=soak-master');
    expect(find(scheduled, 'CronJob', 'soak-worker').spec.schedule).toBe('0 2 * * *');
  });

  test('bounds how long the master waits for its workers, and changes nothing else of its Job', () => {
    // GIVEN the same test once and on a schedule
    const once = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec: minimalSpec() }));
    const scheduled = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec: minimalSpec(), schedule: Cron.daily() }));

    // THEN the master's args gain --expect-workers-max-wait=600 right after --expect-workers
    const onceArgs: string[] = locustContainer(find(once, 'Job', 'soak-master')).args;
    const jobSpec = find(scheduled, 'CronJob', 'soak-master').spec.jobTemplate.spec;
    const args: string[] = jobSpec.template.spec.containers[0].args;
    const at = onceArgs.indexOf('--expect-workers=3') + 1;
    expect(args).toEqual([...onceArgs.slice(0, at), '--expect-workers-max-wait=600', ...onceArgs.slice(at)]);
    // AND the rest of the Job spec is the master Job's
    const withoutArgs = (spec: any) => ({ ...spec, template: { ...spec.template, spec: { ...spec.template.spec, containers: [{ ...spec.template.spec.containers[0], args: [] }] } } });
    expect(withoutArgs(jobSpec)).toEqual(withoutArgs(find(once, 'Job', 'soak-master').spec));
  });

  test('lets the master extraArgs override the wait for workers, since they come last', () => {
    const spec = minimalSpec({ master: { command: '--locustfile /lotest/src/locustfile.py', extraArgs: ['--expect-workers-max-wait=1200'] } });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec, schedule: Cron.daily() }));
    const args: string[] = find(objects, 'CronJob', 'soak-master').spec.jobTemplate.spec.template.spec.containers[0].args;
    expect(args.filter((a) => a.startsWith('--expect-workers-max-wait'))).toEqual(['--expect-workers-max-wait=600', '--expect-workers-max-wait=1200']);
    expect(args[args.length - 1]).toBe('--expect-workers-max-wait=1200');
  });

  test('under Argo CD, puts the CronJobs after the Service and ConfigMaps, with no sync options', () => {
    // GIVEN a scheduled test from a directory, laid out for Argo CD
    const dir = tempTree({ 'locustfile.py': 'from locust import HttpUser\n' });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'soak', spec: minimalSpec(), testFiles: TestFiles.fromDirectory(dir), argoCd: {}, schedule: Cron.daily() }));

    // THEN the CronJobs take the later wave only: their job template may change in place
    for (const name of ['soak-master', 'soak-worker']) {
      expect(find(objects, 'CronJob', name).metadata.annotations).toEqual({ [SYNC_WAVE]: '1' });
    }
    expect(find(objects, 'Service', 'soak-master').metadata.annotations[SYNC_WAVE]).toBe('0');
    expect(objects.find((o) => o.kind === 'ConfigMap')!.metadata.annotations[SYNC_WAVE]).toBe('0');
    expect(objects.filter((o) => o.metadata.annotations?.[SYNC_OPTIONS] !== undefined)).toEqual([]);
  });

  test('does not warn about a Job TTL under Argo CD: the CronJobs own their Jobs', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'soak', spec: minimalSpec(), argoCd: {}, schedule: Cron.daily(), operatorConfig: { jobTtlSecondsAfterFinished: 600 } });
    expect(test.warnings).toEqual([]);
  });

  test('exposes the CronJobs for escape hatches, and refuses the Jobs', () => {
    // GIVEN a scheduled test whose master CronJob is patched
    const app = new App({ outdir: '/nonexistent-never-written' });
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'soak', spec: minimalSpec(), schedule: Cron.daily() });
    ApiObject.of(test.masterCronJob).addJsonPatch(JsonPatch.add('/spec/suspend', true));

    // THEN the patch lands, and the Job getters say why there are none
    expect(test.masterCronJob.toJson().spec.suspend).toBe(true);
    expect(test.workerCronJob.metadata.name).toBe('soak-worker');
    expect(() => test.masterJob).toThrow(/runs on a schedule, so it has CronJobs and no master Job/);
    expect(() => new LocustTest(new Chart(new App(), 'd'), 't', { name: 'once', spec: minimalSpec() }).masterCronJob).toThrow(/has no schedule/);
  });

  test('fails when combined with hook mode', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'soak', spec: minimalSpec(), argoCd: { hook: ArgoCdHook.POST_SYNC }, schedule: Cron.daily() });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'schedule', value: '0 0 * * *' })]);
    expect(test.problems[0].message).toMatch(/cannot be combined with an Argo CD hook/);
  });

  test('fails when combined with a run id', () => {
    const app = new App();
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'soak', spec: minimalSpec(), runId: 'r1', schedule: Cron.daily() });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'runId', message: 'means nothing with a schedule: every scheduled run is a new run', value: 'r1' })]);
    expect(() => app.synth()).toThrow(/runId means nothing with a schedule/);
  });

  test('fails when the CronJob names would pass 52 characters', () => {
    // GIVEN a 46-character name: the Job names fit in 63, the CronJob names do not fit in 52
    const name = 'a'.repeat(46);
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name, spec: minimalSpec(), schedule: Cron.daily() });

    // THEN the name is refused, with the limit
    expect(test.problems).toEqual([expect.objectContaining({ path: 'metadata.name', value: name, fix: 'shorten the name to 45 characters or fewer' })]);
  });

  test('accepts a 45-character name', () => {
    const name = 'a'.repeat(45);
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name, spec: minimalSpec(), schedule: Cron.daily() }));
    expect(find(objects, 'CronJob', `${name}-worker`).metadata.name).toHaveLength(52);
  });

  test('fails when the cron expression does not have five fields', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'soak', spec: minimalSpec(), schedule: Cron.schedule({ minute: '0 2' }) });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'schedule', value: '0 2 * * * *' })]);
    expect(test.problems[0].message).toMatch(/five fields/);
  });

  test.each([
    [{ minute: '0', hour: '25' }, 'expected range 0-23'],
    [{ minute: '61' }, 'expected range 0-59'],
    [{ minute: '0', hour: '2', weekDay: '7' }, 'day of week above 6'],
  ])('fails when a field is out of the range Kubernetes takes (%j)', (fields, why) => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'soak', spec: minimalSpec(), schedule: Cron.schedule(fields) });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'schedule', message: expect.stringContaining(why) })]);
  });

  test('fails when a schedule is asked of operator mode', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'soak', spec: minimalSpec(), mode: RenderMode.OPERATOR, schedule: Cron.daily() });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'schedule', value: '0 0 * * *' })]);
    expect(test.problems[0].message).toMatch(/needs the workload mode/);
  });
});
