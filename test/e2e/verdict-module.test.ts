import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THRESHOLDS_ENV_VAR, verdictModuleFileName, verdictModuleSource } from '../../src/verdict/verdict-module';
import { freePort } from '../../src/local-run/runner';
import { describeWithLocust, expectValidSummaries, LOCUST, startTarget, Target } from './harness';

/**
 * The generated module against real Locust, standalone (`--headless`, the runner that judges like
 * a master) on 127.0.0.1: /ok answers 200 at once, /fail 500, /slow 200 after 60 ms.
 */
const MODULE = verdictModuleFileName('0.0.0-test');
let work: string;
let target: Target;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-verdict-'));
  writeFileSync(join(work, MODULE), verdictModuleSource('0.0.0-test'));
  target = await startTarget(200, { '/fail': { status: 500 }, '/slow': { delayMs: 60 } });
});
afterAll(async () => {
  await target?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A locustfile whose one user hits the given paths in turn, with an optional quitting listener. */
function locustfile(name: string, paths: string[], listener = ''): string {
  const file = join(work, name);
  writeFileSync(file, [
    'from locust import HttpUser, constant, events, task',
    'PATHS = ' + JSON.stringify(paths),
    'class Shopper(HttpUser):',
    '    wait_time = constant(0.01)',
    '    index = 0',
    '    @task',
    '    def visit(self):',
    '        self.index += 1',
    '        self.client.get(PATHS[self.index % len(PATHS)])',
    listener,
  ].join('\n') + '\n');
  return file;
}

/** Runs Locust for 2 seconds with the module loaded first; resolves with its exit code and log. */
function runLocust(file: string, thresholds: object | undefined, runTime = '2s', roleArgs: string[] = []): Promise<{ code: number | null; log: string }> {
  const env = { ...process.env, ...(thresholds ? { [THRESHOLDS_ENV_VAR]: JSON.stringify(thresholds) } : {}) };
  if (!thresholds) delete env[THRESHOLDS_ENV_VAR];
  const args = roleArgs.includes('--worker')
    ? ['-f', `${join(work, MODULE)},${file}`, ...roleArgs]
    : ['-f', `${join(work, MODULE)},${file}`, '--headless', '-u', '2', '-r', '2', '-t', runTime, '--host', target.url, '--only-summary', ...roleArgs];
  return new Promise((resolve, reject) => {
    const child = spawn(LOCUST ?? 'locust', args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk) => { log += chunk; });
    child.stderr.on('data', (chunk) => { log += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        expectValidSummaries(log);
        resolve({ code, log });
      } catch (error) {
        reject(error);
      }
    });
  });
}

const breaches = (log: string) => log.split('\n').filter((line) => line.includes('threshold breached: ')).map((line) => line.replace(/^.*threshold breached: /, ''));

describeWithLocust('the verdict module on real Locust', () => {
  test('exits 0 when every threshold holds, although some requests failed within maxFailRatio', async () => {
    // GIVEN one request in ten fails, and up to half may
    const file = locustfile('some_failures.py', ['/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/ok', '/fail']);

    // WHEN the run ends
    const { code, log } = await runLocust(file, { maxFailRatio: 0.5, maxAverageResponseTimeMs: 1000, maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 1000 }], minRequestsPerSecond: 1 });

    // THEN the master passes, saying each threshold held with its value
    expect(breaches(log)).toEqual([]);
    expect(log).toMatch(/thresholds held: fail ratio 0\.\d+ \(\d+ of \d+ requests\) <= 0\.5, average response time [\d.]+ ms <= 1000 ms, p95 response time [\d.]+ ms <= 1000 ms, requests per second [\d.]+ >= 1/);
    expect(code).toBe(0);
  }, 30_000);

  test('exits 1 when the fail ratio is breached, with the measured ratio and the limit', async () => {
    const file = locustfile('failing.py', ['/ok', '/fail']);
    const { code, log } = await runLocust(file, { maxFailRatio: 0.01 });
    expect(breaches(log)).toEqual([expect.stringMatching(/^fail ratio 0\.\d+ \(\d+ of \d+ requests\) > 0\.01$/)]);
    expect(code).toBe(1);
  }, 30_000);

  test('exits 1 when a percentile is breached, one line per breached threshold', async () => {
    // GIVEN every request takes about 60 ms, and none fails
    const file = locustfile('slow.py', ['/slow']);

    // WHEN p95 and the average may not exceed 10 ms, and the fail ratio is 0
    const { code, log } = await runLocust(file, { maxFailRatio: 0, maxAverageResponseTimeMs: 10, maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 10 }] });

    // THEN both response time limits are named with their values, and only those
    expect(breaches(log)).toEqual([
      expect.stringMatching(/^average response time \d+(\.\d+)? ms > 10 ms$/),
      expect.stringMatching(/^p95 response time \d+ ms > 10 ms$/),
    ]);
    expect(code).toBe(1);
  }, 30_000);

  test('has the last word over a quitting listener of the locustfile that passes the run', async () => {
    // GIVEN a locustfile that forces exit code 0 in its own quitting listener
    const listener = '@events.quitting.add_listener\ndef always_pass(environment, **kwargs):\n    environment.process_exit_code = 0\n';
    const file = locustfile('own_listener.py', ['/fail'], listener);

    // THEN a breach still fails the run
    const { code, log } = await runLocust(file, { maxFailRatio: 0.01 });
    expect(breaches(log)).toHaveLength(1);
    expect(code).toBe(1);
  }, 30_000);

  test('keeps the exit code a listener of the locustfile chose when every threshold holds', async () => {
    const listener = '@events.quitting.add_listener\ndef own_check(environment, **kwargs):\n    environment.process_exit_code = 3\n';
    const file = locustfile('own_code.py', ['/ok'], listener);
    const { code, log } = await runLocust(file, { maxFailRatio: 0.01 });
    expect(log).toContain('thresholds held: fail ratio 0 (0 of');
    expect(code).toBe(3);
  }, 30_000);

  test('fails a run that made no request: there is nothing to judge', async () => {
    const file = join(work, 'idle.py');
    writeFileSync(file, 'from locust import User, constant, task\nclass Idle(User):\n    wait_time = constant(10)\n    @task\n    def rest(self):\n        pass\n');
    const { code, log } = await runLocust(file, { maxFailRatio: 0.01 }, '1s');
    expect(breaches(log)).toEqual(['no request was made, so there is nothing to judge']);
    expect(code).toBe(1);
  }, 30_000);

  test('leaves Locust\'s own verdict alone when the environment carries no thresholds', async () => {
    // GIVEN the module is loaded but the variable is absent: Locust exits 1 on any failed request
    const { code, log } = await runLocust(locustfile('unjudged.py', ['/ok', '/fail']), undefined);
    expect(log).not.toContain('threshold');
    expect(code).toBe(1);
  }, 30_000);

  test('judges on the master only: a worker that loads the module too exits as Locust decides', async () => {
    // GIVEN a master and a worker on a free port, both loading the module, with a breached ratio
    const file = locustfile('distributed.py', ['/ok', '/fail']);
    const port = await freePort();
    const thresholds = { maxFailRatio: 0.01 };
    const master = runLocust(file, thresholds, '2s', ['--master', `--master-bind-host=127.0.0.1`, `--master-bind-port=${port}`, '--expect-workers=1']);
    const worker = runLocust(file, thresholds, '2s', ['--worker', '--master-host=127.0.0.1', `--master-port=${port}`]);

    // THEN the master fails with the breach line, and the worker judges nothing
    const [masterRun, workerRun] = await Promise.all([master, worker]);
    expect(breaches(masterRun.log)).toHaveLength(1);
    expect(masterRun.code).toBe(1);
    expect(workerRun.log).not.toContain('threshold');
    expect(workerRun.code).toBe(0);
  }, 60_000);
});

