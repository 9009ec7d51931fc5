import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { executeLocalRun } from '../../src/local-run/runner';
import { ensureBuilt } from '../built-cli';
import { describeWithLocust, E2E_TIMEOUT_MS, LOCUST, locustTestYaml, runBinary, PING_LOCUSTFILE, runInProcess, SHORT_RUN, startTarget, useWorkspace } from './harness';
import { describeOnLocusts, LOCUST_OLDEST_AND_NEWEST } from './locust-versions';

beforeAll(() => ensureBuilt(), 180_000);
const workspace = useWorkspace('run');

describeOnLocusts('cdk8s-locust run with real Locust', (locust) => {
  test('an exporter-mode test rendered by the command line exits 0 and its requests reach the target', async () => {
    // GIVEN a LocustTest rendered into a bundle by the command line
    const rendered = await runBinary(['render', workspace.file('smoke.yaml', locustTestYaml('smoke')), '-o', join(workspace.dir, 'smoke.k8s.yaml')], workspace.dir);
    expect(rendered.status).toBe(0);
    const before = workspace.target.count('/ping');

    // WHEN the bundle runs on this machine against the local target
    const result = await runBinary(['run', join(workspace.dir, 'smoke.k8s.yaml'), '--host', workspace.target.url, ...locust.runArgs], workspace.dir);

    // THEN the master exited 0, both workers too, and the target counted the requests
    expect(result.stderr).not.toContain('Traceback');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`run: target: ${workspace.target.url} (from --host)`);
    expect(result.stdout).toContain('run: master exited with code 0');
    expect(result.stdout).toContain('run: worker 1 exited with code 0');
    expect(result.stdout).toContain('run: worker 2 exited with code 0');
    expect(result.stdout).toContain('run: not run: sidecar locust-metrics-exporter of Job smoke-master');
    expect(workspace.target.count('/ping') - before).toBeGreaterThan(10);
    // AND the temporary folder the locustfile was written to is gone
    const folder = /^run: master: locust --locustfile (\S+)\/master\/lotest\/src\/locustfile\.py /m.exec(result.stdout)?.[1];
    expect(folder).toMatch(/cdk8s-locust-run-smoke-/);
    expect(existsSync(folder!)).toBe(false);
  }, E2E_TIMEOUT_MS);

});

describeOnLocusts('cdk8s-locust run with real Locust', (locust) => {
  test('fails with the master\'s exit code 1 when the target answers with errors', async () => {
    // GIVEN a target that fails every request
    const failing = await startTarget(500);
    try {
      // WHEN a LocustTest resource is run directly (rendered first, like render)
      const result = await runInProcess(['run', workspace.file('failing.yaml', locustTestYaml('failing')), '--host', failing.url, '--workers', '1', ...locust.runArgs]);

      // THEN the master's exit code 1 is the verdict, and the failures reached the target
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('run: master exited with code 1');
      expect(result.stdout).toContain('run: test failing (namespace load): 1 master, 1 worker');
      expect(failing.count('/ping')).toBeGreaterThan(0);
    } finally {
      await failing.close();
    }
  }, E2E_TIMEOUT_MS);
}, LOCUST_OLDEST_AND_NEWEST);

describeWithLocust('cdk8s-locust run with real Locust', () => {
  test('stops every process at the time bound and exits 124 when the master would not quit', async () => {
    // GIVEN a test whose master keeps its web UI after the run (autoquit off)
    const input = workspace.file('forever.yaml', locustTestYaml('forever', {
      master: { command: `--locustfile /lotest/src/locustfile.py ${SHORT_RUN}`, autoquit: { enabled: false } },
    }));

    // WHEN it runs with a 6 s bound
    const result = await runInProcess(['run', input, '--host', workspace.target.url, '--timeout', '6']);

    // THEN the bound stopped master and workers, and the status says so
    expect(result.status).toBe(124);
    expect(result.stdout).toMatch(/run: master (exited with code \d+|was stopped by SIGTERM|was stopped by SIGKILL) \(the 6 s time bound was reached\)/);
    expect(result.seconds).toBeLessThan(6 + 5 + 5);
  }, E2E_TIMEOUT_MS);

  test('stops every process when the run is interrupted, and exits 130', async () => {
    // GIVEN a run that would last until its bound
    const input = workspace.file('interrupted.yaml', locustTestYaml('interrupted', {
      master: { command: `--locustfile /lotest/src/locustfile.py ${SHORT_RUN}`, autoquit: { enabled: false } },
    }));
    const interrupt = new AbortController();
    // Interrupted once the worker sends load (a fixed delay could come before it starts on a busy machine)
    const before = workspace.target.count();
    const waitForLoad = setInterval(() => {
      if (workspace.target.count() > before) {
        clearInterval(waitForLoad);
        interrupt.abort();
      }
    }, 100);

    // WHEN it is interrupted while it sends load, as Ctrl-C does, keeping its files
    const result = await runInProcess(['run', input, '--host', workspace.target.url, '--workers', '1', '--keep'], interrupt.signal)
      .finally(() => clearInterval(waitForLoad));

    // THEN master and worker were stopped for that reason, and the folder with the worker's log stays
    expect(result.status).toBe(130);
    const kept = /^run: files kept in (\S+)$/m.exec(result.stdout)?.[1];
    expect(existsSync(join(kept!, 'logs', 'worker-1.log'))).toBe(true);
    expect(existsSync(join(kept!, 'master', 'lotest', 'src', 'locustfile.py'))).toBe(true);
    rmSync(kept!, { recursive: true, force: true });
    expect(result.stdout).toMatch(/run: master (exited with code \d+|was stopped by SIG\w+) \(the run was interrupted\)/);
    expect(result.stdout).toMatch(/run: worker 1 (exited with code \d+|was stopped by SIG\w+) \(the run was interrupted\)/);
  }, E2E_TIMEOUT_MS);

  test('starts no Locust process when the run is interrupted before they start, and exits 130', async () => {
    // GIVEN a run that would last its run time, and an interrupt that came while Locust was inspected
    const input = workspace.file('interrupted-early.yaml', locustTestYaml('interrupted-early'));
    const interrupt = new AbortController();
    interrupt.abort();

    // WHEN it runs
    const result = await runInProcess(['run', input, '--host', workspace.target.url, '--workers', '1'], interrupt.signal);

    // THEN it stops there, as Ctrl-C during a run does
    expect(result.status).toBe(130);
    expect(result.stdout).toMatch(/^run: the run was interrupted before Locust started$/m);
    expect(result.stdout).not.toMatch(/^run: master /m);
  }, E2E_TIMEOUT_MS);

  test('bounds a run given a longer --timeout than a timer can wait by the longest it can, not at once', async () => {
    // GIVEN a 30-day --timeout, beyond setTimeout's 24.8 days, and an interrupt so that nothing runs
    const interrupt = new AbortController();
    interrupt.abort();

    // WHEN it runs
    const result = await runInProcess(['run', workspace.file('long.yaml', locustTestYaml('long')), '--host', workspace.target.url, '--timeout', String(30 * 24 * 3600)], interrupt.signal);

    // THEN the bound it prints and keeps is the timer's longest
    expect(result.stdout).toMatch(/^run: time bound: 2147483 s, then every process is stopped$/m);
  }, E2E_TIMEOUT_MS);

  test('leaves no Locust process running when one of them cannot be started', async () => {
    // GIVEN a test whose worker env holds a value no process can be given (a NUL byte), so the worker fails to start after the master
    const request = dispatch(['run', workspace.file('unstartable.yaml', locustTestYaml('unstartable')), '--host', workspace.target.url, '--workers', '1', '--no-reports']).localRun!;
    const workerJob = structuredClone(request.test.workerJob);
    workerJob.spec.template.spec.containers.find((container: { name: string }) => container.name === workerJob.metadata.name).env.push({ name: 'BROKEN', value: 'a\u0000b' });
    const chunks: string[] = [];
    const stdout = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });

    // WHEN it runs
    const running = executeLocalRun({ ...request.test, workerJob }, request.options, { stdout, stderr: stdout });

    // THEN the error comes through, and the master that had started is gone with the run's folder
    await expect(running).rejects.toThrow(/null bytes/);
    const folder = /^run: master: locust --locustfile (\S+)\/master\//m.exec(chunks.join(''))?.[1];
    expect(folder).toMatch(/cdk8s-locust-run-unstartable-/);
    const left = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n').filter((line) => line.includes(folder!));
    for (const line of left) process.kill(Number(line.trim().split(' ')[0]), 'SIGKILL');
    expect(left).toEqual([]);
    expect(existsSync(folder!)).toBe(false);
  }, E2E_TIMEOUT_MS);

  test('fails when a lib ConfigMap is mounted without PYTHONPATH: the warning said so, the workers\' logs show why', async () => {
    // GIVEN a locustfile importing a module of a lib ConfigMap mounted by name, and no PYTHONPATH
    const lib = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'helpers', namespace: 'load' }, data: { 'helpers.py': 'PATH = "/ping"\n' } };
    const importing = PING_LOCUSTFILE.replace('from locust import', 'from helpers import PATH\nfrom locust import').replace('"/ping"', 'PATH');
    const input = workspace.file('lib.yaml', `${stringify(lib)}---\n${locustTestYaml('lib', { testFiles: { configMapRef: 'lib-files', libConfigMapRef: 'helpers' } }, importing)}`);

    // WHEN it runs
    const result = await runInProcess(['run', input, '--host', workspace.target.url, '--workers', '1']);

    // THEN the render warned, the master failed at the import, and the worker's log tail shows it
    expect(result.stderr).toContain('warning: spec.env.variables has no PYTHONPATH with the lib mount path /opt/locust/lib');
    expect(result.stderr).toContain("ModuleNotFoundError: No module named 'helpers'");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/run: {3}worker 1 \| .*ModuleNotFoundError: No module named 'helpers'/);
  }, E2E_TIMEOUT_MS);

  test('fails when a mounted ConfigMap is not in the input, before any process starts', async () => {
    // GIVEN only the LocustTest, without the ConfigMap holding its locustfile
    const input = workspace.file('alone.yaml', locustTestYaml('alone').split('---\n')[1]);

    // WHEN it runs
    const result = await runInProcess(['run', input, '--host', workspace.target.url]);

    // THEN both Jobs' volumes name the missing ConfigMap, and nothing ran
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('run: Job alone-master: spec.template.spec.volumes[0].configMap.name names a ConfigMap that is not in the input (got "alone-files")');
    expect(result.stdout).toBe('');
  }, E2E_TIMEOUT_MS);

  // Debian's 2.12 has no --otel; a Locust that has it would run the test instead.
  const localLocustHasOtel = LOCUST !== undefined && spawnSync(LOCUST, ['--help'], { encoding: 'utf8' }).stdout.includes('--otel');
  (localLocustHasOtel ? test.skip : test)('fails when the test needs --otel and the local locust lacks it, naming the flag and the version', async () => {
    // GIVEN an OpenTelemetry-mode test
    const input = workspace.file('otel.yaml', locustTestYaml('traced', {
      image: 'locustio/locust-otel:2.43.4',
      observability: { openTelemetry: { enabled: true, endpoint: 'http://127.0.0.1:4317' } },
    }));

    // WHEN it runs with a Locust that has no --otel (Debian's 2.12)
    const result = await runInProcess(['run', input, '--host', workspace.target.url]);

    // THEN nothing starts and the error names the flag, the program and its version
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^run: --otel is not an option of the local locust \(\S+locust, version [^)]+\); OpenTelemetry mode needs Locust 2\.42\.4 or later/m);
    expect(result.stdout).toBe('');
  }, E2E_TIMEOUT_MS);
});
