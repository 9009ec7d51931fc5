import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

/** Between SIGTERM and SIGKILL, for the run and for the watchdog alike. */
const KILL_GRACE_MS = 5_000;

/**
 * The watchdog, run by `node -e`: it reads `+PID` and `-PID` lines (a process group started or
 * ended) until its standard input closes. Only the run holds the other end of that pipe, so the
 * pipe closes when the run ends in any way, SIGKILL included: then every group still listed gets
 * SIGTERM, then SIGKILL, and the run's folder is removed unless it is kept. It ignores the
 * signals a terminal sends, so that it outlives the run it guards.
 */
const WATCHDOG_SOURCE = `
const { rmSync } = require('node:fs');
const [root, keep, graceMs] = process.argv.slice(1);
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM', 'SIGQUIT']) process.on(signal, () => {});
const groups = new Set();
let pending = '';
const signalAll = (signal) => { for (const group of groups) { try { process.kill(-group, signal); } catch {} } };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\\n');
  pending = lines.pop();
  for (const line of lines) {
    const group = Number(line.slice(1));
    if (!Number.isInteger(group) || group <= 1) continue;
    if (line[0] === '+') groups.add(group);
    if (line[0] === '-') groups.delete(group);
  }
});
const alive = (group) => { try { process.kill(-group, 0); return true; } catch { return false; } };
process.stdin.on('close', () => {
  for (const group of [...groups]) if (!alive(group)) groups.delete(group);
  const finish = () => {
    signalAll('SIGKILL');
    if (keep !== 'keep') rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    process.exit(0);
  };
  if (groups.size === 0) return finish();
  signalAll('SIGTERM');
  setTimeout(finish, Number(graceMs));
});
`;

/** How long the watchdog waits between SIGTERM and SIGKILL: short, since nobody is left to wait for the processes. */
const WATCHDOG_GRACE_MS = 2_000;

/**
 * The processes of one local run, each the leader of its own process group, so that stopping it
 * also stops what it started (pip's builds, Locust's own subprocesses) and a terminal's signals
 * reach only the run, which decides. A watchdog process stops them all and removes the run's
 * folder when the run dies without doing it itself (SIGKILL, a crash): nothing outlives the run.
 */
export class RunProcesses {
  private readonly running = new Set<ChildProcess>();
  private watchdog?: ChildProcess;

  constructor(private readonly root: string, private readonly keep: boolean) {}

  /** Starts the watchdog: call it before the first process starts. */
  public guard(): void {
    this.watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, this.root, this.keep ? 'keep' : 'remove', String(WATCHDOG_GRACE_MS)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // The run may end while the watchdog still waits for its standard input to close.
    this.watchdog.unref();
    this.watchdog.on('error', () => undefined);
    this.watchdog.stdin?.on('error', () => undefined);
  }

  /** Starts a process in its own group and tells the watchdog. */
  public start(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
    const child = spawn(command, [...args], { ...options, detached: true });
    if (child.pid !== undefined) {
      const pid = child.pid;
      this.running.add(child);
      this.tell(`+${pid}`);
      child.once('exit', () => {
        this.running.delete(child);
        // What the leader started and left behind goes with it.
        signalGroup(pid, 'SIGKILL');
        this.tell(`-${pid}`);
      });
    }
    return child;
  }

  /** SIGTERM to the process's group, then SIGKILL after a grace period if it is still there. */
  public stop(child: ChildProcess): void {
    if (!this.running.has(child) || child.pid === undefined) return;
    const pid = child.pid;
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => { if (this.running.has(child)) signalGroup(pid, 'SIGKILL'); }, KILL_GRACE_MS).unref();
  }

  /** SIGKILL to every group still running: a second interrupt, or a run that ends with an error. */
  public killAll(): void {
    for (const child of this.running) signalGroup(child.pid!, 'SIGKILL');
  }

  /** Whether the process has not exited yet. */
  public isRunning(child: ChildProcess): boolean {
    return this.running.has(child);
  }

  /**
   * Ends the watchdog's watch once every process has exited and the run has removed its folder
   * itself; resolves when the watchdog is gone too, so that a finished run leaves no process.
   */
  public async release(): Promise<void> {
    const watchdog = this.watchdog;
    if (watchdog === undefined || watchdog.exitCode !== null || watchdog.signalCode !== null) return;
    // The timer also keeps this process alive while it waits: the watchdog itself is unref'd.
    let timer: NodeJS.Timeout | undefined;
    const exited = new Promise<void>((resolve) => {
      watchdog.once('exit', () => resolve());
      // It exits at once when nothing is left to stop; the bound keeps a stuck one from holding the run.
      timer = setTimeout(resolve, WATCHDOG_GRACE_MS + 1_000);
    });
    watchdog.stdin?.end();
    await exited;
    clearTimeout(timer);
  }

  private tell(line: string): void {
    const stdin = this.watchdog?.stdin;
    if (stdin && !stdin.destroyed && stdin.writable) stdin.write(`${line}\n`);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}
