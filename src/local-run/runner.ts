import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatProblem, Problem } from '../core/problems';
import { inspectLocustCached } from './locust-inspection-cache';
import { findOnPath, pythonOfLocust, unsupportedFlags } from './locust-program';
import { LocalRunOptions, LocalRunPlan, LOOPBACK, longFlags, planLocalRun, ProcessPlan, SetupStep } from './plan';
import { startProgress } from './progress';
import { recapLines } from './recap';
import { createReportsFolder, keepOwnReports, planRunReports, RunReportOptions } from './run-reports';
import { LocalTest } from './select';

/** Where a run writes: the master's log goes through as it comes, the run's own lines to `stdout`. */
export interface RunStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** How a run is bounded and what it leaves behind. */
export interface ExecuteOptions extends LocalRunOptions, RunReportOptions {
  /** Seconds after which every process is stopped. @default - the master's run time plus 60 s, or 600 s without one */
  readonly timeoutSeconds?: number;
  /** Keep the temporary folder (files, worker logs) after the run. @default false */
  readonly keep?: boolean;
  /** Aborting stops every process, as the timeout does (the command line aborts on SIGINT and SIGTERM). @default - only the timeout stops a run */
  readonly signal?: AbortSignal;
  /** The PATH `locust` is looked up in. @default - this process's PATH */
  readonly path?: string;
  /** How often the progress line is printed, in ms. @default 5000 */
  readonly progressIntervalMs?: number;
}

/** Exit status when the time bound stopped the master, as `timeout(1)` returns. */
export const TIMEOUT_STATUS = 124;
/** Exit status when the run was interrupted, as a shell reports SIGINT. */
export const INTERRUPTED_STATUS = 130;
/** Slack on top of the run time for start, ramp-up and shutdown. */
const DEFAULT_TIMEOUT_MARGIN_S = 60;
/** Bound for a test without a run time, which Locust would run until stopped. */
const DEFAULT_TIMEOUT_WITHOUT_RUN_TIME_S = 600;
/** The longest bound a timer can wait (2^31 - 1 ms, about 24.8 days): beyond it setTimeout fires at once. */
const MAX_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);
/** How long workers may take to leave after the master exited: they quit when it tells them. */
const WORKER_GRACE_MS = 10_000;
/** Between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;
/** Lines of a failed worker's log that are shown. */
const LOG_TAIL_LINES = 15;

/** The variables taken from this machine; the rest comes from the container, as in a pod. */
const HOST_VARIABLES = ['PATH', 'LANG', 'LC_ALL', 'TZ'];

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: string;
}

/** A port of 127.0.0.1 that nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function writeEntries(process: ProcessPlan): void {
  for (const entry of process.entries) {
    if (entry.kind === 'directory') {
      mkdirSync(entry.path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(entry.path), { recursive: true });
    writeFileSync(entry.path, entry.content);
    chmodSync(entry.path, entry.mode);
  }
}

function describeOutcome(outcome: Outcome, why: string | undefined): string {
  if (outcome.error !== undefined) return `could not start: ${outcome.error}`;
  const how = outcome.signal !== null ? `was stopped by ${outcome.signal}` : `exited with code ${String(outcome.code)}`;
  return why === undefined ? how : `${how} (${why})`;
}

/**
 * The master's outcome as this command's exit status: its own code; 124 when the time bound
 * stopped it and 130 when the run was interrupted, whatever Locust exits with on SIGTERM; 128 +
 * the signal when something else killed it; 127 when it could not start.
 */
export function exitStatusOf(outcome: Outcome, stoppedBy: 'time bound' | 'interrupt' | undefined): number {
  if (outcome.error !== undefined) return 127;
  if (stoppedBy === 'time bound') return TIMEOUT_STATUS;
  if (stoppedBy === 'interrupt') return INTERRUPTED_STATUS;
  if (outcome.signal !== null) return 128 + (constants.signals[outcome.signal] ?? 0);
  return outcome.code ?? 1;
}

/** The run's header: what runs, where the load goes, what is left out. */
function describePlan(plan: LocalRunPlan, test: LocalTest, locust: string, version: string, timeoutSeconds: number, webPort: number, keep: boolean): string[] {
  return [
    `test ${test.name}${test.namespace ? ` (namespace ${test.namespace})` : ''}: 1 master, ${plan.workers.length} worker${plan.workers.length === 1 ? '' : 's'}`,
    `target: ${plan.target}`,
    `locust: ${locust} (version ${version || 'unknown'}) instead of the image ${plan.image}`,
    ...plan.notRun.map((line) => `not run: ${line}`),
    ...[plan.master, ...plan.workers].flatMap((process) => (process.setup ?? []).map((step) => `init container: ${step.label}: ${pythonOfLocust(locust)} ${step.pythonArgs.join(' ')}`)),
    ...plan.overrides.map((line) => `local args: ${line}`),
    ...plan.standIns.map((line) => `stand-in: ${line}${keep ? '' : ', removed after the run (--keep keeps it)'}`),
    `web UI: http://${LOOPBACK}:${webPort}`,
    `time bound: ${timeoutSeconds} s, then every process is stopped`,
    `master: locust ${plan.master.args.join(' ')}`,
  ];
}

/**
 * Runs a test's master and workers as local `locust` processes and returns the master's exit
 * status: the verdict a master Job would carry. Every process is stopped within the time bound,
 * and the temporary folder is removed unless `keep` is set.
 */
export async function executeLocalRun(test: LocalTest, options: ExecuteOptions, streams: RunStreams): Promise<number> {
  const say = (line: string) => streams.stdout.write(`run: ${line}\n`);
  const fail = (problems: readonly Problem[]) => {
    for (const problem of problems) streams.stderr.write(`run: ${formatProblem(problem)}\n`);
    return 1;
  };
  const searchPath = options.path ?? process.env.PATH ?? '';
  const locust = findOnPath('locust', searchPath);
  if (locust === undefined) {
    return fail([{ path: 'locust', message: 'is not on PATH', value: searchPath, fix: 'install Locust (pip install locust, or Debian\'s python3-locust) and run again' }]);
  }
  const root = mkdtempSync(join(tmpdir(), `cdk8s-locust-run-${test.name}-`));
  try {
    const [masterPort, webPort] = [await freePort(), await freePort()];
    const planned = planLocalRun(test, options, { root, masterPort, webPort });
    if ('problems' in planned) return fail(planned.problems);
    const { reports, problems } = planRunReports(planned.plan, test, options, root, new Date());
    if (problems.length > 0) return fail(problems);
    const { plan } = reports;
    const program = await inspectLocustCached(locust);
    const unsupported = unsupportedFlags(program, longFlags(plan), plan.image);
    if (unsupported.length > 0) return fail(unsupported);
    const timeoutSeconds = Math.min(MAX_TIMEOUT_S, options.timeoutSeconds
      ?? (plan.runTimeSeconds === undefined ? DEFAULT_TIMEOUT_WITHOUT_RUN_TIME_S : plan.runTimeSeconds + DEFAULT_TIMEOUT_MARGIN_S));
    describePlan(plan, test, locust, program.version, timeoutSeconds, webPort, options.keep === true).forEach(say);
    createReportsFolder(reports);
    const progress = () => startProgress(`http://${LOOPBACK}:${webPort}`, say, options.progressIntervalMs);
    const status = await supervise(plan, locust, root, timeoutSeconds, options.signal, streams, say, progress);
    keepOwnReports(reports);
    recapLines(reports).forEach(say);
    return status;
  } finally {
    if (options.keep) say(`files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/** Runs an init container's `python` args with the Python of the local locust, its output to `log`, bounded in time. */
function runSetup(step: SetupStep, python: string, cwd: string, hostEnv: Record<string, string>, log: string, timeoutSeconds: number, signal: AbortSignal | undefined): Promise<Outcome> {
  const output = openSync(log, 'w');
  // The signal stops it as an interrupt stops Locust: a pip install must not outlive Ctrl-C.
  const child = spawn(python, step.pythonArgs, { cwd, env: { ...hostEnv, HOME: cwd, ...step.env }, stdio: ['ignore', output, output], timeout: timeoutSeconds * 1000, signal });
  closeSync(output);
  return outcomeOf(child);
}

/** How a child ends: its exit code or signal, or why it could not start. */
function outcomeOf(child: ChildProcess): Promise<Outcome> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once('close', (code, exitSignal) => resolve({ code, signal: exitSignal }));
  });
}

async function supervise(plan: LocalRunPlan, locust: string, root: string, timeoutSeconds: number, signal: AbortSignal | undefined, streams: RunStreams, say: (line: string) => void, progress: () => () => void): Promise<number> {
  const logs = join(root, 'logs');
  mkdirSync(logs, { recursive: true });
  const hostEnv: Record<string, string> = {};
  for (const name of HOST_VARIABLES) if (process.env[name] !== undefined) hostEnv[name] = process.env[name]!;

  const running = new Map<ProcessPlan, ChildProcess>();
  const outcomes = new Map<ProcessPlan, Promise<Outcome>>();
  const reasons = new Map<ProcessPlan, string>();
  const start = (plan: ProcessPlan, output: 'inherit' | string) => {
    writeEntries(plan);
    const log = output === 'inherit' ? undefined : openSync(output, 'w');
    const child = spawn(locust, plan.args, {
      cwd: plan.cwd,
      // HOME is the container's working directory, as in the image.
      env: { ...hostEnv, HOME: plan.cwd, ...plan.env },
      stdio: ['ignore', log ?? 'pipe', log ?? 'pipe'],
    });
    if (log !== undefined) closeSync(log);
    child.stdout?.pipe(streams.stdout, { end: false });
    child.stderr?.pipe(streams.stderr, { end: false });
    running.set(plan, child);
    outcomes.set(plan, outcomeOf(child));
  };
  // The last lines of a failed process's log, where its reason is.
  const sayTail = (label: string, log: string) => {
    for (const line of readFileSync(log, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES)) say(`  ${label} | ${line}`);
  };
  const stop = (plans: readonly ProcessPlan[], why: string) => {
    for (const plan of plans) {
      const child = running.get(plan)!;
      if (child.exitCode !== null || child.signalCode !== null) continue;
      reasons.set(plan, why);
      child.kill('SIGTERM');
      setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, KILL_GRACE_MS).unref();
    }
  };

  // An interrupt that came while Locust was inspected or requirements installed: start nothing.
  const interruptedBeforeStart = () => {
    say('the run was interrupted before Locust started');
    return INTERRUPTED_STATUS;
  };
  const everyone = [plan.master, ...plan.workers];
  // Init containers first, as in the pods: a failed one means its pod's Locust never starts.
  for (const process of everyone) {
    for (const step of process.setup ?? []) {
      if (signal?.aborted) return interruptedBeforeStart();
      writeEntries(process);
      const log = join(logs, `${step.label.replace(/[^A-Za-z0-9.-]+/g, '-')}.log`);
      const outcome = await runSetup(step, pythonOfLocust(locust), process.cwd, hostEnv, log, timeoutSeconds, signal);
      if (signal?.aborted) return interruptedBeforeStart();
      say(`${step.label} ${describeOutcome(outcome, undefined)}`);
      if (outcome.code === 0) continue;
      sayTail(step.label, log);
      return 1;
    }
  }
  if (signal?.aborted) return interruptedBeforeStart();
  try {
    start(plan.master, 'inherit');
    plan.workers.forEach((worker, i) => start(worker, join(logs, `worker-${i + 1}.log`)));
  } catch (error) {
    // A process that could not be started (its files, its env) leaves none of the others running.
    stop([...running.keys()], 'another process could not be started');
    await Promise.all(outcomes.values());
    throw error;
  }

  let stoppedBy: 'time bound' | 'interrupt' | undefined;
  const timer = setTimeout(() => {
    stoppedBy ??= 'time bound';
    stop(everyone, `the ${timeoutSeconds} s time bound was reached`);
  }, timeoutSeconds * 1000);
  const onAbort = () => {
    stoppedBy ??= 'interrupt';
    stop(everyone, 'the run was interrupted');
  };
  signal?.addEventListener('abort', onAbort);
  const stopProgress = progress();
  try {
    const master = await outcomes.get(plan.master)!;
    stopProgress();
    const masterStoppedBy = reasons.has(plan.master) ? stoppedBy : undefined;
    // Workers quit when the master tells them; those that cannot hear it any more are stopped.
    const grace = setTimeout(() => stop(plan.workers, 'still running after the master exited'), WORKER_GRACE_MS);
    const workers = await Promise.all(plan.workers.map((worker) => outcomes.get(worker)!));
    clearTimeout(grace);

    say(`master ${describeOutcome(master, reasons.get(plan.master))}`);
    plan.workers.forEach((worker, i) => {
      const outcome = workers[i];
      say(`${worker.label} ${describeOutcome(outcome, reasons.get(worker))}`);
      if (outcome.code === 0) return;
      sayTail(worker.label, join(logs, `worker-${i + 1}.log`));
    });
    return exitStatusOf(master, masterStoppedBy);
  } finally {
    stopProgress();
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
