import { parseThresholdsAnnotation } from '../../src/verdict/thresholds-annotation';

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
