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

describe('thresholds annotation: every problem in full', () => {
  const PATH = 'metadata.annotations["cdk8s-locust/thresholds"]';
  const SYNTAX = 'entries separated by commas: fail-ratio<=RATIO, avg<=DURATION, pNN<=DURATION (e.g. p95, p99.9), rps>=NUMBER; durations in ms, s or m (e.g. 800ms, 1.5s)';

  test.each([
    ['an empty annotation', '', { path: PATH, message: 'sets no threshold', value: '', fix: `write ${SYNTAX}, or remove the annotation` }],
    ['an entry without an operator', 'p95 800ms', { path: PATH, message: 'has an entry that is not NAME<=LIMIT or rps>=LIMIT', value: 'p95 800ms', fix: `write ${SYNTAX}` }],
    ['a lower bound on a duration', 'avg>=1s', { path: `${PATH}.avg`, message: 'must be written avg<=LIMIT', value: 'avg>=1s', fix: `write ${SYNTAX}` }],
    ['a rate that is not a number', 'rps>=fast', { path: `${PATH}.rps`, message: 'needs a number of requests per second', value: 'rps>=fast', fix: 'write e.g. rps>=50' }],
    ['a ratio that is not a number', 'fail-ratio<=1%', { path: `${PATH}.fail-ratio`, message: 'needs a ratio between 0 and 1', value: 'fail-ratio<=1%', fix: 'write e.g. fail-ratio<=0.01' }],
    ['a duration without unit', 'p95<=800', { path: `${PATH}.p95`, message: 'needs a duration with its unit', value: 'p95<=800', fix: 'write e.g. p95<=800ms or p95<=1.5s' }],
    ['a percentile of 100', 'p100<=1s', { path: `${PATH}.p100`, message: 'is not a percentile: write p and a number strictly between 0 and 100', value: 'p100<=1s', fix: 'write e.g. p95<=800ms or p99.9<=2s' }],
    ['a rate below 0', 'rps>=-1', { path: `${PATH}.rps`, message: 'must be a number of requests per second, 0 or more', value: -1, fix: 'write e.g. 50' }],
  ])('fails for %s, with its fix', (_what, text, problem) => {
    expect(parseThresholdsAnnotation(text)).toEqual({ problems: [problem] });
  });

  test('fails for a threshold given twice, keeping the first', () => {
    expect(parseThresholdsAnnotation('avg<=1s, avg<=2s')).toEqual({ problems: [{ path: `${PATH}.avg`, message: 'is given twice', value: 'avg<=2s', fix: 'keep one limit per threshold' }] });
  });

  test('fails for an empty entry among others, rather than reading the annotation as empty', () => {
    expect(parseThresholdsAnnotation('avg<=1s, ').problems).toEqual([{ path: PATH, message: 'has an entry that is not NAME<=LIMIT or rps>=LIMIT', value: '', fix: `write ${SYNTAX}` }]);
  });

  test('names a percentile\'s problems by the entry as it was written', () => {
    // GIVEN p95 written twice in two spellings, and a negative p50
    const { problems } = parseThresholdsAnnotation('p50<=-5ms, p95<=1s, p95.0<=2s');

    // THEN each problem names its entry
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [`${PATH}.p50`, 'must not be a negative duration'],
      [`${PATH}.p95.0`, 'repeats the percentile of p95'],
    ]);
  });

  test('reports the range problems of the entries it read beside the entries it could not read, in one round', () => {
    const { problems } = parseThresholdsAnnotation('fail-ratio<=2, p95 800ms');
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [PATH, 'has an entry that is not NAME<=LIMIT or rps>=LIMIT'],
      [`${PATH}.fail-ratio`, 'must be a ratio between 0 and 1'],
    ]);
  });
});

/*
 * Mutants that no test can kill: when no entry gave a threshold (`Object.keys(parsed).length === 0`),
 * some entry was refused already, since an empty annotation returns first; so the condition
 * `problems.length > 0 && ...` made `true && ...` or `problems.length >= 0 && ...` reads the same.
 */
