import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BIN, ensureBuilt } from '../built-cli';
import { describeWithLocust, E2E_TIMEOUT_MS, locustTestYaml, useWorkspace } from './harness';

/** A LocustTest whose master keeps running (autoquit off, no run time) until something stops it. */
function endlessTestYaml(name: string): string {
  return locustTestYaml(name, {
    master: { command: '--locustfile /lotest/src/locustfile.py --users 2 --spawn-rate 2', autoquit: { enabled: false } },
    worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 1 },
  });
}

/** The processes of this machine whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  return spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

beforeAll(() => ensureBuilt(), 180_000);
const workspace = useWorkspace('lifetime');

describeWithLocust('cdk8s-locust run ends with nothing left behind', () => {
  test.each([['SIGHUP' as const, 129], ['SIGKILL' as const, null]])('leaves no process and no file outside its folder after %s', async (signal, status) => {
    // GIVEN a run of a never-ending test, with its own temporary folder and HOME, both empty
    const tmp = join(workspace.dir, `tmp-${signal}`);
    const home = join(workspace.dir, `home-${signal}`);
    mkdirSync(tmp);
    mkdirSync(home);
    const input = workspace.file(`endless-${signal}.yaml`, endlessTestYaml(`endless-${signal.toLowerCase()}`));
    // Kept reports (./locust-reports) are written on purpose; off here, so that anything else
    // written in HOME shows.
    const cli = spawn(process.execPath, [CLI_BIN, 'run', input, '--host', workspace.target.url, '--no-reports'], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    cli.stdout.on('data', (chunk) => { stdout += chunk; });
    cli.stderr.resume();
    const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)));
    const before = workspace.target.count('/ping');

    let folder: string | undefined;
    try {
      // WHEN it is sending load and gets the signal
      expect(await waitFor(() => workspace.target.count('/ping') > before && /^run: master: locust /m.test(stdout), 30_000)).toBe(true);
      // The run's summary module may come first in the list of locustfiles: the folder is the test's locustfile's.
      folder = /^run: master: locust --locustfile (?:[^\s,]+,)?([^\s,]+?)\/master\//m.exec(stdout)?.[1];
      expect(folder).toBeDefined();
      expect(processesMentioning(folder!).length).toBeGreaterThanOrEqual(2);
      cli.kill(signal);

      // THEN it exits (129 for SIGHUP), its Locust processes are gone within a few seconds, and so is its folder
      expect(await exited).toBe(status);
      expect(await waitFor(() => processesMentioning(folder!).length === 0 && readdirSync(tmp).length === 0, 8_000)).toBe(true);
      // AND nothing was written in HOME, the working directory
      expect(readdirSync(home)).toEqual([]);
    } finally {
      cli.kill('SIGKILL');
      for (const line of folder === undefined ? [] : processesMentioning(folder)) process.kill(Number(line.trim().split(' ')[0]), 'SIGKILL');
    }
  }, E2E_TIMEOUT_MS);
});
