import { ApiObject, App, Chart } from 'cdk8s';
import { MAX_OBJECT_BYTES, mayExceedObjectSize, objectSizeProblems } from '../../src/checks/object-size';

// Mutants that survive and change nothing a user sees (`npm run mutation`):
// - `next.length >= best.length` in largestString: of two equally long values either is the one
//   to shorten; which one is named depends only on the walk's order.
// - `typeof next === 'object'` made always true: a number or boolean has no entries to walk, so
//   it adds nothing either way.

/** A ConfigMap holding `text`, as an object the construct could write. */
function configMap(name: string, text: string): ApiObject {
  const chart = new Chart(new App(), 'test');
  return new ApiObject(chart, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { 'locustfile.py': text } });
}

/** Bytes of the object around its data. */
const MARGIN = 200;

describe('objectSizeProblems', () => {
  test('finds no problem in an object of ordinary size, nor in one just under the limit', () => {
    // GIVEN objects far under, and just under, the limit
    const small = configMap('small', 'print(1)');
    const justUnder = configMap('just-under', 'x'.repeat(MAX_OBJECT_BYTES - MARGIN));
    expect(Buffer.byteLength(JSON.stringify(justUnder.toJson()))).toBeLessThanOrEqual(MAX_OBJECT_BYTES);

    // THEN neither is a problem
    expect(objectSizeProblems([small, justUnder], { image: 'locustio/locust:2.31.0' })).toEqual([]);
  });

  test('takes an object of exactly 1.5 MiB, and fails one byte over', () => {
    // GIVEN objects whose JSON is exactly the limit, and one byte more
    const empty = Buffer.byteLength(JSON.stringify(configMap('exact', '').toJson()));
    const exact = configMap('exact', 'x'.repeat(MAX_OBJECT_BYTES - empty));
    const over = configMap('exact', 'x'.repeat(MAX_OBJECT_BYTES - empty + 1));
    expect(Buffer.byteLength(JSON.stringify(exact.toJson()))).toBe(MAX_OBJECT_BYTES);

    // THEN only the larger one is a problem
    expect(objectSizeProblems([exact], {})).toEqual([]);
    expect(objectSizeProblems([over], {})).toHaveLength(1);
  });

  test('fails when an object is over 1.5 MiB, naming the longest value of the spec', () => {
    // GIVEN a spec with one very long value and a short one
    const long = 'y'.repeat(MAX_OBJECT_BYTES);
    const spec = { image: 'locustio/locust:2.31.0', master: { command: '--headless' }, env: { variables: [{ name: 'A', value: long }] } };
    const object = configMap('big', long);
    const size = Buffer.byteLength(JSON.stringify(object.toJson()));

    // WHEN the objects are checked
    const problems = objectSizeProblems([object], spec);

    // THEN the problem points at the long value, by its path, with its length and the fix
    expect(problems).toEqual([{
      path: 'spec.env.variables[0].value',
      message: `makes ConfigMap big ${size} bytes, more than the 1.5 MiB an object may have (etcd's request limit)`,
      value: `${MAX_OBJECT_BYTES} characters`,
      fix: 'shorten it, or move large text into a ConfigMap the test mounts',
    }]);
  });

  test('fails once for each object over the limit', () => {
    const long = 'z'.repeat(MAX_OBJECT_BYTES);
    const problems = objectSizeProblems([configMap('first', long), configMap('small', ''), configMap('second', long)], { image: long });
    expect(problems.map((problem) => problem.message.split(' ').slice(0, 3).join(' '))).toEqual(['makes ConfigMap first', 'makes ConfigMap second']);
    expect(problems.map((problem) => problem.path)).toEqual(['spec.image', 'spec.image']);
  });

  test('writes keys that are no identifier in brackets, so that the path can be read back', () => {
    // GIVEN a long value under a label key with a slash and a dot
    const long = 'w'.repeat(MAX_OBJECT_BYTES);
    const spec = { master: { labels: { 'app.kubernetes.io/name': long, short: 'x' } } };

    // WHEN the oversized object is checked
    const [problem] = objectSizeProblems([configMap('big', long)], spec);

    // THEN the key is quoted
    expect(problem.path).toBe('spec.master.labels["app.kubernetes.io/name"]');
  });

  test('names the longest value wherever it sits, in a list among shorter ones', () => {
    const long = 'v'.repeat(MAX_OBJECT_BYTES);
    const [problem] = objectSizeProblems([configMap('big', long)], { a: 'q'.repeat(10), b: 'r'.repeat(10), c: [long, 'short'] });
    expect(problem.path).toBe('spec.c[0]');
    expect(problem.value).toBe(`${MAX_OBJECT_BYTES} characters`);
  });

  test('names the whole spec when it holds no text at all', () => {
    // GIVEN an object made large by something other than the spec
    const object = configMap('big', 'u'.repeat(MAX_OBJECT_BYTES));

    // WHEN the spec has no string
    const [problem] = objectSizeProblems([object], { worker: { replicas: 3 }, flags: [true, null] });

    // THEN the path is the spec and no length is given
    expect(problem.path).toBe('spec');
    expect(problem.value).toBeUndefined();
  });
});

describe('mayExceedObjectSize', () => {
  test('is false for an ordinary spec and metadata', () => {
    expect(mayExceedObjectSize({ image: 'locustio/locust:2.31.0', worker: { replicas: 2 } }, { labels: { team: 'checkout' } })).toBe(false);
  });

  test('is false when neither is given', () => {
    expect(mayExceedObjectSize(undefined, undefined)).toBe(false);
  });

  test('is true once four copies of the spec could pass half the limit', () => {
    // GIVEN specs whose JSON (the text and its two quotes) is one character over, and exactly, an eighth of the limit
    const over = 'a'.repeat(MAX_OBJECT_BYTES / 8 - 1);
    const under = 'a'.repeat(MAX_OBJECT_BYTES / 8 - 2);

    // THEN only the first may exceed the limit
    expect(mayExceedObjectSize(over, undefined)).toBe(true);
    expect(mayExceedObjectSize(under, undefined)).toBe(false);
  });

  test('counts the metadata once', () => {
    const half = MAX_OBJECT_BYTES / 2;
    expect(mayExceedObjectSize(undefined, 'm'.repeat(half))).toBe(true);
    expect(mayExceedObjectSize(undefined, 'm'.repeat(half - 2))).toBe(false);
    expect(mayExceedObjectSize({}, 'm'.repeat(half - 10))).toBe(false);
  });
});
