import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { executeLocalRun, exitStatusOf, folderNameOf, INTERRUPTED_STATUS, TIMEOUT_STATUS } from '../../src/local-run/runner';
import { selectTest } from '../../src/local-run/select';
import { tempTree } from '../temp-tree';
import { stubbornLocust } from './stand-in-locust';
import { locustTestYaml, renderedObjects } from './rendered';

describe('exitStatusOf', () => {
  test.each([
    [{ code: 0, signal: null }, undefined, 0],
    [{ code: 1, signal: null }, undefined, 1],
    [{ code: 0, signal: null }, 'time bound' as const, TIMEOUT_STATUS],
    [{ code: 0, signal: null }, 'interrupt' as const, INTERRUPTED_STATUS],
    [{ code: null, signal: 'SIGKILL' as const }, undefined, 137],
    [{ code: null, signal: null, error: 'spawn locust ENOENT' }, undefined, 127],
  ])('gives %j stopped by %s the status %d', (outcome, stoppedBy, status) => {
    expect(exitStatusOf(outcome, stoppedBy)).toBe(status);
  });
});

describe('executeLocalRun', () => {
  test('fails when locust is not on PATH, before anything is written', async () => {
    // GIVEN a test and a PATH without locust
    const selected = selectTest(renderedObjects(locustTestYaml('shop')));
    if (!('test' in selected)) throw new Error('no test');
    const chunks: string[] = [];
    const stderr = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const emptyFolder = tempTree({ 'readme.txt': 'no programs here' });

    // WHEN it runs
    const status = await executeLocalRun(selected.test, { path: emptyFolder }, { stdout: stderr, stderr });

    // THEN it says how to install Locust
    expect(status).toBe(1);
    expect(chunks.join('')).toBe(`run: locust is not on PATH (got ${JSON.stringify(emptyFolder)}); install Locust (pip install locust, or Debian's python3-locust), or name the program with --locust, and run again\n`);
  });

  test('fails when --locust names a file that is not a program, before anything is written', async () => {
    // GIVEN a test and a --locust path to a plain text file
    const selected = selectTest(renderedObjects(locustTestYaml('shop')));
    if (!('test' in selected)) throw new Error('no test');
    const chunks: string[] = [];
    const stderr = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const notAProgram = join(tempTree({ 'locust': 'not executable' }), 'locust');

    // WHEN it runs with that program
    const status = await executeLocalRun(selected.test, { locust: notAProgram }, { stdout: stderr, stderr });

    // THEN it names the flag and the value
    expect(status).toBe(1);
    expect(chunks.join('')).toBe(`run: --locust is not an executable file (got ${JSON.stringify(notAProgram)}); give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH\n`);
  });

  test('fails when --locust names a program that is not on PATH', async () => {
    // GIVEN a test and a PATH without the named program
    const selected = selectTest(renderedObjects(locustTestYaml('shop')));
    if (!('test' in selected)) throw new Error('no test');
    const chunks: string[] = [];
    const stderr = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const emptyFolder = tempTree({ 'readme.txt': 'no programs here' });

    // WHEN it runs with a program name
    const status = await executeLocalRun(selected.test, { path: emptyFolder, locust: 'locust-2.46' }, { stdout: stderr, stderr });

    // THEN it names the flag and the program
    expect(status).toBe(1);
    expect(chunks.join('')).toBe('run: --locust is not on PATH (got "locust-2.46"); give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH\n');
  });

  test.each([
    ['env as a map', (pod: Record<string, any>) => { pod.containers.find((container: { name: string }) => container.name === 'shop-master').env = { TOKEN: 'x' }; }, /^run: Job shop-master: spec\.template\.spec\.containers\[0\]\.env must be a list, not a map \(got \{"TOKEN":"x"\}\); write env as a YAML list/],
    ['a mode of "rwx"', (pod: Record<string, any>) => { pod.volumes.find((volume: { name: string }) => volume.name === 'shop-master').configMap.defaultMode = 'rwx'; }, /^run: Job shop-master: spec\.template\.spec\.volumes\[0\]\.configMap\.defaultMode must be a whole number from 0 to 0777/],
  ])('fails with one line naming the field, not an internal error, when the manifests have %s', async (_what, edit, line) => {
    // GIVEN rendered manifests edited by hand, and a locust on PATH that is never started
    const selected = selectTest(renderedObjects(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: files, namespace: load}\ndata: {a.py: "print(1)"}\n---\n${locustTestYaml('shop')}`));
    if (!('test' in selected)) throw new Error('no test');
    const pod = selected.test.masterJob.spec.template.spec;
    edit(pod);
    const programs = tempTree({ locust: '#!/bin/sh\nexit 3\n' });
    chmodSync(join(programs, 'locust'), 0o755);
    const chunks: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });

    // WHEN it runs
    const status = await executeLocalRun(selected.test, { path: programs }, { stdout: stream, stderr: stream });

    // THEN one line names the field, the value and the fix
    expect(status).toBe(1);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } }), text: () => chunks.join('') };
}

describe('executeLocalRun, how a run ends', () => {
  const shop = () => {
    const selected = selectTest(renderedObjects(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: files, namespace: load}\ndata: {a.py: "print(1)"}\n---\n${locustTestYaml('shop')}`));
    if (!('test' in selected)) throw new Error('no test');
    return selected.test;
  };

  test('a second interrupt kills processes that ignore SIGTERM at once, instead of after the grace period', async () => {
    // GIVEN a run whose processes ignore SIGTERM
    const output = collect();
    const interrupt = new AbortController();
    const kill = new AbortController();
    const running = executeLocalRun(shop(), { path: stubbornLocust(), workers: 1, signal: interrupt.signal, kill: kill.signal, noReports: true }, { stdout: output.stream, stderr: output.stream });
    const until = Date.now() + 10_000;
    while (!/^run: master: locust /m.test(output.text()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));

    // WHEN it is interrupted twice
    const started = Date.now();
    interrupt.abort('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    kill.abort('SIGINT');
    const status = await running;

    // THEN it ends well within the 5 s grace period, with the status of SIGINT
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(status).toBe(INTERRUPTED_STATUS);
    expect(output.text()).toMatch(/^run: master was stopped by SIGKILL \(the run was interrupted\)$/m);
  }, 20_000);

  test('the time bound counts from before the first process starts, inspecting Locust included', async () => {
    // GIVEN a locust whose --help takes 5 s, and a 1 s bound
    const output = collect();
    const started = Date.now();

    // WHEN it runs
    const status = await executeLocalRun(shop(), { path: stubbornLocust(5), workers: 1, timeoutSeconds: 1, noReports: true }, { stdout: output.stream, stderr: output.stream });

    // THEN the bound ends it before any Locust run starts, without waiting for --help
    expect(status).toBe(TIMEOUT_STATUS);
    expect(output.text()).toMatch(/^run: the 1 s time bound was reached before Locust started$/m);
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 20_000);
});

describe('folderNameOf', () => {
  test.each([
    ['shop', 'shop'],
    ['x/../../../../home/me', 'x-home-me'],
    ['a'.repeat(100), 'a'.repeat(63)],
  ])('names the run\'s folder for the test %s as %s, which cannot leave the temporary folder', (name, folder) => {
    expect(folderNameOf(name)).toBe(folder);
  });
});
