// Mutants of recap.ts that no test can tell apart, since readRunSummary gives undefined either way:
// - line 24, `readFileSync(file, '')` for `'utf8'`: a Buffer, which JSON.parse reads as UTF-8 text too.
// - line 25, `value.summaryVersion` for `value?.summaryVersion`: on a file holding null it throws,
//   and the catch gives undefined, as the comparison did.
// - line 26, an empty catch block: the function then ends and gives undefined, as `return undefined` did.
// - line 37, `false ? undefined : readRunSummary(reports.summaryFile)`: reading an undefined file
//   throws, and the catch gives undefined.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalRunPlan } from '../../src/local-run/plan';
import { recapLines } from '../../src/local-run/recap';
import { tempTree } from '../temp-tree';
import { figures, summary } from '../verdict/summary-fixtures';

/** The recap of a run whose master wrote `content` (an object as JSON, a string as it is; undefined: nothing). */
function recapOf(content: object | string | undefined, folder: string | null = '/reports/shop-1'): string[] {
  const summaryFile = join(tempTree({}), 's.summary.json');
  if (content !== undefined) writeFileSync(summaryFile, typeof content === 'string' ? content : JSON.stringify(content));
  return recapLines({ plan: {} as LocalRunPlan, folder: folder ?? undefined, summaryFile });
}

describe('recapLines', () => {
  test('shows the verdict, each threshold with its value, each regression check, and where the reports are', () => {
    const lines = recapOf(summary({
      verdict: 'fail',
      exitCode: 1,
      thresholds: [{ name: 'p95', value: 412, limit: 800, passed: true }, { name: 'rps', value: 40.25, limit: 50, passed: false }],
      regression: { baseline: '/b/base.summary.json', checks: [{ endpoint: 'GET /checkout', metric: 'p95Ms', baseline: 300, value: 412, change: 37.333, limit: 20, passed: false }] },
    }));
    expect(lines).toEqual([
      'recap: FAIL (exit code 1): 100 requests, 0 failed, 50 requests/s, average 100 ms, p95 300 ms',
      '  threshold p95: 412 ms <= 800 ms: pass',
      '  threshold rps: 40.3 requests/s < 50 requests/s: FAIL',
      '  regression against /b/base.summary.json: 0 of 1 checks within their limits: FAIL',
      '  regression: p95 of GET /checkout 412 ms is 37.3% above the baseline 300 ms (at most +20%): FAIL',
      'recap: reports in /reports/shop-1',
    ]);
  });

  test('shows a passing run\'s figures rounded to a tenth, and the relation each threshold kept', () => {
    // GIVEN a passing run with figures finer than a tenth, a latency threshold breached and a throughput one kept
    const lines = recapOf(summary({
      verdict: 'pass',
      exitCode: 0,
      total: figures({ requests: 1200, failures: 3, requestsPerSecond: 19.96, averageMs: 101.26, p95Ms: 250.04 }),
      thresholds: [
        { name: 'p99', value: 905.56, limit: 900, passed: false },
        { name: 'rps', value: 20.04, limit: 20, passed: true },
        { name: 'fail-ratio', value: 0.0024999, limit: 0.01, passed: true },
      ],
    }));

    // THEN the header says PASS, each value is rounded, and each threshold reads the way its limit goes
    expect(lines).toEqual([
      'recap: PASS (exit code 0): 1200 requests, 3 failed, 20 requests/s, average 101.3 ms, p95 250 ms',
      '  threshold p99: 905.6 ms > 900 ms: FAIL',
      '  threshold rps: 20 requests/s >= 20 requests/s: pass',
      '  threshold fail-ratio: 0.0025 <= 0.01: pass',
      'recap: reports in /reports/shop-1',
    ]);
  });

  test('says why a run without thresholds failed when a request failed', () => {
    // GIVEN a run without thresholds that Locust failed because requests failed
    const lines = recapOf(summary({ verdict: 'fail', exitCode: 1, total: figures({ failures: 2 }) }));

    // THEN the recap gives Locust's rule
    expect(lines).toContain('  no thresholds: Locust fails a run in which any request failed');
  });

  test.each([
    ['it passed', { exitCode: 0, total: figures({ failures: 2 }) }],
    ['no request failed', { exitCode: 1, total: figures({ failures: 0 }) }],
    ['it has thresholds', { exitCode: 1, total: figures({ failures: 2 }), thresholds: [] }],
  ])('gives Locust\'s rule for failed requests only to a failed run without thresholds: not when %s', (_, given) => {
    expect(recapOf(summary(given)).filter((line) => line.includes('no thresholds'))).toEqual([]);
  });

  test('says that a first run had no baseline yet, and passed the gate', () => {
    expect(recapOf(summary({ regression: { baseline: null, checks: [] } }))).toContain('  regression: no baseline yet, nothing to compare: pass');
  });

  test('fails the gate when the baseline could not be compared, naming it', () => {
    // GIVEN a run whose baseline could not be read
    const lines = recapOf(summary({ regression: { baseline: '/b/old.summary.json', error: 'no such file', checks: [] } }));

    // THEN the recap names the baseline and fails
    expect(lines).toContain('  regression: the baseline /b/old.summary.json could not be compared: FAIL');
    expect(lines.filter((line) => line.startsWith('  regression'))).toHaveLength(1);
  });

  test('fails the gate without naming a baseline that the summary does not name', () => {
    expect(recapOf(summary({ regression: { baseline: null, error: 'no baseline was given', checks: [] } }))).toContain('  regression: the baseline could not be compared: FAIL');
  });

  test('passes the gate when every check is within its limit, with the baseline shown from the working directory', () => {
    // GIVEN a baseline under the working directory and a check within its limit
    const baseline = join(process.cwd(), 'baselines', 'shop.summary.json');
    const lines = recapOf(summary({ regression: { baseline, checks: [{ endpoint: 'GET /checkout', metric: 'p95Ms', baseline: 300, value: 310, change: 3.333, limit: 20, passed: true }] } }));

    // THEN the baseline is shown as typed, and the gate and its check pass
    expect(lines).toContain('  regression against ./baselines/shop.summary.json: 1 of 1 checks within their limits: pass');
    expect(lines).toContain('  regression: p95 of GET /checkout 310 ms is 3.3% above the baseline 300 ms (at most +20%): pass');
  });

  test('shows a reports folder under the working directory as a relative path', () => {
    expect(recapOf(summary(), join(process.cwd(), 'locust-reports', 'shop-1')).at(-1)).toBe('recap: reports in ./locust-reports/shop-1');
  });

  test('says so when the master wrote no summary', () => {
    expect(recapOf(undefined, null)).toEqual([
      'recap: the master wrote no summary (it was stopped before the end of the run, or could not start)',
      'recap: reports not kept (--no-reports)',
    ]);
  });

  test.each([
    ['is not JSON', '{"summaryVersion": 1,'],
    ['is JSON null', 'null'],
    ['is of another version', { ...summary(), summaryVersion: 2 }],
    ['has no total', { ...summary(), total: undefined }],
    ['has a null total', { ...summary(), total: null }],
  ])('takes a summary file that %s for no summary', (_, content) => {
    expect(recapOf(content)[0]).toBe('recap: the master wrote no summary (it was stopped before the end of the run, or could not start)');
  });

  test('says why there is no summary when the master names no .py locustfile', () => {
    // GIVEN a run whose master loads no .py locustfile, so that no summary file was planned
    const lines = recapLines({ plan: {} as LocalRunPlan, folder: '/reports/shop-1' });

    // THEN the recap says why, and still where the reports are
    expect(lines).toEqual([
      'recap: no summary: the master names no .py locustfile next to which it could be written',
      'recap: reports in /reports/shop-1',
    ]);
  });
});
