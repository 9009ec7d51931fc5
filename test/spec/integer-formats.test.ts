import { AJV_FORMATS, INTEGER_FORMATS } from '../../src/spec/integer-formats';

describe('INTEGER_FORMATS', () => {
  test.each([
    ['int32', -(2 ** 31), true],
    ['int32', 2 ** 31 - 1, true],
    ['int32', -(2 ** 31) - 1, false],
    ['int32', 2 ** 31, false],
    ['int64', -(2 ** 63), true],
    ['int64', Number.MAX_SAFE_INTEGER, true],
    // 2^63 - 1 is not a double: it rounds to 2^63, which is out of range
    ['int64', 2 ** 63, false],
    ['int64', -(2 ** 64), false],
  ])('%s holds %d: %s', (format, n, valid) => {
    expect(INTEGER_FORMATS[format].valid(n)).toBe(valid);
  });

  test('names each format\'s width and range in words, for the error messages', () => {
    expect(INTEGER_FORMATS.int32).toMatchObject({ bits: 32, range: '-2147483648 and 2147483647' });
    expect(INTEGER_FORMATS.int64).toMatchObject({ bits: 64, range: '-9223372036854775808 and 9223372036854775807' });
  });
});

describe('AJV_FORMATS', () => {
  test('gives ajv the same checks, for numbers', () => {
    expect(Object.keys(AJV_FORMATS)).toEqual(['int32', 'int64']);
    expect(AJV_FORMATS.int32).toEqual({ type: 'number', validate: INTEGER_FORMATS.int32.valid });
    expect(AJV_FORMATS.int64).toEqual({ type: 'number', validate: INTEGER_FORMATS.int64.valid });
  });
});
