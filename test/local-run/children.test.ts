// Mutants of children.ts that no test can tell apart:
// - line 62, `""` for `'remove'`: the watchdog keeps the folder only for `keep`.
// - line 64, `stdio: []`: the watchdog's standard input is a pipe all the same, and it prints nothing.
// - lines 69 and 121, `stdin.` for `stdin?.`: with a piped standard input, stdin is always there.
// - line 83, an empty line for `-PID`: the watchdog skips it, and drops the groups that are gone
//   when the run's end of the pipe closes anyway.
// - lines 91 and 94, the checks that a process still runs before signalling its group: signalling a
//   group that is gone fails, and the failure is ignored.
// - line 93, `""` for `'SIGTERM'`: process.kill sends SIGTERM for an empty signal name.
// Not observable within the test process: `detached` and the options of the watchdog (line 62-63,
// which matter when the run's whole process group is killed), its error handlers (lines 68-69,
// for a watchdog that cannot start or has died), a watchdog ended by a signal (line 113) and the
// bound on waiting for a stuck one (line 119).
import { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RunProcesses } from '../../src/local-run/children';
import { tempTree } from '../temp-tree';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && !check()) await new Promise((resolve) => setTimeout(resolve, 100));
  return check();
}

/** A shell that starts a `sleep` of its own and waits: a process with a child, like pip or Locust. */
function startSleeper(processes: RunProcesses): ChildProcess {
  return processes.start('/bin/sh', ['-c', 'sleep 60 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
}

function firstLine(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.stdout!.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
}

describe('RunProcesses', () => {
  test('stops a process together with what it started', async () => {
    // GIVEN a process whose own child would outlive it
    const processes = new RunProcesses(tempTree({}), false);
    const shell = startSleeper(processes);
    const sleep = await firstLine(shell);

    // WHEN it is stopped
    processes.stop(shell);

    // THEN both are gone
    expect(await waitFor(() => !isAlive(shell.pid!) && !isAlive(sleep), 5_000)).toBe(true);
  });

  test('the watchdog stops what is left and removes the folder when the run\'s end of its pipe closes, as when the run is killed', async () => {
    // GIVEN a guarded run with a process still running in its folder
    const root = tempTree({ 'master/a.py': 'print(1)' });
    const processes = new RunProcesses(root, false);
    processes.guard();
    const shell = startSleeper(processes);
    const sleep = await firstLine(shell);

    // WHEN the pipe to the watchdog closes while the process runs (what the kernel does when the run dies)
    await processes.release();

    // THEN the watchdog stops the process and its child, and removes the folder
    expect(await waitFor(() => !isAlive(shell.pid!) && !isAlive(sleep) && !existsSync(join(root, 'master')), 8_000)).toBe(true);
    expect(existsSync(root)).toBe(false);
  });

  test('the watchdog keeps the folder of a run that keeps its files', async () => {
    const root = tempTree({ 'logs/worker-1.log': 'x' });
    const processes = new RunProcesses(root, true);
    processes.guard();
    const shell = startSleeper(processes);
    await firstLine(shell);
    await processes.release();
    expect(await waitFor(() => !isAlive(shell.pid!), 8_000)).toBe(true);
    expect(existsSync(join(root, 'logs', 'worker-1.log'))).toBe(true);
  });

  test('killAll kills at once, without the grace period', async () => {
    const processes = new RunProcesses(tempTree({}), false);
    // A shell that ignores SIGTERM would take the whole grace period.
    const stubborn = processes.start('/bin/sh', ['-c', 'trap "" TERM; echo ready; sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await firstLine(stubborn);
    processes.stop(stubborn);
    processes.killAll();
    expect(await waitFor(() => !isAlive(stubborn.pid!), 2_000)).toBe(true);
  });

  test('knows which processes run, and stops only those', async () => {
    // GIVEN a process that ends at once
    const processes = new RunProcesses(tempTree({}), false);
    const quick = processes.start('/bin/sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    expect(processes.isRunning(quick)).toBe(true);
    await new Promise((resolve) => quick.once('exit', resolve));

    // THEN it no longer runs, and stopping it does nothing
    expect(processes.isRunning(quick)).toBe(false);
    expect(() => processes.stop(quick)).not.toThrow();
  });

  test('kills what a process left behind when it exits, even a process that ignores SIGTERM', async () => {
    // GIVEN a shell that starts a sleep ignoring SIGTERM in its group, and exits at once
    const processes = new RunProcesses(tempTree({}), false);
    const shell = processes.start('/bin/sh', ['-c', '(trap "" TERM; exec sleep 60) & echo $!'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const sleep = await firstLine(shell);

    // THEN the sleep goes with it
    expect(await waitFor(() => !isAlive(sleep), 5_000)).toBe(true);
  });

  test('counts a program that could not start as not running', async () => {
    const processes = new RunProcesses(tempTree({}), false);
    const missing = processes.start(join(tempTree({}), 'no-such-program'), [], { stdio: 'ignore' });
    await new Promise((resolve) => missing.once('error', resolve));
    expect(processes.isRunning(missing)).toBe(false);
    expect(() => processes.killAll()).not.toThrow();
  });

  test('kills a process that ignores SIGTERM once the grace period is over', async () => {
    // GIVEN a process that ignores SIGTERM
    const processes = new RunProcesses(tempTree({}), false);
    const stubborn = processes.start('/bin/sh', ['-c', 'trap "" TERM; echo ready; sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await firstLine(stubborn);

    // WHEN it is stopped
    processes.stop(stubborn);

    // THEN it is still there a moment later, and gone after the grace period
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(isAlive(stubborn.pid!)).toBe(true);
    expect(await waitFor(() => !isAlive(stubborn.pid!), 8_000)).toBe(true);
  }, 15_000);

  test('release resolves at once without a watchdog, and after the watchdog removed the folder with one', async () => {
    // GIVEN an unguarded run, and a guarded one whose only process has ended
    await new RunProcesses(tempTree({}), false).release();
    const root = tempTree({ 'master/a.py': 'print(1)' });
    const processes = new RunProcesses(root, false);
    processes.guard();
    const quick = processes.start('/bin/sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    await new Promise((resolve) => quick.once('exit', resolve));

    // WHEN it is released
    const started = Date.now();
    await processes.release();

    // THEN the folder is gone by then, without the watchdog's grace period
    expect(existsSync(root)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
    // AND a second release has nothing left to wait for
    const again = Date.now();
    await processes.release();
    expect(Date.now() - again).toBeLessThan(1_000);
  });
});
