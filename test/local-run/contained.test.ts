// Mutants of contained.ts that no test can tell apart:
// - line 22, `false` or another string for `rest === ''`: the root itself passes the second test too.
// - line 34, the filter of empty names left out or always true: the only empty name is that of the
//   root itself, which exists and is no link.
// - line 38, `true` for `stat.isSymbolicLink()`: the real path of a folder that is no link is the
//   folder itself, inside the root.
// - line 51, no `closeSync` in the finally block: the descriptor leaks, which no test observes.
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ContainedFolder, containerPathProblem, normalContainerPath, volumePathProblem } from '../../src/local-run/contained';
import { tempTree } from '../temp-tree';

describe('ContainedFolder', () => {
  test('writes files and folders under the folder, with their modes', () => {
    // GIVEN a fresh folder
    const folder = new ContainedFolder(tempTree({}));

    // WHEN a mount's entries are written
    folder.writeEntries([
      { kind: 'directory', path: join(folder.root, 'master', 'reports') },
      { kind: 'file', path: join(folder.root, 'master', 'lotest', 'src', 'a.py'), content: Buffer.from('print(1)'), mode: 0o640 },
    ]);

    // THEN they are there
    expect(statSync(join(folder.root, 'master', 'reports')).isDirectory()).toBe(true);
    expect(readFileSync(join(folder.root, 'master', 'lotest', 'src', 'a.py'), 'utf8')).toBe('print(1)');
    expect(statSync(join(folder.root, 'master', 'lotest', 'src', 'a.py')).mode & 0o777).toBe(0o640);
  });

  test('fails when a path resolves outside the folder', () => {
    // GIVEN a folder beside a sibling the run must not touch
    const parent = tempTree({});
    mkdirSync(join(parent, 'run'));
    const folder = new ContainedFolder(join(parent, 'run'));

    // THEN a path that climbs out is refused, before anything is written
    expect(() => folder.writeFile(join(folder.root, 'master', '..', '..', 'outside.txt'), Buffer.from('x'), 0o644)).toThrow(/outside the run's folder/);
    expect(() => folder.mkdir('/etc/cdk8s-locust')).toThrow(/outside the run's folder/);
    expect(existsSync(join(parent, 'outside.txt'))).toBe(false);
  });

  test('fails when a folder inside is a symbolic link leading out of it', () => {
    // GIVEN a link inside the folder to a folder outside, as a process of the run could make
    const outside = tempTree({});
    const folder = new ContainedFolder(tempTree({}));
    symlinkSync(outside, join(folder.root, 'master'));

    // THEN writing through it is refused, and nothing lands outside
    expect(() => folder.writeFile(join(folder.root, 'master', 'authorized_keys'), Buffer.from('key'), 0o600)).toThrow(/outside the run's folder/);
    expect(existsSync(join(outside, 'authorized_keys'))).toBe(false);
  });

  test('fails before creating anything through a link to a folder outside, however deep the path below it', () => {
    // GIVEN a link inside the folder to an empty folder outside
    const outside = tempTree({});
    const folder = new ContainedFolder(tempTree({}));
    symlinkSync(outside, join(folder.root, 'master'));

    // THEN making a folder below it is refused, and no folder appears outside
    expect(() => folder.mkdir(join(folder.root, 'master', 'lotest', 'src'))).toThrow(/outside the run's folder/);
    expect(existsSync(join(outside, 'lotest'))).toBe(false);
  });

  test('fails when the file itself is a symbolic link', () => {
    const outside = tempTree({ 'target.txt': 'keep' });
    const folder = new ContainedFolder(tempTree({}));
    symlinkSync(join(outside, 'target.txt'), join(folder.root, 'a.py'));
    expect(() => folder.writeFile(join(folder.root, 'a.py'), Buffer.from('overwritten'), 0o644)).toThrow(`refused to write ${join(folder.root, 'a.py')}: it is a symbolic link`);
    expect(readFileSync(join(outside, 'target.txt'), 'utf8')).toBe('keep');
  });
});

describe('ContainedFolder, what it allows', () => {
  test('resolves its root through a symbolic link, and takes the root and names starting with .. inside it', () => {
    // GIVEN a folder reached through a link
    const real = tempTree({});
    const link = join(tempTree({}), 'link');
    symlinkSync(real, link);
    const folder = new ContainedFolder(link);

    // THEN its root is the real folder, and paths in it are allowed
    expect(folder.root).toBe(realpathSync(real));
    expect(folder.inside(folder.root)).toBe(folder.root);
    expect(folder.inside(join(folder.root, '..data', 'x'))).toBe(join(folder.root, '..data', 'x'));
    expect(folder.mkdir(join(folder.root, '..data'))).toBe(join(folder.root, '..data'));
    expect(statSync(join(folder.root, '..data')).isDirectory()).toBe(true);
  });

  test('refuses the parent of its root, naming both', () => {
    const folder = new ContainedFolder(tempTree({}));
    expect(() => folder.inside(join(folder.root, '..'))).toThrow(`refused to write ${join(folder.root, '..')}: it is outside the run's folder ${folder.root}`);
  });

  test('makes folders through a link that stays inside, and again where they exist', () => {
    // GIVEN a link inside the folder to another folder inside it
    const folder = new ContainedFolder(tempTree({}));
    mkdirSync(join(folder.root, 'real'));
    symlinkSync(join(folder.root, 'real'), join(folder.root, 'alias'));

    // WHEN folders are made through it, twice
    folder.mkdir(join(folder.root, 'alias', 'a', 'b'));
    folder.mkdir(join(folder.root, 'alias', 'a', 'b'));

    // THEN they are in the linked folder
    expect(statSync(join(folder.root, 'real', 'a', 'b')).isDirectory()).toBe(true);
  });

  test('replaces the whole content of a file it writes again, with the new mode', () => {
    const folder = new ContainedFolder(tempTree({}));
    const file = join(folder.root, 'a.py');
    folder.writeFile(file, Buffer.from('a longer first content'), 0o600);
    folder.writeFile(file, Buffer.from('x'), 0o755);
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(statSync(file).mode & 0o777).toBe(0o755);
  });
});

describe('container and volume paths', () => {
  test.each([
    ['/lotest/src', undefined],
    ['lotest/src', 'is not an absolute path'],
    ['../../home/me/.ssh', 'is not an absolute path'],
    ['', 'must be an absolute path'],
    [7, 'must be an absolute path'],
    ['/lotest/\0src', 'holds a NUL character'],
  ])('a container path %p: %p', (path, problem) => {
    expect(containerPathProblem(path)).toBe(problem);
  });

  test.each([
    ['config/settings.json', undefined],
    ['..data', undefined],
    ['../x', "must not contain '..'"],
    ['/etc/x', 'must be a relative path, not an absolute one'],
    ['', 'must be a relative path'],
    [null, 'must be a relative path'],
    ['a/\0b', 'holds a NUL character'],
  ])('a path inside a volume %p: %p', (path, problem) => {
    expect(volumePathProblem(path)).toBe(problem);
  });

  test.each([
    ['/lotest/src/', '/lotest/src'],
    ['/lotest//src/../src', '/lotest/src'],
    ['/', '/'],
    ['//', '/'],
  ])('writes the container path %p as %p', (path, normal) => {
    expect(normalContainerPath(path)).toBe(normal);
  });
});
