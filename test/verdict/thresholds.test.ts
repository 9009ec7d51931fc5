import { Duration } from 'cdk8s';
import { DURATION_FIX } from '../../src/core/duration';
import { CheckedThresholds, resolveThresholds, thresholdsEnvValue, validateThresholdsJson } from '../../src/verdict/thresholds';

describe('thresholds', () => {
  test('turns durations into milliseconds, keeping every threshold given', () => {
    // GIVEN all four thresholds
    const resolved = resolveThresholds({
      maxFailRatio: 0.01,
      maxAverageResponseTime: Duration.millis(300),
      maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.millis(800) }, { percentile: 0.999, max: Duration.seconds(2) }],
      minRequestsPerSecond: 50,
    });

    // THEN the master gets them in milliseconds, with no problem
    expect(resolved.problems).toEqual([]);
    expect(resolved.json).toEqual({
      maxFailRatio: 0.01,
      maxAverageResponseTimeMs: 300,
      maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 800 }, { percentile: 0.999, maxMs: 2000 }],
      minRequestsPerSecond: 50,
    });
  });

  test('reads durations written as in YAML, as the same milliseconds', () => {
    // WHEN the durations are strings
    const resolved = resolveThresholds({ maxAverageResponseTime: '300ms', maxResponseTimePercentiles: [{ percentile: 0.95, max: '1s500ms' }] });

    // THEN the master gets the milliseconds they stand for
    expect(resolved.problems).toEqual([]);
    expect(resolved.json).toEqual({ maxAverageResponseTimeMs: 300, maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 1500 }] });
  });

  test('writes the environment value with its keys in a fixed order, whatever order they were given in', () => {
    const one = thresholdsEnvValue({ minRequestsPerSecond: 5, maxFailRatio: 0.5 });
    const other = thresholdsEnvValue({ maxFailRatio: 0.5, minRequestsPerSecond: 5 });
    expect(one).toBe('{"maxFailRatio":0.5,"minRequestsPerSecond":5}');
    expect(other).toBe(one);
  });

  test('accepts the bounds 0 and 1 of a ratio, and a zero duration', () => {
    expect(resolveThresholds({ maxFailRatio: 0 }).problems).toEqual([]);
    expect(resolveThresholds({ maxFailRatio: 1, maxAverageResponseTime: Duration.millis(0) }).problems).toEqual([]);
  });

  test.each([
    ['a ratio above 1', { maxFailRatio: 1.5 }, 'thresholds.maxFailRatio', 'must be a ratio between 0 and 1'],
    ['a negative ratio', { maxFailRatio: -0.1 }, 'thresholds.maxFailRatio', 'must be a ratio between 0 and 1'],
    ['a percentile of 1', { maxResponseTimePercentiles: [{ percentile: 1, max: Duration.millis(800) }] }, 'thresholds.maxResponseTimePercentiles[0].percentile', 'must be a fraction strictly between 0 and 1'],
    ['a percentile of 0', { maxResponseTimePercentiles: [{ percentile: 0, max: Duration.millis(800) }] }, 'thresholds.maxResponseTimePercentiles[0].percentile', 'must be a fraction strictly between 0 and 1'],
    ['a percentile given as a percent', { maxResponseTimePercentiles: [{ percentile: 95, max: Duration.millis(800) }] }, 'thresholds.maxResponseTimePercentiles[0].percentile', 'must be a fraction strictly between 0 and 1'],
    ['a negative rate', { minRequestsPerSecond: -1 }, 'thresholds.minRequestsPerSecond', 'must be a number of requests per second, 0 or more'],
    ['an average that is not a duration', { maxAverageResponseTime: 300 }, 'thresholds.maxAverageResponseTime', 'must be a duration'],
    ['an average in a unit Locust does not write', { maxAverageResponseTime: '300 millis' }, 'thresholds.maxAverageResponseTime', 'must be a duration'],
    ['a negative duration', { maxAverageResponseTime: { toMilliseconds: () => -5 } }, 'thresholds.maxAverageResponseTime', 'must not be a negative duration'],
    ['an empty thresholds object', {}, 'thresholds', 'sets no threshold'],
    ['an empty percentile list alone', { maxResponseTimePercentiles: [] }, 'thresholds', 'sets no threshold'],
  ])('fails when given %s, naming the field', (_what, thresholds, path, message) => {
    // WHEN the thresholds are resolved
    const resolved = resolveThresholds(thresholds);

    // THEN the field is named and nothing reaches the master
    expect(resolved.problems).toEqual([expect.objectContaining({ path, message })]);
    expect(resolved.json).toBeUndefined();
  });

  test('fails when a percentile is given twice, naming both entries', () => {
    const resolved = resolveThresholds({ maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.millis(800) }, { percentile: 0.95, max: Duration.millis(900) }] });
    expect(resolved.problems).toEqual([expect.objectContaining({
      path: 'thresholds.maxResponseTimePercentiles[1].percentile',
      message: 'repeats the percentile of maxResponseTimePercentiles[0].percentile',
    })]);
  });
});

describe('CheckedThresholds', () => {
  test('are taken as they are, without a second conversion or check', () => {
    // GIVEN numbers the command line read and checked from an annotation
    const json = { maxAverageResponseTimeMs: 300, maxResponseTimePercentiles: [{ percentile: 0.999, maxMs: 2000 }] };

    // WHEN the construct resolves them
    const resolved = resolveThresholds(new CheckedThresholds(json));

    // THEN it gets those very numbers back
    expect(resolved).toEqual({ json, problems: [] });
    expect(resolved.json).toBe(json);
  });

  test('read as the typed thresholds they stand for', () => {
    const thresholds = new CheckedThresholds({ maxFailRatio: 0.01, maxAverageResponseTimeMs: 1500, minRequestsPerSecond: 5 });
    expect(thresholds.maxFailRatio).toBe(0.01);
    expect(thresholds.maxAverageResponseTime?.toMilliseconds()).toBe(1500);
    expect(thresholds.maxResponseTimePercentiles).toBeUndefined();
    expect(thresholds.minRequestsPerSecond).toBe(5);
  });
});

describe('resolveThresholds: every problem in full', () => {
  test.each([
    ['null', null],
    ['a list', [{ maxFailRatio: 0.01 }]],
    ['a number', 5],
    ['a string', 'fail-ratio<=0.01'],
  ])('fails when the thresholds are %s, under the path given', (_what, thresholds) => {
    expect(resolveThresholds(thresholds, 'props.thresholds')).toEqual({ problems: [{
      path: 'props.thresholds',
      message: 'must be an object of thresholds',
      value: thresholds,
      fix: 'set e.g. { maxFailRatio: 0.01 }',
    }] });
  });

  test('fails when the percentiles are not a list, with the shape expected', () => {
    expect(resolveThresholds({ maxFailRatio: 0.1, maxResponseTimePercentiles: { percentile: 0.95 } })).toEqual({ problems: [{
      path: 'thresholds.maxResponseTimePercentiles',
      message: 'must be a list of { percentile, max }',
      value: { percentile: 0.95 },
      fix: 'set e.g. [{ percentile: 0.95, max: Duration.millis(800) }]',
    }] });
  });

  test('fails for a percentile entry that is not an object, naming its percentile and its max', () => {
    const resolved = resolveThresholds({ maxResponseTimePercentiles: [null] });
    expect(resolved.problems).toEqual([
      { path: 'thresholds.maxResponseTimePercentiles[0].max', message: 'must be a duration', value: undefined, fix: DURATION_FIX },
      { path: 'thresholds.maxResponseTimePercentiles[0].percentile', message: 'must be a fraction strictly between 0 and 1', value: undefined, fix: 'write e.g. 0.95 for p95, 0.999 for p99.9' },
    ]);
  });

  test.each([
    ['a toMilliseconds that throws', { toMilliseconds: () => { throw new Error('not integral'); } }],
    ['a toMilliseconds that gives NaN', { toMilliseconds: () => Number.NaN }],
    ['a toMilliseconds that gives text', { toMilliseconds: () => '300' }],
    ['a plain number', 300],
  ])('fails for %s, as a value that is not a Duration', (_what, max) => {
    const resolved = resolveThresholds({ maxResponseTimePercentiles: [{ percentile: 0.9, max }] });
    expect(resolved).toEqual({ problems: [{ path: 'thresholds.maxResponseTimePercentiles[0].max', message: 'must be a duration', value: max, fix: DURATION_FIX }] });
  });

  test('asks a Duration for fractional milliseconds rather than refusing them', () => {
    expect(resolveThresholds({ maxAverageResponseTime: Duration.millis(0.5) }).json).toEqual({ maxAverageResponseTimeMs: 0.5 });
  });

  test('writes each problem of a value out of range with its value and its fix', () => {
    // GIVEN every number out of range at once
    const resolved = resolveThresholds({
      maxFailRatio: 2,
      maxAverageResponseTime: { toMilliseconds: () => -1 },
      maxResponseTimePercentiles: [{ percentile: 0.5, max: { toMilliseconds: () => -2 } }],
      minRequestsPerSecond: -3,
    });

    // THEN every one is reported, in the order of the fields, in one round
    expect(resolved).toEqual({ problems: [
      { path: 'thresholds.maxFailRatio', message: 'must be a ratio between 0 and 1', value: 2, fix: 'write the share of failed requests allowed, e.g. 0.01 for 1%' },
      { path: 'thresholds.maxAverageResponseTime', message: 'must not be a negative duration', value: '-1ms', fix: 'give the longest response time allowed, e.g. 800ms' },
      { path: 'thresholds.maxResponseTimePercentiles[0].max', message: 'must not be a negative duration', value: '-2ms', fix: 'give the longest response time allowed, e.g. 800ms' },
      { path: 'thresholds.minRequestsPerSecond', message: 'must be a number of requests per second, 0 or more', value: -3, fix: 'write e.g. 50' },
    ] });
  });

  test('fails for an empty object with every threshold it could set', () => {
    expect(resolveThresholds({})).toEqual({ problems: [{
      path: 'thresholds',
      message: 'sets no threshold',
      value: {},
      fix: 'set at least one of maxFailRatio, maxAverageResponseTime, maxResponseTimePercentiles, minRequestsPerSecond, or drop thresholds',
    }] });
  });

  test.each([
    ['maxFailRatio', { maxFailRatio: 0.5 }],
    ['maxAverageResponseTime', { maxAverageResponseTime: Duration.millis(1) }],
    ['maxResponseTimePercentiles', { maxResponseTimePercentiles: [{ percentile: 0.5, max: Duration.millis(1) }] }],
    ['minRequestsPerSecond', { minRequestsPerSecond: 0 }],
  ])('is satisfied with %s alone', (_name, thresholds) => {
    expect(resolveThresholds(thresholds).problems).toEqual([]);
  });

  test.each([
    ['a ratio that is not a number', { maxFailRatio: '0.1' }, 'thresholds.maxFailRatio'],
    ['an infinite ratio', { maxFailRatio: Number.POSITIVE_INFINITY }, 'thresholds.maxFailRatio'],
    ['a NaN rate', { minRequestsPerSecond: Number.NaN }, 'thresholds.minRequestsPerSecond'],
    ['a rate that is not a number', { minRequestsPerSecond: '50' }, 'thresholds.minRequestsPerSecond'],
    ['a percentile that is not a number', { maxResponseTimePercentiles: [{ percentile: '0.95', max: Duration.millis(1) }] }, 'thresholds.maxResponseTimePercentiles[0].percentile'],
  ])('fails for %s', (_what, thresholds, path) => {
    expect(resolveThresholds(thresholds).problems.map((p) => p.path)).toEqual([path]);
  });

  test('accepts a rate of 0 and percentiles just inside 0 and 1', () => {
    expect(resolveThresholds({ minRequestsPerSecond: 0, maxResponseTimePercentiles: [{ percentile: 0.001, max: Duration.millis(1) }, { percentile: 0.999, max: Duration.millis(1) }] }).problems).toEqual([]);
  });

  test('names a third repeat after the first entry of its percentile', () => {
    const max = Duration.millis(1);
    const resolved = resolveThresholds({ maxResponseTimePercentiles: [{ percentile: 0.5, max }, { percentile: 0.9, max }, { percentile: 0.9, max }, { percentile: 0.5, max }] });
    expect(resolved.problems.map((p) => [p.path, p.message, p.value, p.fix])).toEqual([
      ['thresholds.maxResponseTimePercentiles[2].percentile', 'repeats the percentile of maxResponseTimePercentiles[1].percentile', 0.9, 'keep one limit per percentile'],
      ['thresholds.maxResponseTimePercentiles[3].percentile', 'repeats the percentile of maxResponseTimePercentiles[0].percentile', 0.5, 'keep one limit per percentile'],
    ]);
  });
});

describe('validateThresholdsJson', () => {
  test('names the fields as the caller calls them', () => {
    // GIVEN the names of an annotation
    const names = { failRatio: 'fail-ratio', average: 'avg', percentile: (i: number) => `p#${i}`, percentileMax: (i: number) => `p#${i}.max`, rps: 'rps' };

    // WHEN every value is out of range
    const problems = validateThresholdsJson({ maxFailRatio: -1, maxAverageResponseTimeMs: -1, maxResponseTimePercentiles: [{ percentile: 2, maxMs: -1 }], minRequestsPerSecond: -1 }, 'ann', names);

    // THEN the paths use those names
    expect(problems.map((p) => p.path)).toEqual(['ann.fail-ratio', 'ann.avg', 'ann.p#0', 'ann.p#0.max', 'ann.rps']);
  });

  test('does not check a duration that could not be read (NaN), which its conversion reported', () => {
    expect(validateThresholdsJson({ maxAverageResponseTimeMs: Number.NaN }, 't', { failRatio: '', average: 'avg', percentile: String, percentileMax: String, rps: '' })).toEqual([]);
  });
});

describe('resolveThresholds: only what was given', () => {
  test('writes only the thresholds given, with no key for the others', () => {
    expect(Object.keys(resolveThresholds({ minRequestsPerSecond: 1 }).json ?? {})).toEqual(['minRequestsPerSecond']);
    expect(Object.keys(resolveThresholds({ maxFailRatio: 0.1 }).json ?? {})).toEqual(['maxFailRatio']);
  });
});

/*
 * Mutants that no test can kill, because they do not change what the code does:
 * - thresholdsEnvValue writing a key whose value is undefined (its `!== undefined` checks made
 *   always true): JSON.stringify leaves such keys out, so the bytes are the same.
 * - validateThresholdsJson's isNumber without its `typeof value === 'number'` (dropped, or joined
 *   with ||): Number.isFinite is false for anything that is not a number; the typeof is there
 *   for TypeScript, as a type guard.
 */
describe('thresholdsEnvValue', () => {
  test('writes every threshold in one fixed order, percentiles with only their two numbers', () => {
    const value = thresholdsEnvValue({
      minRequestsPerSecond: 5,
      maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 800, note: 'x' } as any],
      maxAverageResponseTimeMs: 300,
      maxFailRatio: 0,
    });
    expect(value).toBe('{"maxFailRatio":0,"maxAverageResponseTimeMs":300,"maxResponseTimePercentiles":[{"percentile":0.95,"maxMs":800}],"minRequestsPerSecond":5}');
  });

  test('leaves out an empty percentile list and unset thresholds', () => {
    expect(thresholdsEnvValue({ maxResponseTimePercentiles: [], minRequestsPerSecond: 1 })).toBe('{"minRequestsPerSecond":1}');
    expect(thresholdsEnvValue({})).toBe('{}');
  });
});

describe('CheckedThresholds: the typed view', () => {
  test('gives the percentiles as Durations and nothing for an unset average', () => {
    const thresholds = new CheckedThresholds({ maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 800 }] });
    expect(thresholds.maxAverageResponseTime).toBeUndefined();
    expect(thresholds.maxFailRatio).toBeUndefined();
    expect(thresholds.minRequestsPerSecond).toBeUndefined();
    expect(thresholds.maxResponseTimePercentiles?.map((p) => [p.percentile, (p.max as Duration).toMilliseconds()])).toEqual([[0.95, 800]]);
  });
});
