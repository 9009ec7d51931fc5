import { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, Problem } from '../core/problems';
import { RunProcesses } from './children';
import { ContainedFolder } from './contained';
import { findLocust, inspectLocust, pythonOfLocust, unsupportedFlags } from './locust-program';
import { LocalRunOptions, LocalRunPlan, LOOPBACK, longFlags, planLocalRun, ProcessPlan } from './plan';
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
  /** Seconds after which every process is stopped, counted from before the first process starts. @default - the master's run time plus 60 s, or 600 s without one */
  readonly timeoutSeconds?: number;
  /** Keep the temporary folder (files, worker logs) after the run. @default false */
  readonly keep?: boolean;
  /**
   * Aborting stops every process, as the timeout does (the command line aborts on SIGINT, SIGTERM
   * and SIGHUP); a signal name as the reason makes the exit status 128 + its number.
   * @default - only the timeout stops a run
   */
  readonly signal?: AbortSignal;
  /** Aborting kills every process at once, without a grace period (the command line does it on a second interrupt). @default - processes get a grace period */
  readonly kill?: AbortSignal;
  /** The PATH `locust` is looked up in. @default - this process's PATH */
  readonly path?: string;
  /**
   * The Locust program: a path (with a `/`), or a name looked up in `path`, e.g. a virtualenv's
   * `.venv/bin/locust` or `locust-2.46`. Requirements are installed with the Python of its `#!` line.
   * @default 'locust'
   */
  readonly locust?: string;
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
export function exitStatusOf(outcome: Outcome, stoppedBy: 'time bound' | 'interrupt' | undefined, interruptStatus = INTERRUPTED_STATUS): number {
  if (outcome.error !== undefined) return 127;
  if (stoppedBy === 'time bound') return TIMEOUT_STATUS;
  if (stoppedBy === 'interrupt') return interruptStatus;
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

/** The run's folder name from the test's name (a label, which may hold `/` or `..`): letters, digits, `.`, `-` and `_` only. */
export function folderNameOf(testName: string): string {
  return testName.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 63);
}

/** The exit status an interrupt gives: 128 + the signal named as the abort's reason, else 130 as for SIGINT. */
function interruptStatusOf(signal: AbortSignal | undefined): number {
  const reason: unknown = signal?.reason;
  const number = typeof reason === 'string' ? (constants.signals as Record<string, number | undefined>)[reason] : undefined;
  return number === undefined ? INTERRUPTED_STATUS : 128 + number;
}

/**
 * Runs a test's master and workers as local `locust` processes and returns the master's exit
 * status: the verdict a master Job would carry. Every process is stopped within the time bound,
 * which counts from before the first process starts; nothing the run starts outlives it, even
 * when it is killed (a watchdog stops what is left), and the temporary folder is removed unless
 * `keep` is set.
 */
export async function executeLocalRun(test: LocalTest, options: ExecuteOptions, streams: RunStreams): Promise<number> {
  const say = (line: string) => streams.stdout.write(`run: ${line}\n`);
  const fail = (problems: readonly Problem[]) => {
    for (const problem of problems) streams.stderr.write(`run: ${formatProblem(problem)}\n`);
    return 1;
  };
  const searchPath = options.path ?? process.env.PATH ?? '';
  const found = findLocust(options.locust ?? 'locust', searchPath);
  if ('problem' in found) return fail([found.problem]);
  const locust = found.path;
  const folder = new ContainedFolder(mkdtempSync(join(tmpdir(), `cdk8s-locust-run-${folderNameOf(test.name)}-`)));
  const root = folder.root;
  const processes = new RunProcesses(root, options.keep === true);
  const bound = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const [masterPort, webPort] = [await freePort(), await freePort()];
    const planned = planLocalRun(test, options, { root, masterPort, webPort });
    if ('problems' in planned) return fail(planned.problems);
    const { reports, problems } = planRunReports(planned.plan, test, options, root, new Date());
    if (problems.length > 0) return fail(problems);
    const { plan } = reports;
    const timeoutSeconds = Math.min(MAX_TIMEOUT_S, options.timeoutSeconds
      ?? (plan.runTimeSeconds === undefined ? DEFAULT_TIMEOUT_WITHOUT_RUN_TIME_S : plan.runTimeSeconds + DEFAULT_TIMEOUT_MARGIN_S));
    // The bound and the watchdog come before the first process (locust --help): nothing runs unbounded or unwatched.
    timer = setTimeout(() => bound.abort(), timeoutSeconds * 1000);
    processes.guard();
    // The time bound or an interrupt stops the inspection too; the run then ends before Locust starts.
    const inspection = new AbortController();
    const stopInspection = () => inspection.abort();
    const stoppers = [bound.signal, options.signal, options.kill].filter((signal) => signal !== undefined);
    for (const signal of stoppers) signal.addEventListener('abort', stopInspection);
    if (stoppers.some((signal) => signal.aborted)) inspection.abort();
    const program = await inspectLocust(locust, inspection.signal);
    for (const signal of stoppers) signal.removeEventListener('abort', stopInspection);
    const unsupported = inspection.signal.aborted ? [] : unsupportedFlags(program, longFlags(plan), plan.image);
    if (unsupported.length > 0) return fail(unsupported);
    describePlan(plan, test, locust, program.version, timeoutSeconds, webPort, options.keep === true).forEach(say);
    createReportsFolder(reports);
    const stopProgress = startProgress(`http://${LOOPBACK}:${webPort}`, say, options.progressIntervalMs);
    let status: number;
    try {
      status = await supervise(plan, locust, { folder, processes, timeoutSeconds, bound: bound.signal }, options, streams, say);
    } finally {
      stopProgress();
    }
    keepOwnReports(reports);
    recapLines(reports).forEach(say);
    return status;
  } finally {
    clearTimeout(timer);
    // Only an error leaves processes here; they go before their folder does.
    processes.killAll();
    if (options.keep) say(`files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    await processes.release();
  }
}

/** How a child ends: its exit code or signal, or why it could not start. */
function outcomeOf(child: ChildProcess): Promise<Outcome> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once('close', (code, exitSignal) => resolve({ code, signal: exitSignal }));
  });
}

/** What supervising a run works with: its folder, its processes and its time bound. */
interface RunSite {
  readonly folder: ContainedFolder;
  readonly processes: RunProcesses;
  readonly timeoutSeconds: number;
  /** Aborted when the time bound is reached. */
  readonly bound: AbortSignal;
}

async function supervise(plan: LocalRunPlan, locust: string, site: RunSite, options: ExecuteOptions, streams: RunStreams, say: (line: string) => void): Promise<number> {
  const { folder, processes, timeoutSeconds, bound } = site;
  const logs = folder.mkdir(join(folder.root, 'logs'));
  const hostEnv: Record<string, string> = {};
  for (const name of HOST_VARIABLES) if (process.env[name] !== undefined) hostEnv[name] = process.env[name]!;

  const live = new Set<ChildProcess>();
  const reasons = new Map<ChildProcess, string>();
  let stoppedBy: 'time bound' | 'interrupt' | undefined;
  const stopAll = (why: string) => {
    for (const child of live) {
      if (!processes.isRunning(child)) continue;
      if (!reasons.has(child)) reasons.set(child, why);
      processes.stop(child);
    }
  };
  const onBound = () => {
    stoppedBy ??= 'time bound';
    stopAll(`the ${timeoutSeconds} s time bound was reached`);
  };
  const onInterrupt = () => {
    stoppedBy ??= 'interrupt';
    stopAll('the run was interrupted');
  };
  const onKill = () => {
    onInterrupt();
    processes.killAll();
  };
  bound.addEventListener('abort', onBound);
  options.signal?.addEventListener('abort', onInterrupt);
  options.kill?.addEventListener('abort', onKill);
  const start = (command: string, args: readonly string[], cwd: string, env: Record<string, string>, log: string | undefined): { child: ChildProcess; outcome: Promise<Outcome> } => {
    const output = log === undefined ? undefined : openSync(folder.inside(log), 'w');
    // HOME is the container's working directory, as in the image.
    const child = processes.start(command, args, { cwd: folder.inside(cwd), env: { ...hostEnv, HOME: cwd, ...env }, stdio: ['ignore', output ?? 'pipe', output ?? 'pipe'] });
    if (output !== undefined) closeSync(output);
    live.add(child);
    return { child, outcome: outcomeOf(child) };
  };
  // The last lines of a failed process's log, where its reason is.
  const sayTail = (label: string, log: string) => {
    for (const line of readFileSync(log, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES)) say(`  ${label} | ${line}`);
  };
  // Stopped while no Locust ran yet (inspecting Locust, installing requirements): start nothing more.
  const stoppedBeforeStart = (): number | undefined => {
    if (bound.aborted) {
      say(`the ${timeoutSeconds} s time bound was reached before Locust started`);
      return TIMEOUT_STATUS;
    }
    if (options.signal?.aborted || options.kill?.aborted) {
      say('the run was interrupted before Locust started');
      return interruptStatusOf(options.kill?.aborted ? options.kill : options.signal);
    }
    return undefined;
  };

  try {
    const everyone = [plan.master, ...plan.workers];
    // Init containers first, as in the pods: a failed one means its pod's Locust never starts.
    for (const locustProcess of everyone) {
      for (const step of locustProcess.setup ?? []) {
        const early = stoppedBeforeStart();
        if (early !== undefined) return early;
        folder.writeEntries(locustProcess.entries);
        const log = join(logs, `${step.label.replace(/[^A-Za-z0-9.-]+/g, '-')}.log`);
        const { outcome } = start(pythonOfLocust(locust), step.pythonArgs, locustProcess.cwd, step.env, log);
        const ended = await outcome;
        const late = stoppedBeforeStart();
        if (late !== undefined) return late;
        say(`${step.label} ${describeOutcome(ended, undefined)}`);
        if (ended.code === 0) continue;
        sayTail(step.label, log);
        return 1;
      }
    }
    const early = stoppedBeforeStart();
    if (early !== undefined) return early;

    const children = new Map<ProcessPlan, { child: ChildProcess; outcome: Promise<Outcome> }>();
    const startLocust = (locustProcess: ProcessPlan, log: string | undefined) => {
      folder.writeEntries(locustProcess.entries);
      const started = start(locust, locustProcess.args, locustProcess.cwd, { ...locustProcess.env }, log);
      started.child.stdout?.pipe(streams.stdout, { end: false });
      started.child.stderr?.pipe(streams.stderr, { end: false });
      children.set(locustProcess, started);
    };
    startLocust(plan.master, undefined);
    for (const [i, worker] of plan.workers.entries()) {
      // Between two starts the time bound and an interrupt are heard: many workers take a while to start.
      await new Promise((resolve) => setImmediate(resolve));
      if (stoppedBy !== undefined) break;
      startLocust(worker, join(logs, `worker-${i + 1}.log`));
    }

    const master = children.get(plan.master)!;
    const masterOutcome = await master.outcome;
    const masterStoppedBy = reasons.has(master.child) ? stoppedBy : undefined;
    const started = plan.workers.filter((worker) => children.has(worker));
    // Workers quit when the master tells them; those that cannot hear it any more are stopped.
    const grace = setTimeout(() => {
      for (const worker of started) {
        const { child } = children.get(worker)!;
        if (!processes.isRunning(child)) continue;
        if (!reasons.has(child)) reasons.set(child, 'still running after the master exited');
        processes.stop(child);
      }
    }, WORKER_GRACE_MS);
    const workers = await Promise.all(started.map((worker) => children.get(worker)!.outcome));
    clearTimeout(grace);

    say(`master ${describeOutcome(masterOutcome, reasons.get(master.child))}`);
    started.forEach((worker, i) => {
      const outcome = workers[i];
      say(`${worker.label} ${describeOutcome(outcome, reasons.get(children.get(worker)!.child))}`);
      if (outcome.code === 0) return;
      sayTail(worker.label, join(logs, `worker-${i + 1}.log`));
    });
    if (started.length < plan.workers.length) say(`${plan.workers.length - started.length} worker(s) not started: the run was stopped first`);
    return exitStatusOf(masterOutcome, masterStoppedBy, interruptStatusOf(options.signal));
  } catch (error) {
    // A process that could not be started (its files, its env) leaves none of the others running.
    stopAll('another process could not be started');
    processes.killAll();
    await Promise.all([...live].map((child) => (processes.isRunning(child) ? new Promise((resolve) => child.once('close', resolve)) : undefined)));
    throw error;
  } finally {
    bound.removeEventListener('abort', onBound);
    options.signal?.removeEventListener('abort', onInterrupt);
    options.kill?.removeEventListener('abort', onKill);
  }
}
