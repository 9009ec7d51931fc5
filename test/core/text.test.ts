import { byteOrder, closestName, describeSystemError, lowerFirst } from '../../src/core/text';

describe('closestName', () => {
  const OPTIONS = ['host', 'use-test-host', 'run-time', 'workers', 'strict', 'output'];

  test.each([
    ['hots', 'host'],
    ['worker', 'workers'],
    ['runtime', 'run-time'],
    ['stirct', 'strict'],
  ])('takes %s for a typo of %s', (typed, meant) => {
    expect(closestName(typed, OPTIONS)).toBe(meant);
  });

  test('names nothing when no candidate is close', () => {
    expect(closestName('frobnicate', OPTIONS)).toBeUndefined();
    expect(closestName('xyz', OPTIONS)).toBeUndefined();
  });
});

describe('byteOrder', () => {
  test('sorts by code units as Go\'s sort.Strings does: OTEL_METRICS_X before OTEL_METRIC_X, capitals before lower case', () => {
    // GIVEN names that localeCompare would order otherwise
    const names = ['OTEL_METRIC_X', 'b', 'OTEL_METRICS_X', 'B', 'a'];

    // WHEN they are sorted
    const sorted = [...names].sort(byteOrder);

    // THEN S (0x53) comes before _ (0x5f), and upper case before lower case
    expect(sorted).toEqual(['B', 'OTEL_METRICS_X', 'OTEL_METRIC_X', 'a', 'b']);
  });

  test('is 0 for equal strings, negative before, positive after', () => {
    expect(byteOrder('a', 'a')).toBe(0);
    expect(byteOrder('a', 'b')).toBe(-1);
    expect(byteOrder('b', 'a')).toBe(1);
  });
});

describe('lowerFirst', () => {
  test.each([
    ['Expected a number', 'expected a number'],
    ['x', 'x'],
    ['', ''],
    ['ABC', 'aBC'],
  ])('turns %j into %j', (text, lowered) => {
    expect(lowerFirst(text)).toBe(lowered);
  });
});

describe('describeSystemError', () => {
  test.each([
    [Object.assign(new Error("ENOENT: no such file or directory, open 'x.yaml'"), { code: 'ENOENT' }), 'no such file or directory (ENOENT)'],
    [Object.assign(new Error("EACCES: permission denied, open '/root/x'"), { code: 'EACCES' }), 'permission denied (EACCES)'],
    [Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }), 'illegal operation on a directory (EISDIR)'],
    [Object.assign(new Error('something else happened'), { code: 'EIO' }), 'something else happened (EIO)'],
    [new Error('no code at all'), 'no code at all'],
    [{ message: 'from another realm', code: 'ENOENT' }, 'from another realm (ENOENT)'],
    ['a thrown string', 'a thrown string'],
  ])('describes %p as %j', (error, text) => {
    expect(describeSystemError(error)).toBe(text);
  });
});
