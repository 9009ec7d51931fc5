/*
 * A mutant of src/verdict/regression-baseline.ts that no test can reach: line 87, the `''` of
 * `baseline.path ?? ''` made another string. A baseline from a file always has its path (the
 * constructor is private, and fromFile sets it).
 */
import { join } from 'node:path';
import { DEFAULT_REGRESSION_LIMITS } from '../../src/verdict/regression-limits';
import { RegressionBaseline, resolveRegression } from '../../src/verdict/regression-baseline';
import { tempTree } from '../temp-tree';
import { summary } from './summary-fixtures';

const BASELINE_TEXT = `${JSON.stringify(summary(), null, 2)}\n`;
const baselineFile = () => join(tempTree({ 'checkout.summary.json': BASELINE_TEXT }), 'checkout.summary.json');

describe('RegressionBaseline', () => {
  test('says where the baseline comes from', () => {
    expect(RegressionBaseline.fromFile('baselines/a.summary.json')).toEqual(expect.objectContaining({ source: 'file', path: 'baselines/a.summary.json' }));
    expect(RegressionBaseline.fromReports()).toEqual(expect.objectContaining({ source: 'reports', path: undefined }));
  });
});

describe('resolveRegression', () => {
  test('reads a baseline file into the text of its ConfigMap and the path the master reads it at', () => {
    // WHEN the baseline is a summary file, with the default limits
    const resolved = resolveRegression({ baseline: RegressionBaseline.fromFile(baselineFile()) }, false);

    // THEN the file goes as it is into the ConfigMap, mounted at the baseline path
    expect(resolved).toEqual({
      regression: { baselinePath: '/opt/cdk8s-locust/baseline/baseline.summary.json', config: { limits: DEFAULT_REGRESSION_LIMITS }, baselineFile: BASELINE_TEXT },
      problems: [],
    });
  });

  test('points at the reports folder for a baseline from the reports', () => {
    expect(resolveRegression({ baseline: RegressionBaseline.fromReports() }, true)).toEqual({
      regression: { baselinePath: '/opt/cdk8s-locust/reports', config: { limits: DEFAULT_REGRESSION_LIMITS } },
      problems: [],
    });
  });

  test('puts the limits of every row over the defaults, and keeps the total\'s and the endpoints\' own', () => {
    const resolved = resolveRegression({
      baseline: RegressionBaseline.fromReports(),
      limits: { maxP95IncreasePercent: 10 },
      totalLimits: { maxRequestsPerSecondDecreasePercent: 5 },
      endpointLimits: { 'GET /search': { maxP95IncreasePercent: 40 } },
    }, true);
    expect(resolved.regression?.config).toEqual({
      limits: { ...DEFAULT_REGRESSION_LIMITS, maxP95IncreasePercent: 10 },
      total: { maxRequestsPerSecondDecreasePercent: 5 },
      endpoints: { 'GET /search': { maxP95IncreasePercent: 40 } },
    });
  });

  test('fails when the baseline is not a RegressionBaseline', () => {
    expect(resolveRegression({ baseline: 'reports' as any }, true)).toEqual({ problems: [{
      path: 'regression.baseline',
      message: 'must be a RegressionBaseline',
      value: 'reports',
      fix: 'use RegressionBaseline.fromFile("baselines/<test>.summary.json") or RegressionBaseline.fromReports()',
    }] });
  });

  test('fails when the baseline is the reports and the test keeps none', () => {
    expect(resolveRegression({ baseline: RegressionBaseline.fromReports() }, false)).toEqual({ problems: [{
      path: 'regression.baseline',
      message: 'is the reports volume, but the test keeps no reports',
      value: 'RegressionBaseline.fromReports()',
      fix: 'set reports: { volume } so that each run leaves its summary, or use RegressionBaseline.fromFile(...)',
    }] });
  });

  test('fails when a limit of any of the three sets is wrong, naming each under its own path', () => {
    // GIVEN one wrong limit in every set, and an endpoint key without a method
    const resolved = resolveRegression({
      baseline: RegressionBaseline.fromReports(),
      limits: { maxP95IncreasePercent: -1 },
      totalLimits: { maxAverageIncreasePercent: -2 },
      endpointLimits: { '/checkout': { maxFailRatioIncreasePoints: -3 } },
    }, true);

    // THEN every problem is reported, and no gate is set
    expect(resolved.regression).toBeUndefined();
    expect(resolved.problems.map((problem) => [problem.path, problem.value])).toEqual([
      ['regression.limits.maxP95IncreasePercent', -1],
      ['regression.totalLimits.maxAverageIncreasePercent', -2],
      ['regression.endpointLimits', '/checkout'],
      ['regression.endpointLimits["/checkout"].maxFailRatioIncreasePoints', -3],
    ]);
    expect(resolved.problems[2]).toEqual({ path: 'regression.endpointLimits', message: 'has a key that is not METHOD name', value: '/checkout', fix: 'key endpoints as Locust reports them, e.g. "GET /checkout"' });
  });

  test.each([
    ['GET /checkout'],
    ['POST /cart?item=1'],
    ['custom my-task'],
  ])('takes the endpoint key %j', (key) => {
    expect(resolveRegression({ baseline: RegressionBaseline.fromReports(), endpointLimits: { [key]: {} } }, true).problems).toEqual([]);
  });

  test.each([
    ['a path alone', '/checkout'],
    ['a method alone', 'GET'],
    ['a method and a space', 'GET '],
    ['a space first', ' GET /checkout'],
  ])('fails when an endpoint key is %s', (_what, key) => {
    expect(resolveRegression({ baseline: RegressionBaseline.fromReports(), endpointLimits: { [key]: {} } }, true).problems.map((problem) => problem.message)).toEqual(['has a key that is not METHOD name']);
  });

  test('fails when a limit is wrong, even with a good baseline file', () => {
    expect(resolveRegression({ baseline: RegressionBaseline.fromFile(baselineFile()), limits: { maxAverageIncreasePercent: -1 } }, false)).toEqual({
      problems: [expect.objectContaining({ path: 'regression.limits.maxAverageIncreasePercent' })],
    });
  });

  test('fails when the baseline file does not exist, with the reason and the fix of the reader', () => {
    expect(resolveRegression({ baseline: RegressionBaseline.fromFile('/nonexistent/checkout.summary.json') }, false)).toEqual({ problems: [{
      path: 'regression.baseline',
      message: 'is a file that does not exist',
      value: '/nonexistent/checkout.summary.json',
      fix: 'give a <name>.summary.json or <name>_stats.csv file of a run',
    }] });
  });

  test('fails when the baseline is Locust\'s _stats.csv, which the master does not read', () => {
    const csv = [
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Requests/s,95%,99%',
      ',Aggregated,10,0,80,86.3,1.5,300,590',
    ].join('\n');
    const file = join(tempTree({ 'old_stats.csv': csv }), 'old_stats.csv');
    expect(resolveRegression({ baseline: RegressionBaseline.fromFile(file) }, false)).toEqual({ problems: [{
      path: 'regression.baseline',
      message: 'is Locust\'s _stats.csv, which the master does not read',
      value: file,
      fix: 'give the <name>.summary.json a run wrote (cdk8s-locust compare reads CSV files)',
    }] });
  });
});
