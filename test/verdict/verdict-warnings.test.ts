import { DEFAULT_OPERATOR_CONFIG, planObservability, warningsFor, SpecJson } from '../../src/tooling';
import { verdictWarnings } from '../../src/verdict/verdict-warnings';
import { minimalSpecJson } from '../fixtures';

describe('verdict warnings', () => {
  const warn = (image: string, command: string, options: { thresholds?: boolean; reports?: boolean }) =>
    warningsFor(minimalSpecJson({ image, master: { command } }) as SpecJson, DEFAULT_OPERATOR_CONFIG, { observability: planObservability(undefined, DEFAULT_OPERATOR_CONFIG.metricsExporter), argoCd: false, ...options });

  test('warn that Locust before 2.11 cannot load the module', () => {
    expect(warn('locustio/locust:2.10.2', '-f /lotest/src/l.py', { thresholds: true })).toEqual([expect.objectContaining({ path: 'spec.image', message: expect.stringMatching(/older than 2\.11/) })]);
  });

  test('warn that Locust before 2.23 refuses a locustfile ending in locust.py in a list', () => {
    expect(warn('locustio/locust:2.20.0', '-f /lotest/src/shop_locust.py', { thresholds: true })).toEqual([expect.objectContaining({ path: 'spec.master.command', value: ['/lotest/src/shop_locust.py'] })]);
    expect(warn('locustio/locust:2.23.0', '-f /lotest/src/shop_locust.py', { thresholds: true })).toEqual([]);
  });

  test('warn that Locust 2.33.0 writes no report of a run without --run-time', () => {
    expect(warn('locustio/locust:2.33.0', '-f /lotest/src/l.py', { reports: true })).toEqual([expect.objectContaining({ path: 'spec.image', message: expect.stringMatching(/2\.33\.0, which crashes writing the HTML report/) })]);
    expect(warn('locustio/locust:2.33.0', '-f /lotest/src/l.py --run-time 1m', { reports: true })).toEqual([]);
    expect(warn('locustio/locust:2.33.1', '-f /lotest/src/l.py', { reports: true })).toEqual([]);
  });

  test('say nothing for an image whose tag is not a version, or without the options', () => {
    expect(warn('locustio/locust:latest', '-f /lotest/src/shop_locust.py', { thresholds: true, reports: true })).toEqual([]);
    expect(warn('locustio/locust:2.10.0', '-f /lotest/src/l.py', {})).toEqual([]);
  });
});

describe('verdictWarnings', () => {
  const spec = (image: string, command = '-f /lotest/src/shop.py', extraArgs?: string[]) =>
    minimalSpecJson({ image, master: { command, ...(extraArgs ? { extraArgs } : {}) } }) as SpecJson;
  const BOTH = { thresholds: true, reports: true };

  test.each([
    ['2.10.2', true],
    ['v2.10', true],
    ['2.11.0', false],
    ['2.43.1', false],
  ])('warns about thresholds on Locust %s: %s', (tag, warns) => {
    const warnings = verdictWarnings(spec(`locustio/locust:${tag}`), { thresholds: true, reports: false });
    expect(warnings.some((w) => /older than 2\.11/.test(w.message))).toBe(warns);
  });

  test('warns about a locustfile ending in locust.py from 2.11 up to 2.22, naming every such file of the last -f', () => {
    // GIVEN two locustfiles in the last -f, one of them ending in locust.py
    const command = '-f /lotest/src/old_locust.py -f/lotest/src/a.py,/lotest/src/shop_locust.py';

    // THEN only the files the last -f names are refused
    expect(verdictWarnings(spec('locustio/locust:2.11.0', command), BOTH)).toEqual([expect.objectContaining({ path: 'spec.master.command', value: ['/lotest/src/shop_locust.py'] })]);
    expect(verdictWarnings(spec('locustio/locust:2.22.9', command), BOTH)).toHaveLength(1);
    expect(verdictWarnings(spec('locustio/locust:2.23.0', command), BOTH)).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.10.0', command), { thresholds: true, reports: false }).map((w) => w.path)).toEqual(['spec.image']);
  });

  test('does not warn about locust.py without thresholds, which load no list of locustfiles', () => {
    expect(verdictWarnings(spec('locustio/locust:2.20.0', '-f /lotest/src/shop_locust.py'), { thresholds: false, reports: true })).toEqual([]);
  });

  test('warns about 2.33.0 only with reports and without --run-time, in any of its forms', () => {
    expect(verdictWarnings(spec('locustio/locust:2.33.0'), { thresholds: false, reports: true })).toEqual([expect.objectContaining({ path: 'spec.image', value: 'locustio/locust:2.33.0' })]);
    expect(verdictWarnings(spec('locustio/locust:2.33.0'), { thresholds: true, reports: false })).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.33.0', '-f /lotest/src/shop.py -t1m'), { thresholds: false, reports: true })).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.33.0', '-f /lotest/src/shop.py', ['--run-time=1m']), { thresholds: false, reports: true })).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.33.1'), { thresholds: false, reports: true })).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.34.0'), { thresholds: false, reports: true })).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.33'), { thresholds: false, reports: true })).toHaveLength(1);
  });

  test.each([
    ['no tag', 'locustio/locust'],
    ['latest', 'locustio/locust:latest'],
    ['a digest only', 'locustio/locust@sha256:0123'],
    ['another major version', 'locustio/locust:1.6.0'],
    ['a tag that only starts like a version', 'locustio/locust:2.10x'],
  ])('says nothing for an image with %s', (_what, image) => {
    expect(verdictWarnings(spec(image, '-f /lotest/src/shop_locust.py'), BOTH)).toEqual([]);
  });

  test('reads a version tag with a suffix', () => {
    expect(verdictWarnings(spec('locustio/locust:2.10.0-python3.12'), { thresholds: true, reports: false })).toHaveLength(1);
    expect(verdictWarnings(spec('registry.example.com:5000/locust:2.33.0+build'), { thresholds: false, reports: true })).toHaveLength(1);
  });
});

describe('verdictWarnings, each warning in full', () => {
  const spec = (image: string, command: string) => minimalSpecJson({ image, master: { command } }) as SpecJson;

  test('tells to upgrade a Locust older than 2.11', () => {
    expect(verdictWarnings(spec('locustio/locust:2.10.2', '-f /lotest/src/shop.py'), { thresholds: true, reports: false })).toEqual([{
      path: 'spec.image',
      message: 'runs a Locust older than 2.11, which cannot load a list of locustfiles, so the verdict module (thresholds, regression gate) stops the master at start',
      value: 'locustio/locust:2.10.2',
      fix: 'use locustio/locust 2.11 or later',
    }]);
  });

  test('tells to rename a locustfile ending in locust.py, or to upgrade', () => {
    expect(verdictWarnings(spec('locustio/locust:2.20.0', '-f /lotest/src/shop_locust.py'), { thresholds: true, reports: false })).toEqual([{
      path: 'spec.master.command',
      message: 'names a locustfile ending in locust.py, which Locust before 2.23 refuses in a list of locustfiles such as the one thresholds and the regression gate make',
      value: ['/lotest/src/shop_locust.py'],
      fix: 'rename the locustfile (e.g. load_test.py), or use locustio/locust 2.23 or later',
    }]);
  });

  test('says nothing on Locust 2.11 to 2.22 when no locustfile ends in locust.py, or none is named', () => {
    expect(verdictWarnings(spec('locustio/locust:2.20.0', '-f /lotest/src/shop.py'), { thresholds: true, reports: false })).toEqual([]);
    expect(verdictWarnings(spec('locustio/locust:2.20.0', '--headless'), { thresholds: true, reports: false })).toEqual([]);
  });

  test('tells to upgrade 2.33.0 or to give --run-time', () => {
    expect(verdictWarnings(spec('locustio/locust:2.33.0', '-f /lotest/src/shop.py'), { thresholds: false, reports: true })).toEqual([{
      path: 'spec.image',
      message: 'runs Locust 2.33.0, which crashes writing the HTML report of a run without --run-time, so neither the report nor a verdict is written',
      value: 'locustio/locust:2.33.0',
      fix: 'use locustio/locust 2.33.1 or later, or give --run-time in spec.master.command',
    }]);
  });
});
