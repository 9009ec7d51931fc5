import { Chart, Testing } from 'cdk8s';
import { TestFiles } from '../../src';
import { missingLocustfileProblems, withTestFiles } from '../../src/test-files/test-files-spec';
import { minimalSpecJson } from '../fixtures';
import { tempTree } from '../temp-tree';

/** The files a directory read by TestFiles.fromDirectory holds, relative to it. */
const FILES = ['locustfile.py', 'flows/checkout.py', 'flows/__init__.py'];

const spec = (master: string, worker = master, extra: Record<string, unknown> = {}) =>
  minimalSpecJson({ master: { command: master }, worker: { command: worker, replicas: 1 }, ...extra });

describe('missingLocustfileProblems', () => {
  test.each([
    ['a file', '-f /lotest/src/locustfile.py'],
    ['a file without .py', '--locustfile /lotest/src/locustfile'],
    ['a file in a folder', '-f=/lotest/src/flows/checkout.py'],
    ['a package folder', '--locustfile=/lotest/src/flows'],
    ['a package folder with its slash', '-f/lotest/src/flows/'],
    ['the mount path itself', '-f /lotest/src'],
    ['the mount path with its slash', '-f /lotest/src/'],
    ['a list of files', '-f /lotest/src/locustfile.py,/lotest/src/flows/checkout.py'],
  ])('accepts %s of the directory', (_what, command) => {
    expect(missingLocustfileProblems(spec(command), FILES)).toEqual([]);
  });

  test.each([
    ['a file the directory lacks', '-f /lotest/src/missing.py', '/lotest/src/missing.py'],
    ['a path outside the mount path', '-f /elsewhere/locustfile.py', '/elsewhere/locustfile.py'],
    ['a path that only starts like the mount path', '-f /lotest/srcx/locustfile.py', '/lotest/srcx/locustfile.py'],
    ['a file only a prefix of a folder name', '-f /lotest/src/flo', '/lotest/src/flo'],
  ])('fails when the master names %s', (_what, command, path) => {
    // WHEN only the master names the file
    const problems = missingLocustfileProblems(spec(command, '-f /lotest/src/locustfile.py'), FILES);

    // THEN one problem names the master's command, the path and the files there are
    expect(problems).toEqual([{
      path: 'spec.master.command',
      message: `names the locustfile ${path}, which is not in the directory given to TestFiles.fromDirectory (mounted at /lotest/src)`,
      value: path,
      fix: 'use one of /lotest/src/locustfile.py, /lotest/src/flows/checkout.py, /lotest/src/flows/__init__.py, or add the file to the directory',
    }]);
  });

  test('checks the worker and the extra arguments too, naming the field of each', () => {
    const problems = missingLocustfileProblems(minimalSpecJson({
      master: { command: '-f /lotest/src/locustfile.py', extraArgs: ['-f', '/lotest/src/a.py'] },
      worker: { command: '-f /lotest/src/b.py', replicas: 1 },
    }), FILES);
    expect(problems.map((p) => [p.path, p.value])).toEqual([['spec.master.extraArgs', '/lotest/src/a.py'], ['spec.worker.command', '/lotest/src/b.py']]);
  });

  test('checks every locustfile flag and every file of a list, skipping empty entries', () => {
    const problems = missingLocustfileProblems(spec('-f /lotest/src/a.py -f /lotest/src/locustfile.py,,/lotest/src/b.py', '-f /lotest/src/locustfile.py'), FILES);
    expect(problems.map((p) => p.value)).toEqual(['/lotest/src/a.py', '/lotest/src/b.py']);
  });

  test('reads paths against the spec\'s own mount path', () => {
    const moved = spec('-f /mnt/tests/locustfile.py', '-f /mnt/tests/locustfile.py', { testFiles: { srcMountPath: '/mnt/tests' } });
    expect(missingLocustfileProblems(moved, FILES)).toEqual([]);
    expect(missingLocustfileProblems(spec('-f /lotest/src/locustfile.py', '-f /lotest/src/locustfile.py', { testFiles: { srcMountPath: '/mnt/tests' } }), FILES)).toHaveLength(2);
  });

  test('skips a role that is not an object and arguments of the wrong shape, which the schema check reports', () => {
    expect(missingLocustfileProblems({ ...minimalSpecJson(), master: 'x', worker: { command: 5, extraArgs: 'y', replicas: 1 } }, FILES)).toEqual([]);
  });
});

describe('withTestFiles', () => {
  const chart = () => new Chart(Testing.app(), 'c');
  const directory = () => tempTree({ 'locustfile.py': 'from locust import User\n' });
  const withLib = () => TestFiles.fromDirectory(directory(), { libDirectory: tempTree({ 'helpers.py': 'X = 1\n' }) });

  test('leaves the spec as it is without the option', () => {
    const input = minimalSpecJson();
    expect(withTestFiles(chart(), 'checkout', undefined, input, undefined)).toEqual({ spec: input, volumeItems: {}, configMaps: [], problems: [] });
  });

  test('writes the ConfigMap names into spec.testFiles, keeping the mount paths the spec sets', () => {
    // GIVEN a spec that moves the src mount path
    const input = spec('-f /mnt/tests/locustfile.py', '-f /mnt/tests/locustfile.py', { testFiles: { srcMountPath: '/mnt/tests' } });

    // WHEN a directory is bound to it
    const composed = withTestFiles(chart(), 'checkout', TestFiles.fromDirectory(directory()), input, 'load');

    // THEN the ConfigMap is named and the mount path kept, with no problem
    expect(composed.problems).toEqual([]);
    expect((composed.spec as any).testFiles).toEqual({ srcMountPath: '/mnt/tests', configMapRef: expect.stringMatching(/^checkout-locustfiles-[0-9a-f]+$/) });
    expect(composed.configMaps).toHaveLength(1);
  });

  test('puts the lib folder on PYTHONPATH after the user\'s own entries', () => {
    const input = minimalSpecJson({ env: { variables: [{ name: 'PYTHONPATH', value: '/opt/own' }] } });
    const composed = withTestFiles(chart(), 'checkout', withLib(), input, undefined);
    expect((composed.spec as any).env.variables).toEqual([{ name: 'PYTHONPATH', value: '/opt/own:/opt/locust/lib' }]);
  });

  test('leaves a PYTHONPATH read through valueFrom alone', () => {
    const variables = [{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'py', key: 'path' } } }];
    const composed = withTestFiles(chart(), 'checkout', withLib(), minimalSpecJson({ env: { variables } }), undefined);
    expect((composed.spec as any).env.variables).toEqual(variables);
    expect((composed.spec as any).testFiles.libConfigMapRef).toMatch(/^checkout-lib-/);
  });

  test('adds PYTHONPATH as the last variable when the user has none', () => {
    const composed = withTestFiles(chart(), 'checkout', withLib(), minimalSpecJson({ env: { variables: [{ name: 'A', value: '1' }] } }), undefined);
    expect((composed.spec as any).env.variables).toEqual([{ name: 'A', value: '1' }, { name: 'PYTHONPATH', value: '/opt/locust/lib' }]);
  });

  test('fails when the spec names a ConfigMap the option names too', () => {
    const input = minimalSpecJson({ testFiles: { configMapRef: 'mine' } });
    const composed = withTestFiles(chart(), 'checkout', TestFiles.fromDirectory(directory()), input, undefined);
    expect(composed.problems).toEqual([expect.objectContaining({ path: 'spec.testFiles.configMapRef', message: 'is set both in the spec and by the testFiles option', value: 'mine' })]);
  });

  test('fails when the commands name a locustfile the directory lacks', () => {
    const composed = withTestFiles(chart(), 'checkout', TestFiles.fromDirectory(directory()), spec('-f /lotest/src/missing.py', '-f /lotest/src/locustfile.py'), undefined);
    expect(composed.problems.map((p) => p.path)).toEqual(['spec.master.command']);
  });

  test('gives only the binding\'s problems for a spec that is not an object', () => {
    const composed = withTestFiles(chart(), 'checkout', TestFiles.fromDirectory(directory()), 'not a spec', undefined);
    expect(composed.spec).toBe('not a spec');
    expect(composed.problems).toEqual([]);
  });
});
