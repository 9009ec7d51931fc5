import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describeWithLocust, E2E_TIMEOUT_MS, PING_LOCUSTFILE, runInProcess, useWorkspace } from './harness';

const workspace = useWorkspace('locustfile-run');

describeWithLocust('cdk8s-locust run -f with real Locust', () => {
  test('runs a folder of locustfiles in one command, and its requests reach the target', async () => {
    // GIVEN a folder holding a locustfile, and no YAML at all
    mkdirSync(join(workspace.dir, 'tests'));
    workspace.file('tests/locustfile.py', PING_LOCUSTFILE);
    const before = workspace.target.count('/ping');

    // WHEN it runs with a target, two users and a short run time
    const result = await runInProcess(['run', '-f', join(workspace.dir, 'tests'), '--host', workspace.target.url, '--users', '2', '--run-time', '3s']);

    // THEN the master and its worker exit 0 and the target counted the requests
    expect(result.stderr).not.toContain('Traceback');
    expect(result.stdout).toContain('run: test tests: 1 master, 1 worker');
    expect(result.stdout).toContain('run: master exited with code 0');
    expect(result.status).toBe(0);
    expect(workspace.target.count('/ping') - before).toBeGreaterThan(3);
  }, E2E_TIMEOUT_MS);
});
