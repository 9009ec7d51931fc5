import { canonicalObject } from '../../src/cli/canonical';

describe('canonicalObject', () => {
  test('puts apiVersion, kind and metadata first and sorts every other key, at every depth', () => {
    // GIVEN an object written in any key order
    const object = { spec: { b: 1, a: { d: 2, c: 3 } }, metadata: { name: 'x', labels: { z: '1', y: '2' } }, kind: 'Job', apiVersion: 'batch/v1', data: 0 };

    // THEN the same keys come out in one order
    const canonical = canonicalObject(object);
    expect(JSON.stringify(canonical)).toBe('{"apiVersion":"batch/v1","kind":"Job","metadata":{"labels":{"y":"2","z":"1"},"name":"x"},"data":0,"spec":{"a":{"c":3,"d":2},"b":1}}');
  });

  test('gives the same bytes for the same object written in another order', () => {
    const a = canonicalObject({ kind: 'ConfigMap', apiVersion: 'v1', data: { b: '2', a: '1' } });
    const b = canonicalObject({ data: { a: '1', b: '2' }, apiVersion: 'v1', kind: 'ConfigMap' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  test('keeps the order of lists, which carries meaning', () => {
    expect(canonicalObject({ args: ['--b', '--a', { z: 1, y: 2 }] })).toEqual({ args: ['--b', '--a', { y: 2, z: 1 }] });
    expect(JSON.stringify(canonicalObject({ args: [{ z: 1, y: 2 }] }))).toBe('{"args":[{"y":2,"z":1}]}');
  });

  test('keeps a key named __proto__ as an ordinary key', () => {
    const object = JSON.parse('{"data":{"__proto__":{"polluted":true}}}');
    const canonical = canonicalObject(object) as { data: Record<string, unknown> };
    expect(Object.keys(canonical.data)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(canonical.data)).toBe(Object.prototype);
  });

  test('leaves null and scalar values as they are', () => {
    expect(canonicalObject({ a: null, b: 'x', c: 1, d: false })).toEqual({ a: null, b: 'x', c: 1, d: false });
  });
});
