import { stringify } from 'yaml';
import { describeWithLocust, E2E_TIMEOUT_MS, PING_LOCUSTFILE, runInProcess, useWorkspace } from './harness';
import { describeOnLocusts } from './locust-versions';

/** A LocustTest scheduled nightly through its annotation, with the locustfile in a ConfigMap. */
function scheduledTestYaml(name: string, masterExtraArgs: string[] = []): string {
  const files = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-files`, namespace: 'load' }, data: { 'locustfile.py': PING_LOCUSTFILE } };
  const test = {
    apiVersion: 'locust.io/v2',
    kind: 'LocustTest',
    metadata: { name, namespace: 'load', annotations: { 'cdk8s-locust/schedule': '0 2 * * *' } },
    spec: {
      image: 'locustio/locust:2.43.1',
      master: { command: '--locustfile /lotest/src/locustfile.py --users 2 --spawn-rate 2 --run-time 3s', extraArgs: masterExtraArgs },
      worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
      testFiles: { configMapRef: `${name}-files` },
    },
  };
  return `${stringify(files)}---\n${stringify(test)}`;
}


const workspace = useWorkspace('schedule');

describeOnLocusts('a scheduled test with real Locust', (locust) => {
  test('one run of its two CronJobs exits 0, the master waiting for both workers before the load starts', async () => {
    // GIVEN a scheduled LocustTest, whose master carries --expect-workers-max-wait=600
    const input = workspace.file('nightly.yaml', scheduledTestYaml('nightly'));
    const before = workspace.target.count('/ping');

    // WHEN one run of it runs on this machine
    const result = await runInProcess(['run', input, '--host', workspace.target.url, ...locust.runArgs]);

    // THEN Locust accepted the flag, master and workers exited 0 and the load reached the target
    expect(result.stderr).not.toContain('Traceback');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('run: master exited with code 0');
    expect(result.stdout).toContain('run: worker 2 exited with code 0');
    expect(workspace.target.count('/ping') - before).toBeGreaterThan(10);
  }, E2E_TIMEOUT_MS);
});

describeWithLocust('a scheduled test with real Locust', () => {
  test('fails with exit code 1 when the workers it waits for do not all come within the bound', async () => {
    // GIVEN a scheduled test whose master expects 3 workers, waiting at most 2 s, while 2 run
    const input = workspace.file('short-wait.yaml', scheduledTestYaml('short-wait', ['--expect-workers=3', '--expect-workers-max-wait=2']));

    // WHEN one run of it runs on this machine
    const result = await runInProcess(['run', input, '--host', workspace.target.url]);

    // THEN the master gave up after the bound instead of waiting forever, and its exit code says so
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('Gave up waiting for workers to connect');
    expect(result.stdout).toContain('run: master exited with code 1');
    expect(result.seconds).toBeLessThan(30);
  }, E2E_TIMEOUT_MS);
});
