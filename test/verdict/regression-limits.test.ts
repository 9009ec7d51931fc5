/*
 * Mutants of src/verdict/regression-limits.ts that no test can kill, because they do not change
 * what the code does:
 * - line 53, `typeof value !== 'number'` made `false`: Number.isFinite is false for anything that
 *   is not a number, so the same problem follows.
 * - line 69, the filter of undefined limits removed, or its test made `true`: JSON.stringify
 *   leaves out keys whose value is undefined, so the bytes are the same.
 */
import { DEFAULT_REGRESSION_LIMITS, regressionConfigJson, validateRegressionLimits, withDefaultLimits } from '../../src/verdict/regression-limits';

describe('validateRegressionLimits', () => {
  test('accepts every limit at 0 and above, and a limit left undefined', () => {
    expect(validateRegressionLimits({ maxAverageIncreasePercent: 0, maxP95IncreasePercent: 250, maxRequestsPerSecondDecreasePercent: 10, maxFailRatioIncreasePoints: undefined }, 'regression.limits')).toEqual([]);
  });

  test.each([
    ['null', null],
    ['a list', [20]],
    ['a number', 20],
  ])('fails when the limits are %s, under the path given', (_what, limits) => {
    expect(validateRegressionLimits(limits, 'regression.totalLimits')).toEqual([{ path: 'regression.totalLimits', message: 'must be an object of limits', value: limits, fix: 'set e.g. { maxP95IncreasePercent: 20 }' }]);
  });

  test.each([
    ['text', '20'],
    ['infinite', Number.POSITIVE_INFINITY],
    ['not a number', Number.NaN],
    ['negative', -0.5],
  ])('fails when a limit is %s, with the default as the example', (_what, value) => {
    expect(validateRegressionLimits({ maxRequestsPerSecondDecreasePercent: value }, 'regression.limits')).toEqual([{
      path: 'regression.limits.maxRequestsPerSecondDecreasePercent', message: 'must be a number of at least 0', value, fix: 'set e.g. maxRequestsPerSecondDecreasePercent: 10',
    }]);
  });

  test('fails when a limit is unlike any, listing the limits there are', () => {
    expect(validateRegressionLimits({ latency: 5 }, 'regression.limits')).toEqual([{
      path: 'regression.limits.latency', message: 'is not a regression limit', value: 5,
      fix: 'use one of maxAverageIncreasePercent, maxP95IncreasePercent, maxRequestsPerSecondDecreasePercent, maxFailRatioIncreasePoints',
    }]);
  });

  test('reports every wrong limit of one object in one round', () => {
    expect(validateRegressionLimits({ maxP95IncreasePercnt: 10, maxAverageIncreasePercent: -1 }, 'regression.limits').map((problem) => problem.path)).toEqual([
      'regression.limits.maxP95IncreasePercnt', 'regression.limits.maxAverageIncreasePercent',
    ]);
  });
});

describe('withDefaultLimits', () => {
  test('is the defaults when no limits are given', () => {
    expect(withDefaultLimits(undefined)).toEqual(DEFAULT_REGRESSION_LIMITS);
  });

  test('puts each limit given over its default, 0 included, and keeps the others', () => {
    expect(withDefaultLimits({ maxP95IncreasePercent: 0, maxFailRatioIncreasePoints: 2.5 })).toEqual({
      maxAverageIncreasePercent: 20, maxP95IncreasePercent: 0, maxRequestsPerSecondDecreasePercent: 10, maxFailRatioIncreasePoints: 2.5,
    });
  });

  test('leaves the defaults themselves unchanged', () => {
    withDefaultLimits({ maxAverageIncreasePercent: 99 });
    expect(DEFAULT_REGRESSION_LIMITS.maxAverageIncreasePercent).toBe(20);
  });
});

describe('regressionConfigJson', () => {
  test('writes the limits of every row alone when no total or endpoint has its own', () => {
    expect(regressionConfigJson({ limits: DEFAULT_REGRESSION_LIMITS })).toBe(
      '{"limits":{"maxAverageIncreasePercent":20,"maxP95IncreasePercent":20,"maxRequestsPerSecondDecreasePercent":10,"maxFailRatioIncreasePoints":1}}',
    );
  });

  test('writes keys in a fixed order and endpoints sorted, whatever order they were given in, without undefined limits', () => {
    // GIVEN limits written in another order, with one left undefined
    const json = regressionConfigJson({
      limits: { maxFailRatioIncreasePoints: 1, maxRequestsPerSecondDecreasePercent: 10, maxP95IncreasePercent: 20, maxAverageIncreasePercent: 20 },
      total: { maxFailRatioIncreasePoints: 0.5, maxAverageIncreasePercent: 5, maxP95IncreasePercent: undefined },
      endpoints: { 'POST /pay': { maxP95IncreasePercent: 40 }, 'GET /cart': { maxRequestsPerSecondDecreasePercent: 1, maxAverageIncreasePercent: 3 } },
    });

    // THEN the bytes are those of the canonical order: the same limits always give the same Jobs
    expect(json).toBe('{"limits":{"maxAverageIncreasePercent":20,"maxP95IncreasePercent":20,"maxRequestsPerSecondDecreasePercent":10,"maxFailRatioIncreasePoints":1},'
      + '"total":{"maxAverageIncreasePercent":5,"maxFailRatioIncreasePoints":0.5},'
      + '"endpoints":{"GET /cart":{"maxAverageIncreasePercent":3,"maxRequestsPerSecondDecreasePercent":1},"POST /pay":{"maxP95IncreasePercent":40}}}');
  });

  test('leaves out an empty set of endpoint limits, and keeps an empty total', () => {
    expect(JSON.parse(regressionConfigJson({ limits: DEFAULT_REGRESSION_LIMITS, total: {}, endpoints: {} }))).toEqual({ limits: DEFAULT_REGRESSION_LIMITS, total: {} });
  });
});
