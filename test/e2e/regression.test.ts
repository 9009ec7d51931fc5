import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as kplus from 'cdk8s-plus-28';
import { LocustTest, LocustTestOptions, RegressionBaseline, TestFiles } from '../../src';
import { packageVersion } from '../../src/core/version';
import { compareWithBaseline } from '../../src/verdict/regression';
import { RunSummary, summarySchemaErrors } from '../../src/verdict/summary';
import { verdictModuleFileName, verdictModuleSource } from '../../src/verdict/verdict-module';
import { tempTree } from '../temp-tree';
import { summary as summaryFixture } from '../verdict/summary-fixtures';
import { describeWithLocust, E2E_TIMEOUT_MS, LOCUST, runInProcess, startTarget, synthYaml, Target, useWorkspace } from './harness';

/**
 * Summaries and the regression gate with real Locust: the same test against a fast target and
 * a slower one (every /checkout answered after 80 ms), through `cdk8s-locust run` and, for the
 * in-cluster forms, through the rendered pods. Every summary a run writes is checked against the
 * JSON Schema the package ships.
 */
const workspace = useWorkspace('regression');
let slow: Target;
beforeAll(async () => { slow = await startTarget(200, { '/checkout': { delayMs: 80 } }); });
afterAll(async () => { await slow?.close(); });

const LOCUSTFILE = `from locust import HttpUser, constant, task


class Shopper(HttpUser):
    wait_time = constant(0.05)

    @task
    def checkout(self):
        self.client.get("/checkout")
`;
const BOUND = ['--timeout', '40'];

/** The synthesized test, one master and one worker for 3 s, with the given options; returns its file. */
function synthesizedTest(name: string, options: (chart: kplus.Volume | undefined) => Partial<LocustTestOptions> = () => ({}), withReports = false): string {
  const directory = tempTree({ 'shop.py': LOCUSTFILE });
  const yaml = synthYaml((chart) => {
    const volume = withReports ? kplus.Volume.fromPersistentVolumeClaim(chart, 'Reports', kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', 'load-reports')) : undefined;
    new LocustTest(chart, name, {
      name,
      testFiles: TestFiles.fromDirectory(directory),
      ...(volume ? { reports: { volume } } : {}),
      ...options(volume),
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: '--locustfile /lotest/src/shop.py --host http://shop.example.com --users 2 --spawn-rate 2 --run-time 3s' },
        worker: { command: '--locustfile /lotest/src/shop.py', replicas: 1 },
      },
    });
  });
  return workspace.file(`${name}.k8s.yaml`, yaml);
}

/** The one summary under a folder of runs (`<folder>/<name>-<time>/<name>.summary.json`), checked against the schema. */
function writtenSummary(folder: string): { file: string; summary: RunSummary } {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.summary.json'));
  expect(files).toHaveLength(1);
  const file = join(folder, files[0]);
  const summary = JSON.parse(readFileSync(file, 'utf8'));
  expect(summarySchemaErrors(summary)).toEqual([]);
  return { file, summary };
}

const regressionLines = (output: string) => output.split('\n').filter((line) => / regression: \S+ of /.test(line)).map((line) => line.replace(/^.* regression: /, ''));

describeWithLocust('summaries and the regression gate with real Locust', () => {
  let fastSummary: { file: string; summary: RunSummary };

  test('a run against a fast target passes and keeps its reports and its summary', async () => {
    // GIVEN a test without thresholds, and a folder for the runs' reports
    const file = synthesizedTest('shop');
    const reports = join(workspace.dir, 'fast-runs');

    // WHEN it runs against the fast target
    const result = await runInProcess(['run', file, '--host', workspace.target.url, '--reports', reports, ...BOUND]);

    // THEN it passes, and its folder holds the HTML, the CSV files and a valid summary of the run
    expect(result.status).toBe(0);
    fastSummary = writtenSummary(reports);
    expect(readdirSync(join(fastSummary.file, '..'))).toEqual(expect.arrayContaining(['shop.html', 'shop_stats.csv', 'shop.summary.json']));
    expect(fastSummary.summary).toMatchObject({ test: 'shop', verdict: 'pass', exitCode: 0, endpoints: [expect.objectContaining({ method: 'GET', name: '/checkout' })] });
    expect(fastSummary.summary.total.requests).toBeGreaterThan(10);

    // AND the master logged the summary as one line, and the run ends with its recap
    expect(result.stdout + result.stderr).toMatch(/cdk8s-locust summary \{"endTime":/);
    expect(result.stdout).toMatch(/run: recap: PASS \(exit code 0\): \d+ requests, 0 failed/);
    expect(result.stdout).toContain(`run: recap: reports in ${join(fastSummary.file, '..')}`);
  }, E2E_TIMEOUT_MS);

  test('the same test against a slower target, with that summary as --baseline, fails on the endpoint\'s p95; compare agrees', async () => {
    // GIVEN the fast run's summary as the baseline
    const file = synthesizedTest('shop');
    const reports = join(workspace.dir, 'slow-runs');

    // WHEN the test runs against the slow target
    const result = await runInProcess(['run', file, '--host', slow.url, '--reports', reports, '--baseline', fastSummary.file, ...BOUND]);

    // THEN the master fails it with a regression line naming the endpoint and the percentile
    expect(result.status).toBe(1);
    expect(regressionLines(result.stdout + result.stderr)).toContainEqual(expect.stringMatching(/^p95 of GET \/checkout \d+ ms is [\d.]+% above the baseline \d+ ms \(at most \+20%\)$/));
    expect(result.stdout).toMatch(/run: recap: FAIL \(exit code 1\)/);

    // AND its summary records the same checks as the library's own comparison
    const slowSummary = writtenSummary(reports);
    expect(slowSummary.summary.verdict).toBe('fail');
    expect(slowSummary.summary.regression?.checks).toEqual(compareWithBaseline(fastSummary.summary, slowSummary.summary));

    // AND compare on the two exits 1, its markdown listing the endpoint
    const compared = await runInProcess(['compare', fastSummary.file, slowSummary.file, '--format', 'markdown']);
    expect(compared.status).toBe(1);
    expect(compared.stdout).toMatch(/^\| GET \/checkout \| p95 \| \d+ ms \| \d+ ms \| \+[\d.]+% \| \+20% \| \*\*regression\*\* \|$/m);
  }, E2E_TIMEOUT_MS);

  test('in the cluster form, a baseline from the repository (a ConfigMap) fails the slower run', async () => {
    // GIVEN the fast run's summary committed as the test's baseline
    const baseline = workspace.file('baseline.summary.json', readFileSync(fastSummary.file, 'utf8'));
    const file = synthesizedTest('shop', () => ({ regression: { baseline: RegressionBaseline.fromFile(baseline) } }));

    // WHEN the rendered pods run against the slow target
    const result = await runInProcess(['run', file, '--host', slow.url, '--no-reports', ...BOUND]);

    // THEN the master, reading the baseline from its ConfigMap volume, fails the run
    expect(result.status).toBe(1);
    expect(regressionLines(result.stdout + result.stderr)).toContainEqual(expect.stringMatching(/^p95 of GET \/checkout /));
  }, E2E_TIMEOUT_MS);

  test('in the cluster form, a first run with its baseline in the reports volume passes and says there is none yet', async () => {
    // GIVEN a test comparing with the newest passing summary of its reports volume, still empty
    const file = synthesizedTest('shop', () => ({ regression: { baseline: RegressionBaseline.fromReports() } }), true);
    const reports = join(workspace.dir, 'claim-runs');

    // WHEN it runs
    const result = await runInProcess(['run', file, '--host', workspace.target.url, '--reports', reports, ...BOUND]);

    // THEN the gate passes, saying why, and the summary on the claim (copied to the run's folder) records it
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toContain('regression: no passing summary of shop in ');
    const written = writtenSummary(reports);
    expect(written.file.endsWith('shop.summary.json')).toBe(true);
    expect(written.summary.regression).toEqual({ baseline: null, checks: [] });
    expect(result.stdout).toContain('run:   regression: no baseline yet, nothing to compare: pass');
  }, E2E_TIMEOUT_MS);

  test('the module takes the newest passing summary of the same test from a reports folder', async () => {
    // GIVEN a reports folder with summaries of another test, of a failed run and of two passing runs
    const folder = join(workspace.dir, 'volume');
    mkdirSync(folder);
    const write = (name: string, given: Partial<RunSummary>) => writeFileSync(join(folder, name), JSON.stringify(summaryFixture({ test: 'shop', ...given })));
    write('other.summary.json', { test: 'other', endTime: '2026-12-03T00:00:00Z' });
    write('shop-3.summary.json', { verdict: 'fail', exitCode: 1, endTime: '2026-12-02T00:00:00Z' });
    write('shop-2.summary.json', { runId: 'newest-pass', endTime: '2026-12-01T12:00:00Z' });
    write('shop-1.summary.json', { runId: 'older-pass', endTime: '2026-12-01T00:00:00Z' });
    const module = workspace.file(verdictModuleFileName(packageVersion()), verdictModuleSource(packageVersion()));
    const locustfile = workspace.file('shop.py', LOCUSTFILE);

    // WHEN a standalone master with that folder as its baseline ends its run
    const log = await new Promise<string>((resolve) => {
      const env = { ...process.env, CDK8S_LOCUST_TEST: 'shop', CDK8S_LOCUST_BASELINE: folder, CDK8S_LOCUST_SUMMARY_FILE: join(folder, 'shop-4.summary.json') };
      const child = spawn(LOCUST ?? 'locust', ['-f', `${module},${locustfile}`, '--headless', '-u', '1', '-r', '1', '-t', '2s', '--host', workspace.target.url, '--only-summary'], { cwd: workspace.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => { output += chunk; });
      child.stderr.on('data', (chunk) => { output += chunk; });
      child.on('close', () => resolve(output));
    });

    // THEN it compared with the newest passing run of its own test
    const written = JSON.parse(readFileSync(join(folder, 'shop-4.summary.json'), 'utf8'));
    expect(summarySchemaErrors(written)).toEqual([]);
    expect(written.regression).toMatchObject({ baseline: join(folder, 'shop-2.summary.json'), baselineRunId: 'newest-pass' });
    expect(log).not.toContain('Traceback');
  }, E2E_TIMEOUT_MS);
});
