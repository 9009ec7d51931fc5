import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locustfileTestObjects, testNameOf } from '../../src/cli/locustfile-run';
import { dispatch } from '../../src/cli/dispatch';
import { tempTree } from '../temp-tree';

const LOCUSTFILE = 'from locust import HttpUser, task\n\nclass Shopper(HttpUser):\n    @task\n    def ping(self):\n        self.client.get("/ping")\n';

const byKindAndName = (objects: Record<string, any>[], kind: string, name: string): any => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('run -f: a test made from a locustfile', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempTree({ 'shop/locustfile.py': LOCUSTFILE, 'shop/helpers.py': 'X = 1\n', 'shop/data/users.csv': 'a\n', 'single/checkout_v2.py': LOCUSTFILE, 'single/util.py': 'Y = 2\n', 'single/notes.txt': 'n', 'two/a.py': LOCUSTFILE, 'two/b.py': LOCUSTFILE });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('runs the locustfile.py of a folder with the library\'s defaults, mounting the whole folder', () => {
    // WHEN a folder is given with a target
    const made = locustfileTestObjects({ path: join(dir, 'shop'), host: 'http://127.0.0.1:8080' });

    // THEN the test is named after the folder, with one user for a minute and one worker
    expect(made.problems).toEqual([]);
    const master = byKindAndName(made.objects, 'Job', 'shop-master').spec.template.spec.containers.find((c: any) => c.name === 'shop-master');
    expect(master.args.slice(0, 10)).toEqual(['--locustfile', '/lotest/src/locustfile.py', '--host', 'http://127.0.0.1:8080', '--users', '1', '--spawn-rate', '1', '--run-time', '1m']);
    expect(byKindAndName(made.objects, 'Job', 'shop-worker').spec.parallelism).toBe(1);
    // AND every file of the folder, nested ones included, is in its ConfigMap
    const configMap: any = made.objects.find((o) => o.kind === 'ConfigMap');
    expect(Object.keys(configMap.data).sort()).toEqual(['data__users.csv', 'helpers.py', 'locustfile.py']);
  });

  test('runs a file with the Python modules beside it, and the users, rate, time and workers asked for', () => {
    // WHEN a file is given with every option
    const made = locustfileTestObjects({ path: join(dir, 'single', 'checkout_v2.py'), host: 'http://127.0.0.1:9', users: 10, spawnRate: 2, runTime: '5s', workers: 3 });

    // THEN the test takes the file's name, and its ConfigMap holds the Python files of its folder only
    expect(made.problems).toEqual([]);
    expect(made.name).toBe('checkout-v2');
    expect(Object.keys(byKindAndName(made.objects, 'ConfigMap', 'checkout-v2-locustfiles').data)).toEqual(['checkout_v2.py', 'util.py']);
    const master = byKindAndName(made.objects, 'Job', 'checkout-v2-master').spec.template.spec.containers[0];
    expect(master.args.slice(0, 10)).toEqual(['--locustfile', '/lotest/src/checkout_v2.py', '--host', 'http://127.0.0.1:9', '--users', '10', '--spawn-rate', '2', '--run-time', '5s']);
    expect(byKindAndName(made.objects, 'Job', 'checkout-v2-worker').spec.parallelism).toBe(3);
  });

  test('fails when a folder holds several Python files and no locustfile.py, saying which to give', () => {
    const made = locustfileTestObjects({ path: join(dir, 'two'), host: 'http://127.0.0.1:9' });
    expect(made.problems).toEqual([expect.objectContaining({ path: '-f', message: 'names a folder of several Python files and no locustfile.py', value: ['a.py', 'b.py'], fix: expect.stringContaining(`-f ${join(dir, 'two', 'a.py')}`) })]);
  });

  test('fails when the path does not exist', () => {
    expect(locustfileTestObjects({ path: join(dir, 'nowhere'), host: 'http://127.0.0.1:9' }).problems).toEqual([expect.objectContaining({ path: '-f', message: 'does not exist' })]);
  });

  test('hands the test it made to the run, with no run time or workers left to override', () => {
    // WHEN the command line is given -f
    const result = dispatch(['run', '-f', join(dir, 'shop'), '--host', 'http://127.0.0.1:9', '--run-time', '2s', '--workers', '2']);

    // THEN the run gets the test, whose own command holds the run time and workers
    expect(result.status).toBe(0);
    expect(result.localRun?.test.name).toBe('shop');
    expect(result.localRun?.test.workerJob.spec.parallelism).toBe(2);
    expect(result.localRun?.options).toMatchObject({ host: 'http://127.0.0.1:9', runTime: undefined, workers: undefined });
  });

  test('builds the test for the operator configuration given', () => {
    // GIVEN an operator configuration with bigger pods
    const config = join(dir, 'operator.yaml');
    writeFileSync(config, 'POD_CPU_REQUEST: 500m\n');

    // WHEN a folder runs with it
    const result = dispatch(['run', '-f', join(dir, 'shop'), '--host', 'http://127.0.0.1:9', '--operator-config', config]);

    // THEN the Locust containers request what it says
    expect(result.stderr).toBe('');
    const master = result.localRun!.test.masterJob.spec.template.spec.containers.find((c: any) => c.name === 'shop-master');
    expect(master.resources.requests.cpu).toBe('500m');
  });

  test.each([
    ['checkout.py', 'checkout'],
    ['Checkout_V2.py', 'checkout-v2'],
    ['2024-load', 'load'],
    ['___', 'locust'],
  ])('names the test after %s as %s', (base, name) => {
    expect(testNameOf(base)).toBe(name);
  });
});
