import { DEFAULT_REGRESSION_LIMITS, validateRegressionLimits, withDefaultLimits } from '../../src/verdict/regression-limits';
import { amount, changeText, compareWithBaseline, describeCheck, fixed, limitText, TOTAL_ROW } from '../../src/verdict/regression';
import { RegressionCheck } from '../../src/verdict/summary';
import { endpoint, figures, summary } from './summary-fixtures';

const checkOf = (checks: ReturnType<typeof compareWithBaseline>, where: string, metric: string) => checks.find((check) => check.endpoint === where && check.metric === metric);

describe('compareWithBaseline', () => {
  test('fails a p95 37% above the baseline, in the words the master logs', () => {
    // GIVEN the checkout's p95 went from 300 ms to 412 ms
    const baseline = summary({ endpoints: [endpoint('GET', '/checkout', { p95Ms: 300 })] });
    const current = summary({ endpoints: [endpoint('GET', '/checkout', { p95Ms: 412 })] });

    // WHEN the run is compared with the default limits
    const check = checkOf(compareWithBaseline(baseline, current), 'GET /checkout', 'p95Ms')!;

    // THEN the check fails and says so with both values and the limit
    expect(check).toEqual({ endpoint: 'GET /checkout', metric: 'p95Ms', baseline: 300, value: 412, change: 37.333, limit: 20, passed: false });
    expect(describeCheck(check)).toBe('p95 of GET /checkout 412 ms is 37.3% above the baseline 300 ms (at most +20%)');
  });

  test('passes a rise of exactly the limit: limits are inclusive', () => {
    const checks = compareWithBaseline(summary({ total: figures({ averageMs: 100 }) }), summary({ total: figures({ averageMs: 120 }) }));
    expect(checkOf(checks, 'Aggregated', 'averageMs')).toEqual(expect.objectContaining({ change: 20, passed: true }));
  });

  test('fails requests per second more than 10% below the baseline, over all requests', () => {
    const checks = compareWithBaseline(summary({ total: figures({ requestsPerSecond: 50 }) }), summary({ total: figures({ requestsPerSecond: 44 }) }));
    const check = checkOf(checks, 'Aggregated', 'requestsPerSecond')!;
    expect(check.passed).toBe(false);
    expect(describeCheck(check)).toBe('requests per second of all requests 44 is 12% below the baseline 50 (at most -10%)');
  });

  test('fails a fail ratio more than 1 point above the baseline, in points', () => {
    const checks = compareWithBaseline(summary({ total: figures({ failRatio: 0.01 }) }), summary({ total: figures({ failRatio: 0.035 }) }));
    const check = checkOf(checks, 'Aggregated', 'failRatio')!;
    expect(check).toEqual(expect.objectContaining({ change: 2.5, passed: false }));
    expect(describeCheck(check)).toBe('fail ratio of all requests 3.5% is 2.5 points above the baseline 1% (at most +1 point)');
  });

  test('applies an endpoint\'s own limits over the limits of every row', () => {
    // GIVEN a 30% slower p95 everywhere, allowed for the search endpoint only
    const rows = (p95Ms: number) => [endpoint('GET', '/search', { p95Ms }), endpoint('GET', '/checkout', { p95Ms })];
    const checks = compareWithBaseline(summary({ endpoints: rows(100) }), summary({ endpoints: rows(130) }), {
      limits: withDefaultLimits({}),
      endpoints: { 'GET /search': { maxP95IncreasePercent: 50 } },
    });

    // THEN only the checkout regresses
    expect(checkOf(checks, 'GET /search', 'p95Ms')?.passed).toBe(true);
    expect(checkOf(checks, 'GET /checkout', 'p95Ms')?.passed).toBe(false);
  });

  test('applies the total\'s own limits to all requests only', () => {
    const checks = compareWithBaseline(summary({ total: figures({ averageMs: 100 }), endpoints: [endpoint('GET', '/a', { averageMs: 100 })] }), summary({ total: figures({ averageMs: 105 }), endpoints: [endpoint('GET', '/a', { averageMs: 105 })] }), {
      limits: withDefaultLimits({}),
      total: { maxAverageIncreasePercent: 1 },
    });
    expect(checkOf(checks, 'Aggregated', 'averageMs')?.passed).toBe(false);
    expect(checkOf(checks, 'GET /a', 'averageMs')?.passed).toBe(true);
  });

  test('compares only the endpoints both runs have, and no percentage of a zero baseline', () => {
    // GIVEN a new endpoint, a removed one, and a baseline p95 of 0
    const baseline = summary({ endpoints: [endpoint('GET', '/old'), endpoint('GET', '/both', { p95Ms: 0 })] });
    const current = summary({ endpoints: [endpoint('GET', '/both', { p95Ms: 50 }), endpoint('GET', '/new')] });

    // THEN the checks are those of all requests and of /both, without its p95
    const checks = compareWithBaseline(baseline, current);
    expect([...new Set(checks.map((check) => check.endpoint))]).toEqual(['Aggregated', 'GET /both']);
    expect(checkOf(checks, 'GET /both', 'p95Ms')).toBeUndefined();
  });

  test('uses 20% for the average and p95, 10% for requests per second and 1 point for the fail ratio by default', () => {
    const limits = Object.fromEntries(compareWithBaseline(summary(), summary()).filter((check) => check.endpoint === 'Aggregated').map((check) => [check.metric, check.limit]));
    expect(limits).toEqual({ averageMs: 20, p95Ms: 20, requestsPerSecond: 10, failRatio: 1 });
    expect(DEFAULT_REGRESSION_LIMITS).toEqual({ maxAverageIncreasePercent: 20, maxP95IncreasePercent: 20, maxRequestsPerSecondDecreasePercent: 10, maxFailRatioIncreasePoints: 1 });
  });
});

describe('validateRegressionLimits', () => {
  test('fails when a limit is unknown, with the name it is closest to', () => {
    expect(validateRegressionLimits({ maxP95IncreasePercnt: 10 }, 'regression.limits')).toEqual([{
      path: 'regression.limits.maxP95IncreasePercnt', message: 'is not a regression limit', value: 10, fix: 'did you mean maxP95IncreasePercent?',
    }]);
  });

  test('fails when a limit is negative', () => {
    expect(validateRegressionLimits({ maxFailRatioIncreasePoints: -1 }, 'regression.limits')).toEqual([{
      path: 'regression.limits.maxFailRatioIncreasePoints', message: 'must be a number of at least 0', value: -1, fix: 'set e.g. maxFailRatioIncreasePoints: 1',
    }]);
  });
});

describe('compareWithBaseline and binary fractions', () => {
  test('passes a fail ratio from 1% to 2%: exactly the 1 point allowed, although 0.02 - 0.01 is not 0.01 in binary', () => {
    const checks = compareWithBaseline(summary({ total: figures({ failRatio: 0.01 }) }), summary({ total: figures({ failRatio: 0.02 }) }));
    expect(checkOf(checks, 'Aggregated', 'failRatio')).toEqual(expect.objectContaining({ change: 1, passed: true }));
  });
});

describe('the words of a check, as compare\'s table and the master\'s log print them', () => {
  const check = (metric: RegressionCheck['metric'], baseline: number, value: number, change: number, limit: number): RegressionCheck => ({ endpoint: 'GET /a', metric, baseline, value, change, limit, passed: true });

  test.each([
    [120, 0, '120'],
    [12.5, 2, '12.5'],
    [10, 2, '10'],
    [0.1, 1, '0.1'],
    [0, 1, '0'],
  ])('writes %d with %d digits as %s, without trailing zeros', (value, digits, text) => {
    expect(fixed(value, digits)).toBe(text);
  });

  test('writes each metric with its unit: milliseconds, percent of requests, requests per second', () => {
    expect(amount('averageMs', 412.25)).toBe('412.3 ms');
    expect(amount('p95Ms', 300)).toBe('300 ms');
    expect(amount('failRatio', 0.0312)).toBe('3.12%');
    expect(amount('requestsPerSecond', 48.54)).toBe('48.5');
  });

  test('writes the change with its sign, in percent or in points', () => {
    expect(changeText(check('p95Ms', 300, 412, 37.333, 20))).toBe('+37.3%');
    expect(changeText(check('requestsPerSecond', 50, 44, -12, 10))).toBe('-12%');
    expect(changeText(check('averageMs', 100, 100, 0, 20))).toBe('+0%');
    expect(changeText(check('failRatio', 0.01, 0.035, 2.5, 1))).toBe('+2.5 points');
    expect(changeText(check('failRatio', 0.02, 0.01, -1, 1))).toBe('-1 point');
  });

  test('writes the limit in the direction that is worse', () => {
    expect(limitText(check('p95Ms', 300, 412, 37.333, 20))).toBe('+20%');
    expect(limitText(check('requestsPerSecond', 50, 44, -12, 12.5))).toBe('-12.5%');
    expect(limitText(check('failRatio', 0.01, 0.035, 2.5, 1))).toBe('+1 point');
    expect(limitText(check('failRatio', 0.01, 0.035, 2.5, 0.5))).toBe('+0.5 points');
  });

  test('says below for a fall and above for no change, and one point in the singular', () => {
    expect(describeCheck({ ...check('averageMs', 100, 80, -20, 20), endpoint: TOTAL_ROW })).toBe('average of all requests 80 ms is 20% below the baseline 100 ms (at most +20%)');
    expect(describeCheck(check('p95Ms', 300, 300, 0, 20))).toBe('p95 of GET /a 300 ms is 0% above the baseline 300 ms (at most +20%)');
    expect(describeCheck(check('failRatio', 0.01, 0.02, 1, 2))).toBe('fail ratio of GET /a 2% is 1 point above the baseline 1% (at most +2 points)');
    expect(describeCheck(check('failRatio', 0.03, 0.02, -1, 1))).toBe('fail ratio of GET /a 2% is 1 point below the baseline 3% (at most +1 point)');
  });
});

describe('compareWithBaseline: the edges of each limit', () => {
  test('fails a fall of requests per second just past the limit, and passes one at the limit', () => {
    const at = (rps: number) => checkOf(compareWithBaseline(summary({ total: figures({ requestsPerSecond: 100 }) }), summary({ total: figures({ requestsPerSecond: rps }) })), 'Aggregated', 'requestsPerSecond')!;
    expect(at(90)).toEqual(expect.objectContaining({ change: -10, passed: true }));
    expect(at(89.9)).toEqual(expect.objectContaining({ change: -10.1, passed: false }));
    expect(at(200)).toEqual(expect.objectContaining({ change: 100, passed: true }));
  });

  test('compares a fail ratio whose baseline is 0, in points', () => {
    const check = checkOf(compareWithBaseline(summary({ total: figures({ failRatio: 0 }) }), summary({ total: figures({ failRatio: 0.02 }) })), 'Aggregated', 'failRatio');
    expect(check).toEqual({ endpoint: 'Aggregated', metric: 'failRatio', baseline: 0, value: 0.02, change: 2, limit: 1, passed: false });
  });

  test('rounds the change to three decimals as the module writes it', () => {
    const check = checkOf(compareWithBaseline(summary({ total: figures({ averageMs: 3 }) }), summary({ total: figures({ averageMs: 4 }) })), 'Aggregated', 'averageMs');
    expect(check?.change).toBe(33.333);
  });

  test('takes the limits of the total over those of every row, key by key', () => {
    const checks = compareWithBaseline(summary(), summary(), { limits: withDefaultLimits({ maxP95IncreasePercent: 5 }), total: { maxAverageIncreasePercent: 7 } });
    expect(Object.fromEntries(checks.filter((c) => c.endpoint === 'Aggregated').map((c) => [c.metric, c.limit]))).toEqual({ averageMs: 7, p95Ms: 5, requestsPerSecond: 10, failRatio: 1 });
  });

  test('checks the endpoints in the order of the new run, after all requests', () => {
    const rows = [endpoint('GET', '/b'), endpoint('GET', '/a'), endpoint('POST', '/a')];
    const checks = compareWithBaseline(summary({ endpoints: [...rows].reverse() }), summary({ endpoints: rows }));
    expect([...new Set(checks.map((check) => check.endpoint))]).toEqual(['Aggregated', 'GET /b', 'GET /a', 'POST /a']);
  });
});
