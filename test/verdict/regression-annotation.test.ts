/*
 * A mutant of src/verdict/regression-annotation.ts that no test can kill: line 42, `!match ||
 * !rule` made `!match && !rule`. The entry pattern matches only the four names the table of rules
 * has, so the rule is missing exactly when the entry did not match.
 */
import { RegressionBaseline } from '../../src/verdict/regression-baseline';
import { BASELINE_ANNOTATION, REGRESSION_LIMITS_ANNOTATION, regressionOfAnnotations } from '../../src/verdict/regression-annotation';

const BASELINE_PATH = 'metadata.annotations["cdk8s-locust/baseline"]';
const LIMITS_PATH = 'metadata.annotations["cdk8s-locust/regression-limits"]';
const SYNTAX = 'entries separated by commas: avg +PERCENT%, p95 +PERCENT%, rps -PERCENT%, fail-ratio +POINTS (e.g. "avg +20%, p95 +20%, rps -10%, fail-ratio +1")';

const withBaseline = (limits?: unknown) => regressionOfAnnotations({
  [BASELINE_ANNOTATION]: 'reports',
  ...(limits === undefined ? {} : { [REGRESSION_LIMITS_ANNOTATION]: limits }),
});

describe('regressionOfAnnotations', () => {
  test('asks for no gate when neither annotation is set', () => {
    expect(regressionOfAnnotations({ 'cdk8s-locust/thresholds': 'p95<=800ms' })).toEqual({ problems: [] });
  });

  test('takes the newest passing summary of the reports volume for "reports", with the default limits', () => {
    // WHEN the baseline annotation says reports, with spaces around it
    const read = regressionOfAnnotations({ [BASELINE_ANNOTATION]: ' reports ' });

    // THEN the gate compares with the reports volume and sets no limits of its own
    expect(read).toEqual({ regression: { baseline: RegressionBaseline.fromReports() }, problems: [] });
  });

  test('takes any other value as the path of a summary file, trimmed', () => {
    const read = regressionOfAnnotations({ [BASELINE_ANNOTATION]: ' baselines/checkout.summary.json ' });
    expect(read.problems).toEqual([]);
    expect(read.regression?.baseline).toEqual(RegressionBaseline.fromFile('baselines/checkout.summary.json'));
  });

  test('reads every limit in the words the gate prints them, with or without spaces before the unit', () => {
    // WHEN all four limits are written, in any order
    const read = withBaseline('fail-ratio +0.5 points, rps -10 %, avg +25%, p95 +12.5%');

    // THEN each lands on its own key
    expect(read).toEqual({
      regression: {
        baseline: RegressionBaseline.fromReports(),
        limits: { maxFailRatioIncreasePoints: 0.5, maxRequestsPerSecondDecreasePercent: 10, maxAverageIncreasePercent: 25, maxP95IncreasePercent: 12.5 },
      },
      problems: [],
    });
  });

  test('reads a fail ratio in points with the unit left out or written point', () => {
    expect(withBaseline('fail-ratio +1').regression?.limits).toEqual({ maxFailRatioIncreasePoints: 1 });
    expect(withBaseline('fail-ratio +1 point').regression?.limits).toEqual({ maxFailRatioIncreasePoints: 1 });
  });

  test('leaves out empty entries between commas', () => {
    expect(withBaseline(' , p95 +10%, ,').regression?.limits).toEqual({ maxP95IncreasePercent: 10 });
  });

  test('fails when limits are given without a baseline, naming the limits annotation', () => {
    expect(regressionOfAnnotations({ [REGRESSION_LIMITS_ANNOTATION]: 'p95 +10%' })).toEqual({ problems: [{
      path: LIMITS_PATH,
      message: 'needs a baseline to compare with',
      value: 'p95 +10%',
      fix: 'add cdk8s-locust/baseline: reports (the newest passing summary in the reports volume) or a summary file',
    }] });
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['not text', 3],
  ])('fails when the baseline is %s', (_what, baseline) => {
    expect(regressionOfAnnotations({ [BASELINE_ANNOTATION]: baseline })).toEqual({ problems: [{
      path: BASELINE_PATH,
      message: 'must be "reports" or the path of a summary file',
      value: baseline,
      fix: 'write e.g. reports, or baselines/checkout.summary.json',
    }] });
  });

  test.each([
    ['blank', ' , '],
    ['not text', 20],
  ])('fails when the limits annotation is %s and sets no limit', (_what, limits) => {
    expect(withBaseline(limits)).toEqual({ problems: [{ path: LIMITS_PATH, message: 'sets no limit', value: limits, fix: `write ${SYNTAX}, or remove the annotation` }] });
  });

  test.each([
    ['a metric the gate does not compare', 'median +10%'],
    ['a rise of requests per second', 'rps +10%'],
    ['a fall of the average', 'avg -10%'],
    ['a percentage without %', 'p95 +10'],
    ['a fail ratio in percent', 'fail-ratio +1%'],
    ['a limit without a sign', 'avg 20%'],
    ['a limit that is not a number', 'avg +a%'],
    ['an entry with text after it', 'avg +20% p95 +20%'],
    ['an entry with text before it', 'the avg +20%'],
  ])('fails when an entry is %s, quoting the entry', (_what, entry) => {
    expect(withBaseline(`p95 +10%, ${entry}`)).toEqual({ problems: [{ path: LIMITS_PATH, message: 'has an entry that is not a limit', value: entry, fix: `write ${SYNTAX}` }] });
  });

  test('fails when a limit is given twice, and reports every wrong entry in one round', () => {
    expect(withBaseline('p95 +10%, p95 +20%, avg 5%')).toEqual({ problems: [
      { path: LIMITS_PATH, message: 'gives a limit twice', value: 'p95 +20%', fix: 'keep one p95 entry' },
      { path: LIMITS_PATH, message: 'has an entry that is not a limit', value: 'avg 5%', fix: `write ${SYNTAX}` },
    ] });
  });
});
