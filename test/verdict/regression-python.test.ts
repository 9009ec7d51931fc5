import { REGRESSION_RULES, TOTAL_ROW } from '../../src/verdict/regression';
import { DEFAULT_REGRESSION_LIMITS } from '../../src/verdict/regression-limits';
import { BASELINE_ENV_VAR, REGRESSION_ENV_VAR, regressionPython } from '../../src/verdict/regression-python';
import { summaryPython } from '../../src/verdict/summary-python';

/**
 * The master's regression gate is Python, `cdk8s-locust compare` is TypeScript: these tests hold
 * the module's rules to the library's, so that a rule changed on one side only fails here. How
 * the module judges a real run is tested with Locust in test/e2e/regression.test.ts.
 */
describe('regressionPython', () => {
  test('compares the metrics of compare, named alike, with the same limits, the same way', () => {
    // GIVEN the module's table of metrics
    const source = regressionPython(DEFAULT_REGRESSION_LIMITS);
    const table = /^REGRESSION_METRICS = \[\n((?: {4}\(.*\),\n)+)\]$/m.exec(source);
    expect(table).not.toBeNull();
    const rows = table![1].trimEnd().split('\n').map((row) => JSON.parse(`[${row.trim().slice(1, -2)}]`));

    // THEN each row is a rule of compare, in the same order
    expect(rows).toEqual(REGRESSION_RULES.map((rule) => [rule.metric, rule.name, rule.limit, rule.direction]));
  });

  test('falls back to the limits the library documents as defaults', () => {
    const source = regressionPython(DEFAULT_REGRESSION_LIMITS);
    const defaults = /^DEFAULT_REGRESSION_LIMITS = (.*)$/m.exec(source);
    expect(JSON.parse(defaults![1])).toEqual(DEFAULT_REGRESSION_LIMITS);
  });

  test('reads the baseline and the limits from the variables the master Job sets', () => {
    const source = regressionPython(DEFAULT_REGRESSION_LIMITS);
    expect(source).toMatch(new RegExp(`^BASELINE_ENV_VAR = "${BASELINE_ENV_VAR}"$`, 'm'));
    expect(source).toMatch(new RegExp(`^REGRESSION_ENV_VAR = "${REGRESSION_ENV_VAR}"$`, 'm'));
    expect(source).toContain('path = os.environ.get(BASELINE_ENV_VAR)');
    expect(source).toContain('os.environ.get(REGRESSION_ENV_VAR)');
  });

  test('names the row of all requests as compare does, from the summary part of the module', () => {
    expect(summaryPython()).toMatch(new RegExp(`^TOTAL_ROW = "${TOTAL_ROW}"$`, 'm'));
    expect(regressionPython(DEFAULT_REGRESSION_LIMITS)).toContain('"all requests" if check["endpoint"] == TOTAL_ROW');
  });
});
