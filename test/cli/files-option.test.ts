import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { folderConfigMaps, parseFolderConfigMap } from '../../src/cli/files-option';
import { planLocalRun } from '../../src/local-run/plan';
import { tempTree } from '../temp-tree';

/** A LocustTest as the operator's samples write it: its locustfiles in a ConfigMap it only names. */
const SAMPLE = stringify({
  apiVersion: 'locust.io/v2',
  kind: 'LocustTest',
  metadata: { name: 'sample-test', namespace: 'default' },
  spec: {
    image: 'locustio/locust:2.43.1',
    master: { command: '--locustfile /lotest/src/locustfile.py --host http://127.0.0.1:9' },
    worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 2 },
    testFiles: { configMapRef: 'my-locust-tests' },
  },
});

describe('run --files NAME=DIR', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempTree({ 'tests/locustfile.py': 'print(1)\n', 'nested/pkg/mod.py': 'x = 1\n', 'sample.yaml': SAMPLE });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('gives a sample test the ConfigMap it names, from a folder', () => {
    // WHEN the sample runs with its ConfigMap given as a folder
    const result = dispatch(['run', join(dir, 'sample.yaml'), '--files', `my-locust-tests=${join(dir, 'tests')}`]);

    // THEN the run has the test and a ConfigMap of that name with the folder's files
    expect(result.stderr).toBe('');
    const configMap = result.localRun?.test.sources.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'my-locust-tests');
    expect(configMap?.data).toEqual({ 'locustfile.py': 'print(1)\n' });
  });

  test('fails without it, saying how to give the ConfigMap as a folder', () => {
    // GIVEN the planned run of the sample alone
    const result = dispatch(['run', join(dir, 'sample.yaml')]);
    const planned = planLocalRun(result.localRun!.test, {}, { root: '/nonexistent-never-written', masterPort: 1, webPort: 2 });

    // THEN the missing ConfigMap's problem names the option
    expect('problems' in planned && planned.problems[0].fix).toMatch(/--files my-locust-tests=DIR$/);
  });

  test('fails when the folder has subfolders, which the operator\'s mount cannot restore', () => {
    const made = folderConfigMaps([{ name: 'files', dir: join(dir, 'nested') }]);
    expect(made.objects).toEqual([]);
    expect(made.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/subfolders/), value: ['pkg/mod.py'] })]);
  });

  test('fails when the folder does not exist, saying where it is read from', () => {
    const made = folderConfigMaps([{ name: 'files', dir: join(dir, 'none') }]);
    expect(made.problems).toEqual([expect.objectContaining({ message: 'does not exist', fix: expect.stringMatching(/current directory/) })]);
  });

  test.each([
    ['files=./tests', { name: 'files', dir: './tests' }],
    ['my.files=a=b', { name: 'my.files', dir: 'a=b' }],
    ['Files=x', undefined],
    ['files', undefined],
    ['=x', undefined],
  ])('reads %s as %j', (text, parsed) => {
    expect(parseFolderConfigMap(text)).toEqual(parsed);
  });
});
