import { Duration } from 'cdk8s';
import { CheckedThresholds, resolveThresholds, thresholdsEnvValue } from '../../src/verdict/thresholds';
import { parseThresholdsAnnotation } from '../../src/verdict/thresholds-annotation';

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

describe('thresholds annotation', () => {
  test('reads every threshold of the documented example', () => {
    // WHEN the README's annotation is read
    const parsed = parseThresholdsAnnotation('fail-ratio<=0.01, avg<=300ms, p95<=800ms, rps>=50');

    // THEN it gives what the typed props give
    expect(parsed.problems).toEqual([]);
    expect(parsed.json).toEqual({
      maxFailRatio: 0.01,
      maxAverageResponseTimeMs: 300,
      maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 800 }],
      minRequestsPerSecond: 50,
    });
  });

  test('reads seconds, minutes, fractional percentiles and no spaces', () => {
    const parsed = parseThresholdsAnnotation('p99.9<=1.5s,avg<=1m,p50<=20ms');
    expect(parsed.json).toEqual({
      maxAverageResponseTimeMs: 60000,
      maxResponseTimePercentiles: [{ percentile: 0.999, maxMs: 1500 }, { percentile: 0.5, maxMs: 20 }],
    });
  });

  const PATH = 'metadata.annotations["cdk8s-locust/thresholds"]';
  test.each([
    ['an entry without an operator', 'p95 800ms', PATH, 'has an entry that is not NAME<=LIMIT or rps>=LIMIT'],
    ['an unknown threshold', 'max<=3', PATH, 'has an entry that is not NAME<=LIMIT or rps>=LIMIT'],
    ['a lower bound on a response time', 'avg>=300ms', `${PATH}.avg`, 'must be written avg<=LIMIT'],
    ['an upper bound on the rate', 'rps<=50', `${PATH}.rps`, 'must be written rps>=LIMIT'],
    ['a duration without unit', 'p95<=800', `${PATH}.p95`, 'needs a duration with its unit'],
    ['a negative duration', 'avg<=-5ms', `${PATH}.avg`, 'must not be a negative duration'],
    ['a ratio above 1', 'fail-ratio<=2', `${PATH}.fail-ratio`, 'must be a ratio between 0 and 1'],
    ['a ratio that is not a number', 'fail-ratio<=1%', `${PATH}.fail-ratio`, 'needs a ratio between 0 and 1'],
    ['a percentile of 100', 'p100<=1s', `${PATH}.p100`, 'is not a percentile: write p and a number strictly between 0 and 100'],
    ['a percentile of 0', 'p0<=1s', `${PATH}.p0`, 'is not a percentile: write p and a number strictly between 0 and 100'],
    ['a threshold given twice', 'avg<=3s, avg<=4s', `${PATH}.avg`, 'is given twice'],
    ['an empty annotation', ' , ', PATH, 'sets no threshold'],
  ])('fails when given %s, naming the entry', (_what, text, path, message) => {
    const parsed = parseThresholdsAnnotation(text);
    expect(parsed.problems).toEqual([expect.objectContaining({ path, message })]);
    expect(parsed.json).toBeUndefined();
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
