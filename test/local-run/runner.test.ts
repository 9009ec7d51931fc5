import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { executeLocalRun, exitStatusOf, folderNameOf, INTERRUPTED_STATUS, TIMEOUT_STATUS } from '../../src/local-run/runner';
import { selectTest } from '../../src/local-run/select';
import { tempTree } from '../temp-tree';
import { quickLocust, sleepingLocust, stubbornLocust } from './stand-in-locust';
import { locustTestYaml, renderedObjects, withRequirementsObjects } from './rendered';

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

describe('executeLocalRun, a whole run with a stand-in locust', () => {
  const FILES = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: files, namespace: load}\ndata: {a.py: "print(1)"}\n---\n';
  const shop = (master = '-f /lotest/src/a.py') => {
    const selected = selectTest(renderedObjects(FILES + locustTestYaml('shop', '', master)));
    if (!('test' in selected)) throw new Error('no test');
    return selected.test;
  };

  /** The run's output with its folder, its program and its free ports written as names. */
  function normalised(text: string, locustFolder: string): { lines: string[]; root: string } {
    const root = /(\/\S*\/cdk8s-locust-run-shop-[^/\s]+)/.exec(text)?.[1] ?? 'no root';
    const masterPort = /--master-bind-port=(\d+)/.exec(text)?.[1] ?? 'none';
    const webPort = /--web-port=(\d+)/.exec(text)?.[1] ?? 'none';
    const lines = text.split(root).join('ROOT').split(join(locustFolder, 'locust')).join('LOCUST')
      .split(masterPort).join('MASTER_PORT').split(webPort).join('WEB_PORT').trimEnd().split('\n');
    return { lines, root };
  }

  test('runs the master and each worker in its own folder, says what it runs, shows a failed worker\'s log, and exits with the master\'s code', async () => {
    // GIVEN a locust whose master exits with 3 and whose workers fail
    const locust = quickLocust(3, 2);
    const output = collect();

    // WHEN two workers run, and the files are kept
    const status = await executeLocalRun(shop(), { path: locust, workers: 2, noReports: true, keep: true }, { stdout: output.stream, stderr: output.stream });

    // THEN the run says what it starts, passes the master's output through, and ends with its code
    const { lines, root } = normalised(output.text(), locust);
    expect(status).toBe(3);
    expect(lines).toEqual([
      'run: test shop (namespace load): 1 master, 2 workers',
      'run: target: the host attribute of the locustfile\'s User classes (the test gives no --host)',
      'run: locust: LOCUST (version 2.12.1) instead of the image locustio/locust:2.43.1',
      'run: not run: sidecar locust-metrics-exporter of Job shop-master (containersol/locust_exporter:v0.5.0): only Locust runs locally',
      'run: local args: master: --master-bind-host=127.0.0.1 --master-bind-port=MASTER_PORT --web-host=127.0.0.1 --web-port=WEB_PORT (listen on this machine only, on free ports)',
      'run: local args: master: --autoquit=0 (the autoquit delay lets the exporter sidecar scrape the last figures; no sidecar runs here)',
      'run: local args: master: --expect-workers=2 (--workers 2)',
      'run: local args: workers: --master-port=MASTER_PORT (the master\'s port on this machine; shop-master is 127.0.0.1)',
      expect.stringMatching(/^run: local args: master: ROOT\/cdk8s-locust\/cdk8s_locust_verdict_v\S+\.py loaded before the locustfile \(it writes the run's summary\)$/),
      'run: web UI: http://127.0.0.1:WEB_PORT',
      'run: time bound: 600 s, then every process is stopped',
      expect.stringMatching(/^run: master: locust -f ROOT\/cdk8s-locust\/cdk8s_locust_verdict_v\S+\.py,ROOT\/master\/lotest\/src\/a\.py --master .* --expect-workers=2$/),
      'stand-in master in ROOT/master/home/locust, HOME=ROOT/master/home/locust, HOST_ONLY=unset, KAFKA=localhost:9092',
      'run: master exited with code 3',
      'run: worker 1 exited with code 2',
      'run:   worker 1 | stand-in worker: cannot reach the master',
      'run: worker 2 exited with code 2',
      'run:   worker 2 | stand-in worker: cannot reach the master',
      'run: recap: the master wrote no summary (it was stopped before the end of the run, or could not start)',
      'run: recap: reports not kept (--no-reports)',
      'run: files kept in ROOT',
    ]);
    // AND the kept folder holds each worker's log and the locustfile of each process
    expect(readFileSync(join(root, 'logs', 'worker-2.log'), 'utf8')).toBe('stand-in worker: cannot reach the master\n');
    expect(readFileSync(join(root, 'worker-1', 'lotest', 'src', 'a.py'), 'utf8')).toBe('print(1)');
  }, 20_000);

  test('gives Locust the container\'s environment, not this machine\'s beyond PATH and the locale', async () => {
    // GIVEN a variable of this machine that no container sets
    process.env.CDK8S_LOCUST_HOST_ONLY = 'leaked';
    try {
      const locust = quickLocust(0, 0);
      const output = collect();

      // WHEN the test runs
      await executeLocalRun(shop(), { path: locust, workers: 1, noReports: true }, { stdout: output.stream, stderr: output.stream });

      // THEN the master does not see it
      expect(output.text()).toMatch(/^stand-in master in \S+, HOME=\S+\/master\/home\/locust, HOST_ONLY=unset, KAFKA=localhost:9092$/m);
    } finally {
      delete process.env.CDK8S_LOCUST_HOST_ONLY;
    }
  }, 20_000);

  test('says where a claim\'s stand-in folder is, and that it goes with the run', async () => {
    const volumes = '  volumes: [{name: reports, persistentVolumeClaim: {claimName: load-reports}}]\n  volumeMounts: [{name: reports, mountPath: /reports, target: master}]\n';
    const selected = selectTest(renderedObjects(FILES + locustTestYaml('shop', volumes)));
    if (!('test' in selected)) throw new Error('no test');
    const locust = quickLocust(0, 0);
    const output = collect();
    await executeLocalRun(selected.test, { path: locust, workers: 1, noReports: true }, { stdout: output.stream, stderr: output.stream });
    expect(normalised(output.text(), locust).lines).toContain('run: stand-in: PersistentVolumeClaim load-reports of the master (/reports): the folder ROOT/master/reports, removed after the run (--keep keeps it)');
  }, 20_000);

  test('runs the requirements step with the Python of the local locust first, and stops at its failure with its log', async () => {
    // GIVEN a test with requirements, and a locust whose interpreter (/bin/sh) cannot run pip
    const selected = selectTest(withRequirementsObjects());
    if (!('test' in selected)) throw new Error('no test');
    const locust = quickLocust(0, 0);
    const output = collect();

    // WHEN it runs
    const status = await executeLocalRun(selected.test, { path: locust, workers: 1, noReports: true }, { stdout: output.stream, stderr: output.stream });

    // THEN the step is said, fails with its log's last lines, and no Locust starts
    const { lines } = normalised(output.text(), locust);
    expect(status).toBe(1);
    expect(lines).toContain('run: init container: master install-requirements: /bin/sh -m pip install --no-cache-dir --disable-pip-version-check --target ROOT/master/opt/cdk8s-locust/requirements --requirement ROOT/master/lotest/src/requirements.txt');
    expect(lines).toContain('run: init container: worker 1 install-requirements: /bin/sh -m pip install --no-cache-dir --disable-pip-version-check --target ROOT/worker-1/opt/cdk8s-locust/requirements --requirement ROOT/worker-1/lotest/src/requirements.txt');
    const failed = lines.findIndex((line) => /^run: master install-requirements exited with code [1-9]\d*$/.test(line));
    expect(failed).toBeGreaterThan(0);
    expect(lines[failed + 1]).toMatch(/^run: {3}master install-requirements \| \S/);
    expect(lines.filter((line) => line.startsWith('stand-in master'))).toEqual([]);
  }, 20_000);

  test.each([
    ['an interrupt', 'signal', 'SIGINT', INTERRUPTED_STATUS],
    ['a kill named after SIGHUP', 'kill', 'SIGHUP', 129],
  ])('ends before Locust starts when %s comes while Locust is inspected', async (_, which, reason, status) => {
    // GIVEN a locust slow to answer --help, and a run already interrupted
    const stop = new AbortController();
    stop.abort(reason);
    const output = collect();

    // WHEN it runs
    const started = Date.now();
    const ended = await executeLocalRun(shop(), { path: stubbornLocust(5), workers: 1, noReports: true, [which]: stop.signal }, { stdout: output.stream, stderr: output.stream });

    // THEN it ends at once, without starting Locust, with the signal's status
    expect(ended).toBe(status);
    expect(output.text()).toMatch(/^run: the run was interrupted before Locust started$/m);
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 20_000);

  test('removes its folder after a run that does not keep it, and exits with 0 when the master does', async () => {
    const locust = quickLocust(0, 0);
    const output = collect();
    const status = await executeLocalRun(shop(), { path: locust, workers: 1, noReports: true }, { stdout: output.stream, stderr: output.stream });
    const { lines, root } = normalised(output.text(), locust);
    expect(status).toBe(0);
    expect(lines).toContain('run: worker 1 exited with code 0');
    expect(lines.filter((line) => line.includes('worker 1 |'))).toEqual([]);
    expect(existsSync(root)).toBe(false);
  }, 20_000);

  test('fails before starting anything when the local locust lacks a flag of the test, naming it', async () => {
    // GIVEN a locust whose help lists no --autostart
    const locust = quickLocust(0, 0, '--locustfile --master --worker --master-port --master-host --master-bind-host --master-bind-port --web-host --web-port --expect-workers --autoquit --enable-rebalancing --only-summary');
    const output = collect();
    const errors = collect();

    // WHEN the test runs
    const status = await executeLocalRun(shop(), { path: locust, workers: 1, noReports: true }, { stdout: output.stream, stderr: errors.stream });

    // THEN the flag is named, with the version found and the image the test was written for
    expect(status).toBe(1);
    expect(errors.text()).toBe(`run: --autostart is not an option of the local locust (${join(locust, 'locust')}, version 2.12.1); install the Locust the test was written for (the image is locustio/locust:2.43.1)\n`);
    expect(output.text()).toBe('');
  }, 20_000);

  test.each([
    ['a run time of 30s', { runTime: '30s' }, 'run: time bound: 90 s, then every process is stopped'],
    ['a bound beyond what a timer can wait', { timeoutSeconds: 10 ** 9 }, 'run: time bound: 2147483 s, then every process is stopped'],
  ])('bounds a run with %s', async (_, options, line) => {
    const locust = quickLocust(0, 0);
    const output = collect();
    await executeLocalRun(shop(), { path: locust, workers: 1, noReports: true, ...options }, { stdout: output.stream, stderr: output.stream });
    expect(output.text().split('\n')).toContain(line);
  }, 20_000);

  test('stops every process at the time bound, and exits with 124', async () => {
    // GIVEN a locust that runs until stopped, and a 1 s bound
    const output = collect();

    // WHEN it runs
    const status = await executeLocalRun(shop(), { path: sleepingLocust(), workers: 1, timeoutSeconds: 1, noReports: true }, { stdout: output.stream, stderr: output.stream });

    // THEN the master and the worker were stopped for it
    expect(status).toBe(TIMEOUT_STATUS);
    expect(output.text()).toMatch(/^run: master was stopped by SIGTERM \(the 1 s time bound was reached\)$/m);
    expect(output.text()).toMatch(/^run: worker 1 was stopped by SIGTERM \(the 1 s time bound was reached\)$/m);
  }, 20_000);

  test('exits with 128 and the number of the signal that interrupted it', async () => {
    // GIVEN a running test
    const output = collect();
    const interrupt = new AbortController();
    const running = executeLocalRun(shop(), { path: sleepingLocust(), workers: 1, signal: interrupt.signal, noReports: true }, { stdout: output.stream, stderr: output.stream });
    const until = Date.now() + 10_000;
    while (!/^started$/m.test(output.text()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));

    // WHEN SIGTERM interrupts it
    interrupt.abort('SIGTERM');

    // THEN it stops the processes and exits as a shell reports SIGTERM
    expect(await running).toBe(143);
    expect(output.text()).toMatch(/^run: master was stopped by SIGTERM \(the run was interrupted\)$/m);
  }, 20_000);
});
