import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { findOnPath } from '../../src/local-run/locust-program';
import { executeLocalRun } from '../../src/local-run/runner';
import { summarySchemaErrors } from '../../src/verdict/summary';
import { SUMMARY_LOG_PREFIX } from '../../src/verdict/summary-python';
import { CLI_BIN } from '../built-cli';

/**
 * What the end-to-end tests share: the real `locust` (tests skip, with a line saying so, where
 * it is missing; in CI they fail instead), an HTTP target on 127.0.0.1 that counts what it
 * receives, and `cdk8s-locust run` both in process and as the built command.
 */

/** The `locust` the runs start, if this machine has one. */
export const LOCUST = findOnPath('locust', process.env.PATH ?? '');

/** A locustfile that pings the target five times a second per user, so a 3 s run sends dozens of requests. */
export const PING_LOCUSTFILE = `from locust import HttpUser, constant, task


class Pinger(HttpUser):
    wait_time = constant(0.2)

    @task
    def ping(self):
        self.client.get("/ping")
`;

/** The options of a short run: two users, at once, for 3 s. */
export const SHORT_RUN = '--users 2 --spawn-rate 2 --run-time 3s';

/**
 * A LocustTest in namespace `load` and the ConfigMap of its locustfile, as a user's YAML: a short
 * run of two workers against a cluster-internal host (so `run` needs `--host`); `spec` replaces
 * whole fields of the spec (`master`, `worker`...).
 */
export function locustTestYaml(name: string, spec: Record<string, unknown> = {}, locustfile = PING_LOCUSTFILE): string {
  const files = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-files`, namespace: 'load' }, data: { 'locustfile.py': locustfile } };
  const test = {
    apiVersion: 'locust.io/v2',
    kind: 'LocustTest',
    metadata: { name, namespace: 'load' },
    spec: {
      image: 'locustio/locust:2.43.1',
      master: { command: `--locustfile /lotest/src/locustfile.py --host http://shop.example.com ${SHORT_RUN}` },
      worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
      testFiles: { configMapRef: `${name}-files` },
      ...spec,
    },
  };
  return `${stringify(files)}---\n${stringify(test)}`;
}

/** Bound of one end-to-end test, in ms: a run is a few seconds of load plus Locust's start and stop. */
export const E2E_TIMEOUT_MS = 60_000;

/**
 * `describe` when `locust` is installed. Without it the tests are skipped with a visible line,
 * except in CI (`CI=true`), where a missing Locust is a failure: CI must run them.
 */
export function describeWithLocust(name: string, tests: () => void): void {
  if (LOCUST !== undefined) {
    describe(name, tests);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      test('fails when locust is not installed in CI', () => {
        throw new Error('locust is not on PATH: CI installs it with scripts/install-locust.sh (see .ci/run)');
      });
    });
  } else {
    console.warn(`skipped: ${name}: locust is not on PATH (install Debian's python3-locust or pip install locust to run the end-to-end tests)`);
    describe.skip(name, tests);
  }
}

/** A request the target received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
}

/** An HTTP server on 127.0.0.1 standing in for the system under test. */
export interface Target {
  /** `http://127.0.0.1:PORT`, for `--host`. */
  readonly url: string;
  readonly requests: readonly ReceivedRequest[];
  /** Requests received for `path` (without the query), or all of them. */
  count(path?: string): number;
  close(): Promise<void>;
}

/** How the target answers one path: its status, after a delay. */
export interface Route {
  /** @default - the target's status */
  readonly status?: number;
  /** @default 0 */
  readonly delayMs?: number;
}

/** Starts a target answering every request with `status`, except the paths `routes` names. */
export function startTarget(status = 200, routes: Readonly<Record<string, Route>> = {}): Promise<Target> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const path = (request.url ?? '').split('?')[0];
    requests.push({ method: request.method ?? '', path });
    request.resume();
    const route = routes[path] ?? {};
    const answer = () => response.writeHead(route.status ?? status, { 'content-type': 'text/plain' }).end('ok\n');
    if (route.delayMs === undefined) answer();
    else setTimeout(answer, route.delayMs);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        count: (path) => requests.filter((request) => path === undefined || request.path === path).length,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

/** What a run printed, its exit status and how long it took. */
export interface RunOutput {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(Buffer.from(chunk)); done(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Where runs keep their reports when a test does not say (`run` keeps them in ./locust-reports by
 * default): a scratch folder of the test file, so that no run writes into the repository.
 */
let reportsScratch: string | undefined;
afterAll(() => {
  if (reportsScratch !== undefined) rmSync(reportsScratch, { recursive: true, force: true });
  reportsScratch = undefined;
});

/** `run` args with `--reports` into the scratch folder, unless they choose where reports go themselves. */
function withScratchReports(args: string[]): string[] {
  if (args[0] !== 'run' || args.some((arg) => arg === '--no-reports' || arg === '--reports' || arg.startsWith('--reports='))) return args;
  reportsScratch ??= mkdtempSync(join(tmpdir(), 'cdk8s-locust-e2e-reports-'));
  return [...args, '--reports', reportsScratch];
}

/**
 * Every summary a run produced, as a log line of the master or as a file of the scratch reports
 * folder, checked against the JSON Schema the package ships: a run whose summary is not valid
 * fails the test that made it.
 */
export function expectValidSummaries(output: string): void {
  const fromLog = output.split('\n').filter((line) => line.includes(SUMMARY_LOG_PREFIX)).map((line) => line.slice(line.indexOf(SUMMARY_LOG_PREFIX) + SUMMARY_LOG_PREFIX.length));
  const fromFiles = reportsScratch === undefined ? [] : readdirSync(reportsScratch, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.summary.json')).map((name) => readFileSync(join(reportsScratch!, name), 'utf8'));
  for (const text of [...fromLog, ...fromFiles]) {
    const errors = summarySchemaErrors(JSON.parse(text));
    if (errors.length > 0) throw new Error(`a run wrote a summary that its schema refuses: ${errors.join('; ')}\n${text}`);
  }
}

/** `cdk8s-locust ARGS` in this process, the way main.ts runs it (which aborts on SIGINT): what coverage measures. */
export async function runInProcess(args: string[], signal?: AbortSignal): Promise<RunOutput> {
  const started = Date.now();
  const result = dispatch(withScratchReports(args));
  if (result.localRun === undefined) return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
  const stdout = collector();
  const stderr = collector();
  const status = await executeLocalRun(result.localRun.test, { ...result.localRun.options, signal }, { stdout: stdout.stream, stderr: stderr.stream });
  expectValidSummaries(stdout.text() + stderr.text());
  return { status, stdout: result.stdout + stdout.text(), stderr: result.stderr + stderr.text(), seconds: (Date.now() - started) / 1000 };
}

/** The built command, spawned as a user runs it (call `ensureBuilt()` first). */
export function runBinary(args: string[], cwd: string): Promise<RunOutput> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...withScratchReports(args)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (status) => {
      try {
        expectValidSummaries(stdout + stderr);
        resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The YAML `cdk8s synth` would write for a chart that `build` fills. */
export function synthYaml(build: (chart: Chart) => void, namespace = 'load'): string {
  const app = new App({ outdir: '/nonexistent-never-written' });
  build(new Chart(app, 'e2e', { namespace }));
  return app.synthYaml();
}

/** The scratch folder and the target that one end-to-end test file shares among its tests. */
export interface Workspace {
  /** The scratch folder, removed after the file's tests. */
  readonly dir: string;
  /** The counting HTTP target on 127.0.0.1, closed after the file's tests. */
  readonly target: Target;
  /** Writes `text` to `name` in the scratch folder and returns its path. */
  file(name: string, text: string): string;
}

/**
 * Makes a scratch folder and starts a target before the calling file's tests, and removes both
 * after them. Call it at the top level of a test file; the fields are ready inside its tests.
 */
export function useWorkspace(name: string, ...target: Parameters<typeof startTarget>): Workspace {
  let dir: string | undefined;
  let started: Target | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `cdk8s-locust-e2e-${name}-`));
    started = await startTarget(...target);
  });
  afterAll(async () => {
    await started?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the workspace is ready only inside the tests of the file that made it');
    return value;
  };
  return {
    get dir() {
      return ready(dir);
    },
    get target() {
      return ready(started);
    },
    file(fileName: string, text: string): string {
      const path = join(ready(dir), fileName);
      writeFileSync(path, text);
      return path;
    },
  };
}
