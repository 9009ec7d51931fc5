import { isJsonObject, plainCopy } from '../../src/spec/spec';

describe('isJsonObject', () => {
  test.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null), true],
    [[], false],
    [null, false],
    [undefined, false],
    ['{}', false],
    [1, false],
  ])('%p is a JSON object: %s', (value, expected) => {
    expect(isJsonObject(value)).toBe(expected);
  });
});

describe('plainCopy', () => {
  test('copies deeply into ordinary objects and arrays, so changing the copy leaves the input', () => {
    // GIVEN a spec whose objects have no prototype, as some parsers make them
    const env = Object.assign(Object.create(null), { variables: [Object.assign(Object.create(null), { name: 'A', value: '1' })] });
    const input = Object.assign(Object.create(null), { image: 'i', env, replicas: 3, flag: true, nothing: null });

    // WHEN it is copied
    const copy = plainCopy(input) as any;

    // THEN every object of the copy is ordinary JSON with the same values
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy.env)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy.env.variables[0])).toBe(Object.prototype);
    expect(copy).toEqual({ image: 'i', env: { variables: [{ name: 'A', value: '1' }] }, replicas: 3, flag: true, nothing: null });

    // AND the copy is its own
    copy.env.variables[0].value = '2';
    expect(env.variables[0].value).toBe('1');
    expect(copy.env.variables).not.toBe(env.variables);
  });

  test('returns scalars as they are', () => {
    for (const value of ['x', 1, false, null, undefined]) expect(plainCopy(value)).toBe(value);
  });
});
