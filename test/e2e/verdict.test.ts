import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { LocustTest, TestFiles, Thresholds } from '../../src';
import { tempTree } from '../temp-tree';
import { describeWithLocust, E2E_TIMEOUT_MS, runInProcess, synthYaml, useWorkspace } from './harness';
import { describeOnLocusts, LOCUST_OLDEST_AND_NEWEST } from './locust-versions';

/**
 * The verdict through `cdk8s-locust run` with real Locust: tests built with the construct,
 * synthesized as `cdk8s synth` writes them, run as a master and a worker against a local target
 * whose /fail answers 500 and /slow answers after 60 ms.
 */
const BOUND = ['--timeout', '40'];

const workspace = useWorkspace('verdict', 200, { '/fail': { status: 500 }, '/slow': { delayMs: 60 } });

/** A locustfile whose users visit the paths in turn, with an optional quitting listener of its own. */
function locustfile(paths: string[], listener = ''): string {
  return [
    'from locust import HttpUser, constant, events, task',
    '',
    `PATHS = ${JSON.stringify(paths)}`,
    '',
    '',
    'class Shopper(HttpUser):',
    '    wait_time = constant(0.05)',
    '    visits = 0',
    '',
    '    @task',
    '    def visit(self):',
    '        self.visits += 1',
    '        self.client.get(PATHS[self.visits % len(PATHS)])',
    '',
    listener,
  ].join('\n');
}

/** Writes the synthesized test (a master, one worker, a 3 s run) and returns its file. */
function synthesizedTest(name: string, thresholds: Thresholds, script: string, withReports = false): string {
  const directory = tempTree({ 'shop.py': script });
  const yaml = synthYaml((chart) => {
    const reports = withReports
      ? { volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'Reports', kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', 'load-reports')) }
      : undefined;
    new LocustTest(chart, name, {
      name,
      runId: 'e2e-1',
      testFiles: TestFiles.fromDirectory(directory),
      thresholds,
      ...(reports ? { reports } : {}),
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: '--locustfile /lotest/src/shop.py --host http://shop.example.com --users 2 --spawn-rate 2 --run-time 3s' },
        worker: { command: '--locustfile /lotest/src/shop.py', replicas: 1 },
      },
    });
  });
  const file = join(workspace.dir, `${name}.k8s.yaml`);
  writeFileSync(file, yaml);
  return file;
}

const breaches = (output: string) => output.split('\n').filter((line) => line.includes('threshold breached: ')).map((line) => line.replace(/^.*threshold breached: /, ''));

describeOnLocusts('the verdict with real Locust, through cdk8s-locust run', (locust) => {
  test('a test whose thresholds hold exits 0, although some requests failed, and keeps its HTML and CSV reports on the claim', async () => {
    // GIVEN one request in ten fails, which Locust alone would fail the run for, and up to half may
    const file = synthesizedTest('passing', {
      maxFailRatio: 0.5,
      maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.seconds(2) }],
      minRequestsPerSecond: 1,
    }, locustfile(['/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/fail']), true);
    const failuresBefore = workspace.target.count('/fail');

    // WHEN it runs, keeping the run's folder
    const result = await runInProcess(['run', file, '--host', workspace.target.url, '--keep', ...BOUND, ...locust.runArgs]);
    const root = /run: files kept in (\S+)/.exec(result.stdout)?.[1];
    try {
      // THEN the master passed, saying so, although requests failed
      expect(result.stderr).not.toContain('Traceback');
      expect(breaches(result.stdout + result.stderr)).toEqual([]);
      expect(result.stdout + result.stderr).toMatch(/thresholds held: fail ratio 0\.\d+ \(\d+ of \d+ requests\) <= 0\.5/);
      expect(workspace.target.count('/fail')).toBeGreaterThan(failuresBefore);
      expect(result.stdout).toContain('run: master exited with code 0');
      expect(result.status).toBe(0);

      // AND the folder standing in for the claim holds the HTML report and the CSV stats of the run
      const folder = /run: stand-in: PersistentVolumeClaim load-reports of the master \(\/opt\/cdk8s-locust\/reports\): the folder (\S+?)(,|$)/m.exec(result.stdout)?.[1];
      expect(folder).toBeDefined();
      expect(readdirSync(folder!).sort()).toEqual(expect.arrayContaining(['passing-e2e-1.html', 'passing-e2e-1_stats.csv', 'passing-e2e-1_failures.csv', 'passing-e2e-1_stats_history.csv']));
      expect(readFileSync(join(folder!, 'passing-e2e-1_stats.csv'), 'utf8')).toContain('Aggregated');
      expect(readFileSync(join(folder!, 'passing-e2e-1.html'), 'utf8')).toContain('<html');

      // AND beside them the run's summary, written by this Locust (the harness checks it against the schema)
      const summary = JSON.parse(readFileSync(join(folder!, 'passing-e2e-1.summary.json'), 'utf8'));
      expect(summary).toMatchObject({ test: 'passing', runId: 'e2e-1', verdict: 'pass', exitCode: 0 });
      if (locust.version !== undefined) expect(summary.locustVersion).toBe(locust.version);
      expect(summary.thresholds.map((threshold: { name: string; passed: boolean }) => [threshold.name, threshold.passed])).toEqual(expect.arrayContaining([['fail-ratio', true], ['p95', true], ['rps', true]]));
      const endpoint = (name: string) => summary.endpoints.find((e: { method: string; name: string }) => e.method === 'GET' && e.name === name);
      expect(endpoint('/ok').requests).toBeGreaterThan(0);
      expect(endpoint('/fail').failures).toBeGreaterThan(0);
      expect(summary.total.requests).toBe(endpoint('/ok').requests + endpoint('/fail').requests);
    } finally {
      if (root !== undefined && existsSync(root)) rmSync(root, { recursive: true, force: true });
    }
  }, E2E_TIMEOUT_MS);

});

describeOnLocusts('the verdict with real Locust, through cdk8s-locust run', (locust) => {
  test('a locustfile with its own quitting listener that passes every run still fails on a breach', async () => {
    // GIVEN the locustfile forces exit code 0 when Locust quits
    const listener = '@events.quitting.add_listener\ndef always_pass(environment, **kwargs):\n    environment.process_exit_code = 0\n';
    const file = synthesizedTest('own-listener', { maxFailRatio: 0.01 }, locustfile(['/fail'], listener));

    // WHEN the thresholds are breached
    const result = await runInProcess(['run', file, '--host', workspace.target.url, ...BOUND, ...locust.runArgs]);

    // THEN the verdict of the thresholds is the master's exit code
    expect(breaches(result.stdout + result.stderr)).toEqual([expect.stringMatching(/^fail ratio 1 \(\d+ of \d+ requests\) > 0\.01$/)]);
    expect(result.status).toBe(1);
  }, E2E_TIMEOUT_MS);
}, LOCUST_OLDEST_AND_NEWEST);

describeWithLocust('the verdict with real Locust, through cdk8s-locust run', () => {
  test('a breached maxFailRatio makes the master exit 1, with the measured ratio and the limit in its log', async () => {
    const file = synthesizedTest('failing', { maxFailRatio: 0.01 }, locustfile(['/ok', '/fail']));
    const result = await runInProcess(['run', file, '--host', workspace.target.url, ...BOUND]);
    expect(breaches(result.stdout + result.stderr)).toEqual([expect.stringMatching(/^fail ratio 0\.\d+ \(\d+ of \d+ requests\) > 0\.01$/)]);
    expect(result.stdout).toContain('run: master exited with code 1');
    expect(result.status).toBe(1);
  }, E2E_TIMEOUT_MS);

  test('a breached percentile makes the master exit 1, although no request failed', async () => {
    // GIVEN every request takes about 60 ms, none fails, and p95 may not exceed 20 ms
    const file = synthesizedTest('slow', { maxFailRatio: 0, maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.millis(20) }] }, locustfile(['/slow']));

    // WHEN it runs
    const result = await runInProcess(['run', file, '--host', workspace.target.url, ...BOUND]);

    // THEN the percentile alone is breached, and the run fails
    expect(breaches(result.stdout + result.stderr)).toEqual([expect.stringMatching(/^p95 response time \d+ ms > 20 ms$/)]);
    expect(result.status).toBe(1);
  }, E2E_TIMEOUT_MS);
});
