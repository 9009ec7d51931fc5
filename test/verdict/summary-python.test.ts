import { readFileSync } from 'node:fs';
import { RUN_ID_ENV_VAR, SUMMARY_FILE_ENV_VAR, SUMMARY_LOG_PREFIX, SUMMARY_VERSION, summaryPython, TEST_NAME_ENV_VAR } from '../../src/verdict/summary-python';
import { summarySchemaPath } from '../../src/verdict/summary';

/**
 * The part of the master's module that writes the summary, as text: the names it shares with the
 * Jobs, the command line and the schema. What it writes for a real run is tested with Locust in
 * test/e2e/verdict-module.test.ts.
 */
describe('summaryPython', () => {
  test('writes the layout version the schema requires', () => {
    const schema = JSON.parse(readFileSync(summarySchemaPath(), 'utf8'));
    expect(summaryPython()).toMatch(new RegExp(`^SUMMARY_VERSION = ${SUMMARY_VERSION}$`, 'm'));
    expect(schema.properties.summaryVersion.const).toBe(SUMMARY_VERSION);
  });

  test.each([
    ['TEST_NAME_ENV_VAR', TEST_NAME_ENV_VAR, 'CDK8S_LOCUST_TEST'],
    ['RUN_ID_ENV_VAR', RUN_ID_ENV_VAR, 'CDK8S_LOCUST_RUN_ID'],
    ['SUMMARY_FILE_ENV_VAR', SUMMARY_FILE_ENV_VAR, 'CDK8S_LOCUST_SUMMARY_FILE'],
  ])('reads %s, the variable %s the Jobs and the command line set', (constant, variable, documented) => {
    // THEN the name is the documented one, and the module reads that very variable
    expect(variable).toBe(documented);
    const source = summaryPython();
    expect(source).toMatch(new RegExp(`^${constant} = "${variable}"$`, 'm'));
    expect(source).toContain(`os.environ.get(${constant})`);
  });

  test('logs the summary after the prefix the command line looks for', () => {
    expect(summaryPython()).toMatch(new RegExp(`^SUMMARY_LOG_PREFIX = "${SUMMARY_LOG_PREFIX}"$`, 'm'));
    expect(summaryPython()).toContain('logger.info("%s%s", SUMMARY_LOG_PREFIX, text)');
  });
});
