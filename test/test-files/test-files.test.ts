import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { LocustTest, LocustTestProps, RenderMode, TestFiles } from '../../src';
import { minimalSpec } from '../fixtures';
import { tempTree } from '../temp-tree';
import { find, locustContainer, Manifest, synthChart } from '../util';

const LOCUSTFILE = 'from locust import HttpUser, task\n\nclass Shopper(HttpUser):\n    @task\n    def home(self):\n        self.client.get("/")\n';

function render(testFiles: TestFiles, props: Partial<LocustTestProps> = {}): Manifest[] {
  return synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), testFiles, ...props }), { namespace: 'load' });
}

function problemsOf(testFiles: TestFiles, props: Partial<LocustTestProps> = {}) {
  return new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), testFiles, ...props }).problems;
}

function configMaps(objects: Manifest[]): Manifest[] {
  return objects.filter((o) => o.kind === 'ConfigMap');
}

describe('locustfiles from the repository', () => {
  test('emits a hashed ConfigMap of the directory and mounts it as the operator does', () => {
    // GIVEN a flat locustfile directory
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE, 'users.csv': 'alice\nbob\n' });
    const objects = render(TestFiles.fromDirectory(dir));

    // THEN one ConfigMap holds both files, named after the test with a content hash
    const [configMap] = configMaps(objects);
    expect(configMap.metadata.name).toMatch(/^checkout-locustfiles-[0-9a-f]{10}$/);
    expect(configMap.metadata.namespace).toBe('load');
    expect(configMap.data).toEqual({ 'locustfile.py': LOCUSTFILE, 'users.csv': 'alice\nbob\n' });

    // AND the master pod mounts it without items, exactly like a configMapRef
    const master = find(objects, 'Job', 'checkout-master');
    expect(master.spec.template.spec.volumes).toEqual([{ name: 'checkout-master', configMap: { name: configMap.metadata.name } }]);
    expect(locustContainer(master).volumeMounts).toEqual([{ name: 'checkout-master', mountPath: '/lotest/src' }]);
  });

  test('restores nested lib folders in the pod through volume items', () => {
    // GIVEN a lib directory with a package two levels deep
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    const lib = tempTree({ 'shop/__init__.py': '', 'shop/api/client.py': 'BASE = "/api"\n', 'helpers.py': 'X = 1\n' });
    const objects = render(TestFiles.fromDirectory(dir, { libDirectory: lib }));

    // THEN the keys are flattened with __ and sorted
    const libMap = configMaps(objects).find((c) => c.metadata.name.startsWith('checkout-lib-'))!;
    expect(Object.keys(libMap.data)).toEqual(['helpers.py', 'shop____init__.py', 'shop__api__client.py']);

    // AND the lib volume maps every key back to its path, on both pods
    for (const name of ['checkout-master', 'checkout-worker']) {
      const volume = find(objects, 'Job', name).spec.template.spec.volumes.find((v: any) => v.name === 'locust-lib');
      expect(volume.configMap).toEqual({
        name: libMap.metadata.name,
        items: [
          { key: 'helpers.py', path: 'helpers.py' },
          { key: 'shop____init__.py', path: 'shop/__init__.py' },
          { key: 'shop__api__client.py', path: 'shop/api/client.py' },
        ],
      });
    }
  });

  test('names are deterministic and change with the content', () => {
    // GIVEN the same directory rendered twice, then with one byte changed
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    const first = configMaps(render(TestFiles.fromDirectory(dir)))[0].metadata.name;
    const again = configMaps(render(TestFiles.fromDirectory(dir)))[0].metadata.name;
    fs.writeFileSync(path.join(dir, 'locustfile.py'), `${LOCUSTFILE}#\n`);
    const changed = configMaps(render(TestFiles.fromDirectory(dir)))[0].metadata.name;

    // THEN the same content gives the same name and changed content a new one
    expect(again).toBe(first);
    expect(changed).not.toBe(first);
  });

  test('puts a lib read from a directory on PYTHONPATH in every Locust container', () => {
    // GIVEN a locustfile directory and a lib directory
    const objects = render(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE }), { libDirectory: tempTree({ 'helpers.py': 'X = 1\n' }) }));

    // THEN master and worker can import from the lib mount path, set last after the operator's variables
    for (const name of ['checkout-master', 'checkout-worker']) {
      const env = locustContainer(find(objects, 'Job', name)).env;
      expect(env.filter((v: any) => v.name === 'PYTHONPATH')).toEqual([{ name: 'PYTHONPATH', value: '/opt/locust/lib' }]);
      expect(env[env.length - 1].name).toBe('PYTHONPATH');
    }
  });

  test('appends the lib mount path to the user\'s own PYTHONPATH, once', () => {
    // GIVEN a spec with its own PYTHONPATH and a lib mounted elsewhere
    const spec = minimalSpec({ testFiles: { libMountPath: '/shop/lib' }, env: { variables: [{ name: 'PYTHONPATH', value: '/extra' }, { name: 'MODE', value: 'soak' }] } });
    const objects = render(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE }), { libDirectory: tempTree({ 'helpers.py': 'X = 1\n' }) }), { spec });

    // THEN its value keeps its entries first and gains the lib path, in its place
    const env = locustContainer(find(objects, 'Job', 'checkout-worker')).env;
    expect(env.filter((v: any) => ['PYTHONPATH', 'MODE'].includes(v.name))).toEqual([{ name: 'PYTHONPATH', value: '/extra:/shop/lib' }, { name: 'MODE', value: 'soak' }]);
  });

  test('leaves a PYTHONPATH that already holds the lib path as it is', () => {
    const spec = minimalSpec({ env: { variables: [{ name: 'PYTHONPATH', value: '/opt/locust/lib:/extra' }] } });
    const objects = render(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE }), { libDirectory: tempTree({ 'helpers.py': 'X = 1\n' }) }), { spec });
    expect(locustContainer(find(objects, 'Job', 'checkout-master')).env.filter((v: any) => v.name === 'PYTHONPATH')).toEqual([{ name: 'PYTHONPATH', value: '/opt/locust/lib:/extra' }]);
  });

  test('sets no PYTHONPATH without a lib directory', () => {
    const objects = render(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE })));
    expect(locustContainer(find(objects, 'Job', 'checkout-master')).env.map((v: any) => v.name)).not.toContain('PYTHONPATH');
  });

  test('fails when a --locustfile path is not a file of the directory, listing the files present', () => {
    // GIVEN commands naming a file the directory lacks, in both flag forms
    const dir = tempTree({ 'checkout.py': LOCUSTFILE, 'catalogue.py': LOCUSTFILE });
    const spec = minimalSpec({
      master: { command: '--locustfile /lotest/src/chekout.py --host https://shop.example.com' },
      worker: { command: '-f /lotest/src/checkout.py,/lotest/src/gone.py', replicas: 2 },
    });

    // THEN each missing path is a problem naming it and the files that exist
    expect(problemsOf(TestFiles.fromDirectory(dir), { spec })).toEqual([
      {
        path: 'spec.master.command',
        message: 'names the locustfile /lotest/src/chekout.py, which is not in the directory given to TestFiles.fromDirectory (mounted at /lotest/src)',
        value: '/lotest/src/chekout.py',
        fix: 'use one of /lotest/src/catalogue.py, /lotest/src/checkout.py, or add the file to the directory',
      },
      expect.objectContaining({ path: 'spec.worker.command', value: '/lotest/src/gone.py' }),
    ]);
  });

  test('fails when a --locustfile in extraArgs points outside the mounted directory', () => {
    const spec = minimalSpec({ master: { command: '--host https://shop.example.com', extraArgs: ['--locustfile=locustfile.py'] } });
    expect(problemsOf(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE })), { spec })).toEqual([
      expect.objectContaining({ path: 'spec.master.extraArgs', value: 'locustfile.py', fix: 'use one of /lotest/src/locustfile.py, or add the file to the directory' }),
    ]);
  });

  test.each([
    ['-f PATH', '-f /lotest/src/missing.py'],
    ['-fPATH', '-f/lotest/src/missing.py'],
    ['-f=PATH', '-f=/lotest/src/missing.py'],
    ['--locustfile PATH', '--locustfile /lotest/src/missing.py'],
    ['--locustfile=PATH', '--locustfile=/lotest/src/missing.py'],
  ])('fails when the master names a missing locustfile as %s', (_form, command) => {
    // GIVEN a directory without missing.py and a master naming it in one of Locust's forms
    const spec = minimalSpec({ master: { command } });

    // WHEN the test is rendered THEN the path is a problem, whatever the form
    expect(problemsOf(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE })), { spec })).toEqual([
      expect.objectContaining({ path: 'spec.master.command', value: '/lotest/src/missing.py' }),
    ]);
  });

  test.each([
    ['a module name without .py', '-f /lotest/src/locustfile'],
    ['a package folder', '-f /lotest/src/shop'],
    ['the mounted folder itself', '-f /lotest/src'],
  ])('accepts %s as the locustfile', (_what, command) => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE, 'shop/__init__.py': '' });
    expect(problemsOf(TestFiles.fromDirectory(dir), { spec: minimalSpec({ master: { command }, worker: { command, replicas: 1 } }) })).toEqual([]);
  });

  test('a renamed file changes the hash even with the same content', () => {
    const a = configMaps(render(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE, 'a.py': 'x' }))))[0].metadata.name;
    const b = configMaps(render(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE, 'b.py': 'x' }))))[0].metadata.name;
    expect(a).not.toBe(b);
  });

  test('writes the ConfigMaps of a TestFiles shared by two tests once per namespace', () => {
    // GIVEN one TestFiles with a lib folder, given to two tests in `load` and one in `soak`
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    const testFiles = TestFiles.fromDirectory(dir, { libDirectory: tempTree({ 'helpers.py': 'X = 1\n' }) });
    const objects = synthChart((chart) => {
      new LocustTest(chart, 'a', { name: 'checkout', spec: minimalSpec(), testFiles });
      new LocustTest(chart, 'b', { name: 'browse', spec: minimalSpec(), testFiles });
      new LocustTest(chart, 'c', { name: 'soak', namespace: 'soak', spec: minimalSpec(), testFiles });
    }, { namespace: 'load' });

    // THEN each namespace holds one locustfile and one lib ConfigMap, named after its first test
    const names = configMaps(objects).map((c) => `${c.metadata.namespace}/${c.metadata.name.replace(/-[0-9a-f]{10}$/, '')}`);
    expect(names).toEqual(['load/checkout-locustfiles', 'load/checkout-lib', 'soak/soak-locustfiles', 'soak/soak-lib']);

    // AND the second test of `load` mounts the first test's ConfigMaps
    const [locustfiles] = configMaps(objects).filter((c) => c.metadata.namespace === 'load');
    const volumes = find(objects, 'Job', 'browse-worker').spec.template.spec.volumes.filter((v: any) => v.configMap);
    expect(volumes.map((v: any) => v.configMap.name)).toEqual([locustfiles.metadata.name, expect.stringMatching(/^checkout-lib-/)]);
  });

  test('puts files that are not UTF-8 in binaryData', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE, 'payload.bin': Buffer.from([0xff, 0x00, 0xfe]) });
    const [configMap] = configMaps(render(TestFiles.fromDirectory(dir)));
    expect(configMap.binaryData).toEqual({ 'payload.bin': '/wD+' });
    expect(Object.keys(configMap.data)).toEqual(['locustfile.py']);
  });

  test('keeps the spec\'s mount paths', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    const spec = minimalSpec({ testFiles: { srcMountPath: '/scripts' } });
    const objects = render(TestFiles.fromDirectory(dir), {
      spec: { ...spec, master: { command: '--locustfile /scripts/locustfile.py' }, worker: { ...spec.worker, command: '--locustfile /scripts/locustfile.py' } },
    });
    expect(locustContainer(find(objects, 'Job', 'checkout-worker')).volumeMounts).toEqual([{ name: 'checkout-worker', mountPath: '/scripts' }]);
  });

  test('accepts ConfigMaps of another cdk8s-plus major, which share only their shape', () => {
    // GIVEN ConfigMaps that are not cdk8s-plus-28 objects (as a cdk8s-plus-33 app holds)
    const objects = synthChart((chart) => {
      new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), testFiles: TestFiles.fromConfigMaps({ name: 'shop-files' }, { name: 'shop-lib' }) });
    });

    // THEN the pods mount them by name
    expect(find(objects, 'Job', 'checkout-master').spec.template.spec.volumes).toEqual([
      { name: 'checkout-master', configMap: { name: 'shop-files' } },
      { name: 'locust-lib', configMap: { name: 'shop-lib' } },
    ]);
  });

  test('accepts cdk8s-plus-28 ConfigMaps the app defines', () => {
    // GIVEN two kplus ConfigMaps
    const objects = synthChart((chart) => {
      const files = new kplus.ConfigMap(chart, 'Files', { metadata: { name: 'shop-files' }, data: { 'locustfile.py': LOCUSTFILE } });
      const lib = kplus.ConfigMap.fromConfigMapName(chart, 'Lib', 'shop-lib');
      new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), testFiles: TestFiles.fromConfigMaps(files, lib) });
    });

    // THEN the pods mount them by name, and the library emits no ConfigMap of its own
    const volumes = find(objects, 'Job', 'checkout-master').spec.template.spec.volumes;
    expect(volumes).toEqual([
      { name: 'checkout-master', configMap: { name: 'shop-files' } },
      { name: 'locust-lib', configMap: { name: 'shop-lib' } },
    ]);
    expect(configMaps(objects).map((c) => c.metadata.name)).toEqual(['shop-files']);
  });

  test('accepts ConfigMap names', () => {
    const objects = render(TestFiles.fromConfigMapNames('shop-files'));
    expect(find(objects, 'Job', 'checkout-worker').spec.template.spec.volumes).toEqual([{ name: 'checkout-worker', configMap: { name: 'shop-files' } }]);
  });

  test('fails when the directory does not exist', () => {
    const problems = problemsOf(TestFiles.fromDirectory('/nonexistent/locustfiles'));
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles.directory', message: 'does not exist', value: '/nonexistent/locustfiles' })]);
  });

  test('fails when the directory is a file', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    const problems = problemsOf(TestFiles.fromDirectory(path.join(dir, 'locustfile.py')));
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles.directory', message: 'is not a directory' })]);
  });

  test('fails when the lib directory is empty', () => {
    const problems = problemsOf(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE }), { libDirectory: tempTree({}) }));
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles.libDirectory', message: 'holds no files' })]);
  });

  test('fails when the files exceed the 1 MiB ConfigMap limit', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE, 'big.csv': 'x'.repeat(1024 * 1024) });
    const problems = problemsOf(TestFiles.fromDirectory(dir));
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles.directory', message: expect.stringMatching(/more than a ConfigMap can carry \(1 MiB\)/) })]);
  });

  test('fails when a file name cannot be a ConfigMap key', () => {
    const problems = problemsOf(TestFiles.fromDirectory(tempTree({ 'my test.py': LOCUSTFILE })));
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles.directory', message: 'has a file whose name cannot be a ConfigMap key: the key must contain only letters, digits, -, _ and .', value: 'my test.py' })]);
  });

  test('fails when two files flatten to the same key', () => {
    const problems = problemsOf(TestFiles.fromDirectory(tempTree({ 'a/b.py': '1', 'a__b.py': '2' })));
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles.directory', value: ['a/b.py', 'a__b.py'] })]);
  });

  test('fails when the spec names a ConfigMap too', () => {
    const problems = problemsOf(TestFiles.fromConfigMapNames('a'), { spec: minimalSpec({ testFiles: { configMapRef: 'b' } }) });
    expect(problems).toEqual([expect.objectContaining({ path: 'spec.testFiles.configMapRef', value: 'b' })]);
  });

  test('fails when nested folders are used in operator mode', () => {
    const lib = tempTree({ 'shop/client.py': 'X = 1\n' });
    const problems = problemsOf(TestFiles.fromDirectory(tempTree({ 'locustfile.py': LOCUSTFILE }), { libDirectory: lib }), { mode: RenderMode.OPERATOR });
    expect(problems).toEqual([expect.objectContaining({ path: 'testFiles', message: expect.stringMatching(/nested folders/) })]);
  });
});

describe('the edges of a locustfile directory', () => {
  test('follows symlinks to files and folders inside the directory', () => {
    // GIVEN a directory with a linked locustfile and a linked folder, both inside it
    const dir = tempTree({ 'shared/base.py': 'BASE = 1\n', 'locustfile.py': LOCUSTFILE });
    fs.symlinkSync('locustfile.py', path.join(dir, 'smoke.py'));
    fs.symlinkSync('shared', path.join(dir, 'common'));

    // WHEN it is emitted
    const [configMap] = configMaps(render(TestFiles.fromDirectory(dir)));

    // THEN the linked file and folder are there under their own names
    expect(Object.keys(configMap.data).sort()).toEqual(['common__base.py', 'locustfile.py', 'shared__base.py', 'smoke.py']);
    expect(configMap.data['smoke.py']).toBe(LOCUSTFILE);
  });

  test('fails when a symlink leaves the directory', () => {
    const outside = tempTree({ 'secret.py': 'TOKEN = "x"\n' });
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    fs.symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'secret.py'));
    expect(problemsOf(TestFiles.fromDirectory(dir))).toEqual([expect.objectContaining({
      path: 'testFiles.directory',
      message: `has a symlink that leaves the folder (to ${fs.realpathSync(path.join(outside, 'secret.py'))}); only what is inside reaches the pods`,
      value: 'secret.py',
    })]);
  });

  test('fails when a symlink loops on itself', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    fs.symlinkSync('loop.py', path.join(dir, 'loop.py'));
    expect(problemsOf(TestFiles.fromDirectory(dir))).toEqual([expect.objectContaining({ message: 'has a symlink that loops', value: 'loop.py' })]);
  });

  test('fails when a symlink to a folder leads back to a folder that holds it', () => {
    const dir = tempTree({ 'pkg/locustfile.py': LOCUSTFILE });
    fs.symlinkSync('..', path.join(dir, 'pkg', 'up'));
    expect(problemsOf(TestFiles.fromDirectory(dir))).toEqual([expect.objectContaining({ message: 'has a symlink that loops back to a folder that holds it', value: 'pkg/up' })]);
  });

  test('fails when a file is over the limit, from its size alone, without reading any file', () => {
    // GIVEN a 3 GB file (sparse) beside the locustfile
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE, 'data.bin': '' });
    fs.truncateSync(path.join(dir, 'data.bin'), 3 * 1000 ** 3);
    const read = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'readFileSync');

    // WHEN the test is built
    const problems = problemsOf(TestFiles.fromDirectory(dir));

    // THEN one problem names the largest file, and no file was read
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('more than a ConfigMap can carry (1 MiB); the largest file is data.bin (3000000000 bytes)') })]);
    expect(read.mock.calls.filter(([file]) => String(file).startsWith(dir))).toEqual([]);
    read.mockRestore();
  });

  test('fails when a file cannot be read, in one problem', () => {
    // GIVEN a file the user cannot read (tests run as any user, so the refusal is simulated)
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    const read = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'readFileSync').mockImplementation(() => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path.join(dir, 'locustfile.py')}'`), { code: 'EACCES' });
    });

    // WHEN the test is built
    const problems = problemsOf(TestFiles.fromDirectory(dir));
    read.mockRestore();

    // THEN the file is a problem, not a stack trace
    expect(problems).toEqual([{ path: 'testFiles.directory', message: 'has a file that cannot be read: permission denied (EACCES)', value: 'locustfile.py', fix: 'make it readable by the user running cdk8s synth, or remove it' }]);
  });

  test('fails when the directory holds a FIFO', () => {
    const dir = tempTree({ 'locustfile.py': LOCUSTFILE });
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe')]).status).toBe(0);
    expect(problemsOf(TestFiles.fromDirectory(dir))).toEqual([expect.objectContaining({ message: 'has an entry that is not a regular file (a FIFO, socket or device)', value: 'pipe' })]);
  });
});
