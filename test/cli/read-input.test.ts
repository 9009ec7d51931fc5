import { join } from 'node:path';
import { describeSystemError, readInputs, readOne, STDIN_NAME } from '../../src/cli/read-input';
import { tempTree } from '../temp-tree';

describe('readInputs', () => {
  test('reads every file in order, each under its own name', () => {
    const root = tempTree({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 2\n' });
    const [a, b] = [join(root, 'a.yaml'), join(root, 'b.yaml')];
    expect(readInputs([b, a])).toEqual([{ name: b, text: 'b: 2\n' }, { name: a, text: 'a: 1\n' }]);
  });

  test('says why a file cannot be read, in one line without a stack', () => {
    const root = tempTree({});
    const missing = join(root, 'missing.yaml');
    expect(readInputs([missing, root])).toEqual([
      { name: missing, error: 'no such file or directory (ENOENT)' },
      { name: root, error: 'illegal operation on a directory (EISDIR)' },
    ]);
  });

  test('calls standard input by its name for messages', () => {
    expect(STDIN_NAME).toBe('<stdin>');
  });
});

describe('readOne', () => {
  test('reads a file as UTF-8 text', () => {
    const root = tempTree({ 'shop.yaml': 'name: café\n' });
    expect(readOne('shop', join(root, 'shop.yaml'))).toEqual({ name: 'shop', text: 'name: café\n' });
  });
});

describe('describeSystemError', () => {
  test.each([
    [Object.assign(new Error("ENOENT: no such file or directory, open 'x.yaml'"), { code: 'ENOENT' }), 'no such file or directory (ENOENT)'],
    [Object.assign(new Error("EACCES: permission denied, open '/root/x'"), { code: 'EACCES' }), 'permission denied (EACCES)'],
    [Object.assign(new Error('something else happened'), { code: 'EIO' }), 'something else happened (EIO)'],
    [new Error('no code at all'), 'no code at all'],
    [{ message: 'from another realm', code: 'ENOENT' }, 'from another realm (ENOENT)'],
    ['a thrown string', 'a thrown string'],
  ])('describes %p as %j', (error, text) => {
    expect(describeSystemError(error)).toBe(text);
  });
});
