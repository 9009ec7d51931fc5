import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { annotatedTestYaml } from '../fixtures';
import { find, initContainer, Manifest } from '../util';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-annotations-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A LocustTest file with the given annotations (YAML flow map entries). */
function testFile(name: string, annotations: string): string {
  const path = join(work, name);
  writeFileSync(path, annotatedTestYaml(annotations));
  return path;
}

function rendered(args: string[]): Manifest[] {
  const result = dispatch(['render', ...args]);
  expect(result.stderr).toBe('');
  return parseAllDocuments(result.stdout).map((d) => d.toJS() as Manifest);
}

describe('run annotations on the LocustTest resource', () => {
  test('cdk8s-locust/argocd-hook makes both Jobs hooks of that phase, without --argocd', () => {
    // GIVEN a LocustTest annotated as a PostSync hook with a 30 s start delay
    const input = testFile('hook.yaml', '"cdk8s-locust/argocd-hook": PostSync, "cdk8s-locust/start-delay": "30"');

    // WHEN it is rendered
    const objects = rendered([input]);

    // THEN both Jobs are hooks, held back 30 s, and the Service sits in the earlier wave
    for (const name of ['shop-master', 'shop-worker']) {
      const job = find(objects, 'Job', name);
      expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PostSync');
      expect(job.metadata.annotations['argocd.argoproj.io/sync-options']).toBeUndefined();
      expect(initContainer(job, 'start-delay').command).toEqual(['sleep', '30']);
    }
    expect(find(objects, 'Service', 'shop-master').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
  });

  test('cdk8s-locust/schedule turns the Jobs into two CronJobs on that schedule', () => {
    const objects = rendered([testFile('nightly.yaml', '"cdk8s-locust/schedule": "0 2 * * *"')]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/shop-master', 'CronJob/shop-master', 'CronJob/shop-worker']);
    expect(find(objects, 'CronJob', 'shop-worker').spec.schedule).toBe('0 2 * * *');
  });

  test('with --argocd, a scheduled test puts its CronJobs in the later wave, with no sync options', () => {
    const objects = rendered(['--argocd', testFile('nightly-argo.yaml', '"cdk8s-locust/schedule": "0 2 * * *"')]);
    for (const name of ['shop-master', 'shop-worker']) {
      expect(find(objects, 'CronJob', name).metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
    }
  });

  test('fails when the hook annotation is not a phase, naming the annotation', () => {
    const input = testFile('bad-hook.yaml', '"cdk8s-locust/argocd-hook": PreSync');
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${input}: LocustTest shop: metadata.annotations["cdk8s-locust/argocd-hook"] must be one of Sync, PostSync (got "PreSync"); use PostSync to run the test after each sync, or Sync\n`);
  });

  test('fails when the start delay is not a whole number of seconds', () => {
    const input = testFile('bad-delay.yaml', '"cdk8s-locust/argocd-hook": PostSync, "cdk8s-locust/start-delay": 30s');
    expect(dispatch(['validate', input]).stderr).toContain('metadata.annotations["cdk8s-locust/start-delay"] must be a whole number of seconds, at least 1, as a string (got "30s")');
  });

  test('fails when the start delay is given without a hook, naming the annotation', () => {
    const input = testFile('lone-delay.yaml', '"cdk8s-locust/start-delay": "30"');
    expect(dispatch(['validate', input]).stderr).toContain('metadata.annotations["cdk8s-locust/start-delay"] only applies to hook Jobs');
  });

  test('fails when the schedule does not have five fields', () => {
    const input = testFile('bad-schedule.yaml', '"cdk8s-locust/schedule": "0 2 * * * *"');
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locust/schedule"] must be a cron schedule Kubernetes accepts: five fields (minute hour day-of-month month day-of-week) or a macro such as @daily; it has 6 fields');
  });

  test.each([
    ['an hour past 23', '0 25 * * *', 'expected range 0-23'],
    ['a minute past 59', '61 * * * *', 'expected range 0-59'],
    ['a day of week of 7, which Kubernetes refuses', '0 2 * * 7', 'day of week above 6'],
    ["a Quartz-only 'L'", '0 2 L * *', '"L" in its day of month field'],
    ['an unknown macro', '@fortnightly', 'not a macro Kubernetes knows'],
  ])('fails when the schedule has %s', (_, schedule, why) => {
    // GIVEN a LocustTest scheduled with an expression the API server would refuse in a CronJob
    const input = testFile(`schedule-${schedule.replace(/\W/g, '_')}.yaml`, `"cdk8s-locust/schedule": "${schedule}"`);

    // WHEN it is validated
    const result = dispatch(['validate', input]);

    // THEN it fails on the annotation, saying what is out of range
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const [line, ...rest] = result.stderr.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(line).toContain('metadata.annotations["cdk8s-locust/schedule"] must be a cron schedule Kubernetes accepts');
    expect(line).toContain(why);
  });

  test.each(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', '*/15 2-4 ? JAN-MAR MON-FRI'])('accepts %s, as the CronJob controller does, and writes it as given', (schedule) => {
    const objects = rendered([testFile(`macro-${schedule.replace(/\W/g, '_')}.yaml`, `"cdk8s-locust/schedule": "${schedule}"`)]);
    expect(find(objects, 'CronJob', 'shop-master').spec.schedule).toBe(schedule);
    expect(find(objects, 'CronJob', 'shop-worker').spec.schedule).toBe(schedule);
  });

  test('fails when a cdk8s-locust annotation is misspelt, naming the one meant', () => {
    // GIVEN thresholds under a misspelt key, which would otherwise leave the gate off
    const input = testFile('treshold.yaml', '"cdk8s-locust/treshold": "p95<=800ms"');

    // WHEN it is validated
    const result = dispatch(['validate', input]);

    // THEN the key is refused with the nearest key the command line reads
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${input}: LocustTest shop: metadata.annotations["cdk8s-locust/treshold"] is not an annotation the command line reads (it reads cdk8s-locust/argocd-hook, cdk8s-locust/baseline, cdk8s-locust/regression-limits, cdk8s-locust/schedule, cdk8s-locust/start-delay, cdk8s-locust/thresholds) (got "p95<=800ms"); did you mean cdk8s-locust/thresholds? rename it\n`);
  });

  test('fails when the prefix of an annotation is misspelt', () => {
    const input = testFile('prefix.yaml', '"cdk8s-locus/schedule": "0 2 * * *"');
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locus/schedule"] is not an annotation the command line reads');
    expect(result.stderr).toContain('did you mean cdk8s-locust/schedule?');
  });

  test('leaves annotations of other domains to the objects', () => {
    const objects = rendered([testFile('owner.yaml', '"example.com/owner": payments')]);
    expect(find(objects, 'Job', 'shop-master').metadata.annotations).toEqual({ 'example.com/owner': 'payments' });
  });

  test('fails when a schedule and a hook are both asked for, naming the schedule annotation', () => {
    const input = testFile('both.yaml', '"cdk8s-locust/schedule": "0 2 * * *", "cdk8s-locust/argocd-hook": PostSync');
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locust/schedule"] cannot be combined with an Argo CD hook');
  });

  test('fails when a schedule is given with --run-id, naming the flag', () => {
    const input = testFile('run-id.yaml', '"cdk8s-locust/schedule": "0 2 * * *"');
    expect(dispatch(['validate', '--run-id', 'r1', input]).stderr).toContain('LocustTest shop: --run-id means nothing with a schedule');
  });
});
