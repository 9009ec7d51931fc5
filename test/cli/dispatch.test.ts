import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { find, Manifest } from '../util';
import { locustTestYaml } from '../local-run/rendered';

/** `run` in process: the same paths as the spawned command, measurable by coverage. */
const EXAMPLES = resolve(__dirname, '..', '..', 'examples', 'cli');
let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-run-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('run', () => {
  const LOCUST_TEST = (name: string, namespace = 'load', extra = '') => `apiVersion: locust.io/v2
kind: LocustTest
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  image: locustio/locust:2.43.1
  master: {command: "-f /lotest/src/a.py"${extra}}
  worker: {command: "-f /lotest/src/a.py", replicas: 2}
`;

  test('renders the example with its operator configuration', () => {
    // WHEN the example is rendered to a file
    const output = join(work, 'out.yaml');
    const result = dispatch(['render', join(EXAMPLES, 'locusttests.yaml'), '--operator-config', join(EXAMPLES, 'operator-config.yaml'), '-o', output]);

    // THEN the file holds the ConfigMap and the three objects, configured
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    const objects = parseAllDocuments(readFileSync(output, 'utf8')).map((d) => d.toJS() as Manifest);
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Service', 'Job', 'Job']);
    expect(find(objects, 'Job', 'checkout-load-master').spec.ttlSecondsAfterFinished).toBe(3600);
  });

  test('sorts the keys of documents that pass through, apiVersion, kind and metadata first', () => {
    const input = file('pass.yaml', `spec: {b: 1, a: 2}\nmetadata: {name: x}\nkind: Thing\napiVersion: example.com/v1\n---\n${LOCUST_TEST('shop')}`);
    expect(dispatch(['render', input]).stdout.split('---\n')[0]).toBe('apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: x\nspec:\n  a: 2\n  b: 1\n');
  });

  test.each(['render', 'validate'])('fails when the input of %s is empty, in one line', (command) => {
    // GIVEN a file with nothing but a comment
    const input = file('empty.yaml', '# nothing\n');

    // WHEN it is given to the command
    const result = dispatch([command, input]);

    // THEN the run fails, saying why, and writes nothing
    expect(result).toEqual({ status: 1, stdout: '', stderr: `${input}: holds no documents; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input\n` });
  });

  test('fails when no document of any input is a LocustTest, naming the inputs', () => {
    // GIVEN two files of ConfigMaps only
    const a = file('cm-a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    const b = file('cm-b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');

    // WHEN they are rendered
    const result = dispatch(['render', a, b]);

    // THEN the run fails with one line naming both inputs
    expect(result).toEqual({ status: 1, stdout: '', stderr: `${a}, ${b}: holds 2 documents and no LocustTest; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input\n` });
  });

  test('fails when the output file cannot be written', () => {
    const result = dispatch(['render', file('ok.yaml', LOCUST_TEST('shop')), '-o', work]);
    expect(result).toEqual({ status: 1, stdout: '', stderr: `${work}: cannot be written: illegal operation on a directory (EISDIR)\n` });
  });

  test('fails when the operator configuration holds two documents', () => {
    const config = file('two.yaml', 'POD_CPU_REQUEST: 1\n---\nPOD_CPU_LIMIT: 2\n');
    expect(dispatch(['validate', file('any.yaml', 'a: 1\n'), '--operator-config', config]).stderr).toBe(`${config}:3:1: holds more than one document; put every setting in one mapping\n`);
  });

  test('prints the version of the package', () => {
    const { version } = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(dispatch(['--version']).stdout).toBe(`${version}\n`);
  });


  test('--argocd adds Force/Replace sync options to both Jobs and puts the Service in an earlier wave', () => {
    const objects = parseAllDocuments(dispatch(['render', '--argocd', file('argo.yaml', LOCUST_TEST('shop'))]).stdout).map((d) => d.toJS() as Manifest);
    for (const name of ['shop-master', 'shop-worker']) {
      expect(find(objects, 'Job', name).metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Force=true,Replace=true');
    }
    const serviceWave = Number(find(objects, 'Service', 'shop-master').metadata.annotations['argocd.argoproj.io/sync-wave']);
    const jobWave = Number(find(objects, 'Job', 'shop-master').metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(serviceWave).toBeLessThan(jobWave);
    expect(find(objects, 'Job', 'shop-worker').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(String(jobWave));
  });

  test('--run-id changes only the pod templates of the two Jobs', () => {
    const input = file('run.yaml', LOCUST_TEST('shop'));
    const first = parseAllDocuments(dispatch(['render', '--run-id', 'a1', input]).stdout).map((d) => d.toJS() as Manifest);
    const second = parseAllDocuments(dispatch(['render', '--run-id', 'b2', input]).stdout).map((d) => d.toJS() as Manifest);
    expect(find(first, 'Job', 'shop-worker').spec.template.metadata.annotations['cdk8s-locust/run-id']).toBe('a1');
    const withoutRunId = (objects: Manifest[]) => JSON.stringify(objects).replace(/"cdk8s-locust\/run-id":"[^"]*"/g, '');
    expect(withoutRunId(first)).toBe(withoutRunId(second));
  });

  test('fails when --run-id is given a file name instead of a value, as a usage error', () => {
    // GIVEN a run id forgotten between the flag and the file
    const input = file('mine.yaml', LOCUST_TEST('shop'));

    // WHEN the file takes the id's place
    const result = dispatch(['render', '--run-id', input]);

    // THEN it is a usage error that says how to write it, and nothing is rendered
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`cdk8s-locust: --run-id needs a value before the files: ${JSON.stringify(input)} is an input file, e.g. --run-id 2026-11-22-1 ${input}`);
  });

  test('fails when --run-id is empty, as a usage error', () => {
    const result = dispatch(['render', '--run-id', '', file('e.yaml', 'a: 1\n')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cdk8s-locust: --run-id needs a value/);
  });

  test('--strict turns a warning into a failure', () => {
    const input = file('headless.yaml', LOCUST_TEST('shop', 'load', ', extraArgs: ["--headless"]'));
    const relaxed = dispatch(['validate', input]);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stderr).toMatch(/LocustTest shop: warning: /);
    const strict = dispatch(['validate', '--strict', input]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/LocustTest shop: .*strict mode: a warning is an error/);
  });

  test('fails when two LocustTests would give the same objects in one namespace, naming both sources', () => {
    const a = file('a.yaml', LOCUST_TEST('shop'));
    const b = file('b.yaml', LOCUST_TEST('shop'));
    const result = dispatch(['render', a, b]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${b}: LocustTest shop: metadata.name gives Service load/shop-master, which ${a}: LocustTest shop also gives;`);
  });

  test('fails when a passed-through document clashes with a generated object', () => {
    const input = file('clash.yaml', `${LOCUST_TEST('shop')}---\napiVersion: v1\nkind: Service\nmetadata: {name: shop-master, namespace: load}\n`);
    expect(dispatch(['render', input]).stderr).toContain(`${input}: document 2 (line 9): metadata.name gives Service load/shop-master, which LocustTest shop of document 1 (line 1) of this file also gives;`);
  });

  test('fails when two LocustTests of one file give the same objects, telling them apart by document and line', () => {
    // GIVEN one file holding the same test twice
    const input = file('twice.yaml', `${LOCUST_TEST('shop')}---\n${LOCUST_TEST('shop')}`);

    // WHEN it is rendered
    const result = dispatch(['render', input]);

    // THEN the repeat is named by its document and line, the first one within the same file, and the file once per line
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${input}: LocustTest shop of document 2 (line 9): metadata.name gives Service load/shop-master, which LocustTest shop of document 1 (line 1) of this file also gives; give the tests different names, or put them in different namespaces`);
    expect(lines.every((line) => line.split(input).length === 2)).toBe(true);
  });

  test('accepts the same test name in two namespaces', () => {
    expect(dispatch(['validate', file('ns.yaml', `${LOCUST_TEST('shop', 'a')}---\n${LOCUST_TEST('shop', 'b')}`)]).status).toBe(0);
  });
});


describe('run command', () => {
  test('renders LocustTests first and hands the picked test and the options to the caller', () => {
    // GIVEN two tests in one file
    const input = file('two-tests.yaml', `${locustTestYaml('shop')}---\n${locustTestYaml('cart')}`);

    // WHEN run picks one of them
    const result = dispatch(['run', input, '--test', 'cart', '--host', 'http://127.0.0.1:9', '--workers', '1', '--timeout', '30']);

    // THEN nothing is printed yet and the local run is described
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(result.localRun?.test.masterJob.metadata.name).toBe('cart-master');
    expect(result.localRun?.options).toEqual({ host: 'http://127.0.0.1:9', runTime: undefined, workers: 1, timeoutSeconds: 30, keep: false, noReports: false });
  });

  test('reads rendered manifests, which hold no LocustTest', () => {
    // GIVEN the bundle render writes for a test
    const bundle = file('bundle.k8s.yaml', dispatch(['render', file('one-test.yaml', locustTestYaml('shop'))]).stdout);

    // WHEN run reads it
    const result = dispatch(['run', bundle]);

    // THEN the test is found among the objects
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.localRun?.test.name).toBe('shop');
  });

  test('fails when several tests are given without --test, listing them', () => {
    const input = file('two-more.yaml', `${locustTestYaml('shop')}---\n${locustTestYaml('cart')}`);
    expect(dispatch(['run', input])).toEqual({ status: 1, stdout: '', stderr: 'cdk8s-locust: --test is required: the input holds several tests (cart, shop); name the one to run with --test NAME\n' });
  });

  test('fails when a test of the input is invalid, as render does', () => {
    const input = file('broken-run.yaml', locustTestYaml('shop').replace('replicas: 3', 'replicas: 0'));
    expect(dispatch(['run', input])).toMatchObject({ status: 1, stderr: expect.stringContaining('spec.worker.replicas must be at least 1') });
  });
});
