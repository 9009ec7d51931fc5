import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Yaml } from 'cdk8s';
import { LoadTestsChart } from '../../examples/main';
import { ShopLoadTests } from '../../examples/composed/main';
import { ensureBuilt } from '../built-cli';
import { synthExample } from '../example-apps';
import { describeWithLocust, E2E_TIMEOUT_MS, runBinary, runInProcess, useWorkspace } from './harness';
import { describeOnLocusts } from './locust-versions';

/**
 * The examples run on this machine as their README shows: synthesized like `cdk8s synth`, then
 * `cdk8s-locust run --test NAME --host http://127.0.0.1:PORT --run-time T` against a local
 * target. The examples' own user counts are used as they are; each run time is a little longer
 * than the ramp-up (users / spawn rate, 5 s here), because a Locust 2.12 master whose run time
 * ends while users are still spawning never stops.
 */
const RUN_TIME = '6s';
/** Every run ends before the test's own timeout, whatever Locust does. */
const BOUND = ['--timeout', '40'];

beforeAll(() => ensureBuilt(), 180_000);
const workspace = useWorkspace('examples');

/** Writes an example's objects as `cdk8s synth` would, into `name` in the work folder. */
function synthesized(name: string, folder: string, build: (app: App) => void): string {
  const path = join(workspace.dir, name);
  writeFileSync(path, Yaml.stringify(...synthExample(folder, build)));
  return path;
}

describeWithLocust('the examples run with real Locust', () => {
  test('the example app\'s catalogue test runs with the built command, as the README shows', async () => {
    // GIVEN the example app as npm run synth writes it to dist/load-tests.k8s.yaml
    const manifests = synthesized('load-tests.k8s.yaml', '.', (app) => new LoadTestsChart(app, 'load-tests', { namespace: 'load-testing' }));
    const before = workspace.target.count();

    // WHEN its exporter-mode test runs against the local target
    const result = await runBinary(['run', manifests, '--test', 'catalogue-load', '--host', workspace.target.url, '--run-time', RUN_TIME, '--workers', '1', ...BOUND], workspace.dir);

    // THEN the master passed the test and the target received the catalogue's requests
    expect(result.stderr).not.toContain('Traceback');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('run: master exited with code 0');
    expect(workspace.target.count('/api/products')).toBeGreaterThan(0);
    expect(workspace.target.requests.slice(before).some((request) => request.path.startsWith('/api/products/'))).toBe(true);
  }, E2E_TIMEOUT_MS);
});

describeOnLocusts('the examples run with real Locust', (locust) => {
  test('the composed example imports its lib package, which the library puts on PYTHONPATH', async () => {
    // GIVEN the composed example, whose checkout locustfile imports shop.client from the lib ConfigMap
    const manifests = synthesized('composed.k8s.yaml', 'examples/composed', (app) => new ShopLoadTests(app, 'shop', { namespace: 'load-testing', runId: 'r1' }));
    const before = workspace.target.count();

    // WHEN its checkout test runs
    const result = await runInProcess(['run', manifests, '--test', 'checkout-load', '--host', workspace.target.url, '--run-time', RUN_TIME, '--workers', '1', ...BOUND, ...locust.runArgs]);

    // THEN the import worked in master and worker, and the lib's requests reached the target
    expect(result.stderr).not.toContain('ModuleNotFoundError');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('run: worker 1 exited with code 0');
    expect(workspace.target.requests.slice(before).some((request) => request.path.startsWith('/api/products/') || request.path === '/api/cart')).toBe(true);
  }, E2E_TIMEOUT_MS);
});
