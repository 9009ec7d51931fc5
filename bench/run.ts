/**
 * What `cdk8s-locust run` costs on top of the Locust processes it starts: the same 8 s test (one
 * master, one worker, against a local HTTP server) run by the command, and started by hand as
 * the same processes with the same args, env and files (the plan the command makes). Runs
 * alternate, so that the machine's load falls on both alike; the medians are compared.
 *
 * Run with `npm run bench:run` (it builds first). Needs `locust` on PATH. The project promises
 * that the command adds at most 1 s.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dispatch as cli } from '../src/cli/dispatch';
import { findOnPath } from '../src/local-run/locust-program';
import { planLocalRun, ProcessPlan } from '../src/local-run/plan';
import { freePort } from '../src/local-run/runner';
import { createReportsFolder, planRunReports } from '../src/local-run/run-reports';
import { KubeObject, selectTest } from '../src/local-run/select';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'lib', 'src', 'cli', 'main.js');

const INPUT = `apiVersion: v1
kind: ConfigMap
metadata: {name: bench-files, namespace: load}
data:
  shop.py: |
    from locust import HttpUser, constant, task


    class Shopper(HttpUser):
        wait_time = constant(0.1)

        @task
        def checkout(self):
            self.client.get("/checkout")
---
apiVersion: locust.io/v2
kind: LocustTest
metadata: {name: bench, namespace: load}
spec:
  image: locustio/locust:2.43.1
  master: {command: "--locustfile /lotest/src/shop.py --users 4 --spawn-rate 4 --run-time 8s"}
  worker: {command: "--locustfile /lotest/src/shop.py", replicas: 1}
  testFiles: {configMapRef: bench-files}
`;

/** Runs a program to its end; its output is kept only to explain a failure. */
function waitFor(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => done({ code, output }));
  });
}

async function byCommand(file: string, host: string, work: string): Promise<number> {
  const started = process.hrtime.bigint();
  const { code, output } = await waitFor(process.execPath, [BIN, 'run', file, '--host', host, '--reports', join(work, 'command-reports')], { cwd: work, env: process.env });
  if (code !== 0) throw new Error(`cdk8s-locust run exited ${String(code)}:\n${output}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function writeEntries(plan: ProcessPlan): void {
  for (const entry of plan.entries) {
    if (entry.kind === 'directory') {
      mkdirSync(entry.path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(entry.path), { recursive: true });
    writeFileSync(entry.path, entry.content);
    chmodSync(entry.path, entry.mode);
  }
}

/** The processes the command would start, started directly: what a person would type, prepared beforehand. */
async function byHand(objects: KubeObject[], host: string, locust: string, work: string): Promise<number> {
  const selected = selectTest(objects);
  if (!('test' in selected)) throw new Error(selected.problem.message);
  const root = mkdtempSync(join(work, 'hand-'));
  const planned = planLocalRun(selected.test, { host }, { root, masterPort: await freePort(), webPort: await freePort() });
  if (!('plan' in planned)) throw new Error(JSON.stringify(planned.problems));
  const { reports } = planRunReports(planned.plan, selected.test, { reportsParent: join(work, 'hand-reports') }, root, new Date());
  createReportsFolder(reports);
  const processes = [reports.plan.master, ...reports.plan.workers];
  processes.forEach(writeEntries);
  const started = process.hrtime.bigint();
  const [master] = await Promise.all(processes.map((plan) => waitFor(locust, [...plan.args], { cwd: plan.cwd, env: { PATH: process.env.PATH, HOME: plan.cwd, ...plan.env } })));
  if (master.code !== 0) throw new Error(`the master started by hand exited ${String(master.code)}:\n${master.output}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const locust = findOnPath('locust', process.env.PATH ?? '');
  if (locust === undefined) throw new Error('locust is not on PATH: install it to measure run');
  const server = createServer((_request, response) => response.end('ok\n'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-bench-run-'));
  try {
    const file = join(work, 'bench.yaml');
    writeFileSync(file, INPUT);
    const rendered = cli(['render', file]);
    const objects = parseAllDocuments(rendered.stdout).map((document) => document.toJS() as KubeObject);
    const command: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      hand.push(await byHand(objects, host, locust, work));
      command.push(await byCommand(file, host, work));
    }
    const [c, h] = [median(command), median(hand)];
    console.log(`cdk8s-locust run, an 8 s test with 1 worker, median of ${RUNS} alternating runs`);
    console.log('| started | wall s (each run) | median s |');
    console.log('| --- | --- | ---: |');
    console.log(`| by hand (same processes, args, env, files) | ${hand.map((s) => s.toFixed(2)).join(', ')} | ${h.toFixed(2)} |`);
    console.log(`| cdk8s-locust run | ${command.map((s) => s.toFixed(2)).join(', ')} | ${c.toFixed(2)} |`);
    console.log(`overhead: ${(c - h).toFixed(2)} s; ratio run / by hand: ${(c / h).toFixed(3)}`);
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
