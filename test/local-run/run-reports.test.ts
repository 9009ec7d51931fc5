import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalRunPlan, planLocalRun } from '../../src/local-run/plan';
import { progressFigures, progressLine } from '../../src/local-run/progress';
import { recapLines } from '../../src/local-run/recap';
import { createReportsFolder, keepOwnReports, planRunReports, RunReportOptions, utcStamp } from '../../src/local-run/run-reports';
import { LocalTest, selectTest } from '../../src/local-run/select';
import { tempTree } from '../temp-tree';
import { summary } from '../verdict/summary-fixtures';
import { locustTestYaml, renderedObjects } from './rendered';

const NOW = new Date('2026-12-04T20:30:15.123Z');
const FILES = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: files, namespace: load}\ndata: {a.py: "print(1)"}\n---\n';

function planned(yaml: string, options: RunReportOptions) {
  const selected = selectTest(renderedObjects(yaml));
  if (!('test' in selected)) throw new Error(JSON.stringify(selected.problem));
  const root = tempTree({});
  const local = planLocalRun(selected.test, {}, { root, masterPort: 40001, webPort: 40002 });
  if (!('plan' in local)) throw new Error(JSON.stringify(local.problems));
  return { root, test: selected.test as LocalTest, base: local.plan as LocalRunPlan, ...planRunReports(local.plan, selected.test, options, root, NOW) };
}

describe('planRunReports', () => {
  test('keeps the reports in <parent>/<name>-<UTC time>/ with --html and --csv after every other arg', () => {
    // GIVEN a test without reports of its own, and a parent folder
    const parent = tempTree({});
    const { reports } = planned(FILES + locustTestYaml('shop'), { reportsParent: parent });

    // THEN the master writes its reports into the run's folder, made only once the run can start
    const folder = join(parent, 'shop-20261204T203015Z');
    expect(reports.folder).toBe(folder);
    expect(existsSync(folder)).toBe(false);
    createReportsFolder(reports);
    expect(existsSync(folder)).toBe(true);
    expect(reports.plan.master.args.slice(-2)).toEqual([`--html=${folder}/shop.html`, `--csv=${folder}/shop`]);
    expect(reports.plan.master.env.CDK8S_LOCUST_SUMMARY_FILE).toBe(`${folder}/shop.summary.json`);
    expect(reports.plan.master.env.CDK8S_LOCUST_TEST).toBe('shop');
  });

  test('loads the module before the locustfile of a test that does not load it, so that a summary is written', () => {
    const { reports, root } = planned(FILES + locustTestYaml('shop'), { noReports: true });
    const module = reports.plan.master.entries.find((entry) => entry.kind === 'file' && /cdk8s_locust_verdict_v.*\.py$/.test(entry.path));
    expect(module?.path.startsWith(root)).toBe(true);
    expect(reports.plan.master.args[1]).toBe(`${module!.path},${root}/master/lotest/src/a.py`);
  });

  test('with --no-reports adds no report flags and writes the summary in the temporary folder', () => {
    const { reports, root, base } = planned(FILES + locustTestYaml('shop'), { noReports: true });
    expect(reports.folder).toBeUndefined();
    expect(reports.plan.master.args.filter((arg) => arg.startsWith('--html') || arg.startsWith('--csv'))).toEqual([]);
    expect(reports.summaryFile).toBe(join(root, 'summary', 'shop.summary.json'));
    expect(reports.plan.workers).toEqual(base.workers);
  });

  test('gives the master the baseline of --baseline as an absolute path', () => {
    const baseline = join(tempTree({ 'b.summary.json': JSON.stringify(summary()) }), 'b.summary.json');
    const { reports, problems } = planned(FILES + locustTestYaml('shop'), { noReports: true, baseline });
    expect(problems).toEqual([]);
    expect(reports.plan.master.env.CDK8S_LOCUST_BASELINE).toBe(baseline);
  });

  test('fails when --baseline is not a summary, before anything starts', () => {
    const { problems } = planned(FILES + locustTestYaml('shop'), { noReports: true, baseline: '/nonexistent/b.summary.json' });
    expect(problems).toEqual([{ path: '--baseline', message: 'is a file that does not exist', value: '/nonexistent/b.summary.json', fix: 'give a <name>.summary.json or <name>_stats.csv file of a run' }]);
  });

  test('fails when --baseline is given and the master names no .py locustfile', () => {
    const baseline = join(tempTree({ 'b.summary.json': JSON.stringify(summary()) }), 'b.summary.json');
    const { problems } = planned(FILES + locustTestYaml('shop', '', '--host https://x.example.com'), { noReports: true, baseline });
    expect(problems.map((problem) => problem.message)).toEqual(['needs the master to load a .py locustfile (-f), next to which the regression gate loads its check']);
  });
});

describe('keepOwnReports', () => {
  test('copies the reports a test writes to its own volume into the run\'s folder', () => {
    // GIVEN a stand-in folder holding a run's reports and another test's
    const standIn = tempTree({ 'shop-r1.html': '<html>', 'shop-r1_stats.csv': 'x', 'shop-r1.summary.json': '{}', 'other_stats.csv': 'y' });
    const folder = join(tempTree({}), 'kept');
    mkdirSync(folder);

    // WHEN they are kept
    keepOwnReports({ plan: {} as LocalRunPlan, folder, ownReports: { csvPrefix: join(standIn, 'shop-r1'), html: join(standIn, 'shop-r1.html') } });

    // THEN the run's files, and only those, are in the folder
    expect(readdirSync(folder).sort()).toEqual(['shop-r1.html', 'shop-r1.summary.json', 'shop-r1_stats.csv']);
  });
});

describe('recapLines', () => {
  function recapOf(value: object | undefined, folder: string | null = '/reports/shop-1') {
    const dir = tempTree({});
    const summaryFile = join(dir, 's.summary.json');
    if (value !== undefined) writeFileSync(summaryFile, JSON.stringify(value));
    return recapLines({ plan: {} as LocalRunPlan, folder: folder ?? undefined, summaryFile });
  }

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

  test('says that a first run had no baseline yet, and passed the gate', () => {
    expect(recapOf(summary({ regression: { baseline: null, checks: [] } }))).toContain('  regression: no baseline yet, nothing to compare: pass');
  });

  test('says so when the master wrote no summary', () => {
    expect(recapOf(undefined, null)).toEqual([
      'recap: the master wrote no summary (it was stopped before the end of the run, or could not start)',
      'recap: reports not kept (--no-reports)',
    ]);
  });
});

describe('progress', () => {
  test('reads Locust 2.12\'s web UI figures', () => {
    const report = { user_count: 10, total_rps: 34.25, current_response_time_percentile_95: 12, stats: [{ name: '/a', num_failures: 1 }, { name: 'Aggregated', num_failures: 3 }] };
    expect(progressLine(15.2, progressFigures(report)!)).toBe('progress: 15 s, 10 users, 34.3 requests/s, 3 failures, p95 12 ms');
  });

  test('reads the percentiles map of later versions', () => {
    const report = { user_count: 1, total_rps: 2, current_response_time_percentiles: { 'response_time_percentile_0.5': 5, 'response_time_percentile_0.95': 20.4 }, stats: [{ name: 'Aggregated', num_failures: 1 }] };
    expect(progressLine(5, progressFigures(report)!)).toBe('progress: 5 s, 1 user, 2.0 requests/s, 1 failure, p95 20.4 ms');
  });

  test('says when no response came yet', () => {
    expect(progressLine(5, progressFigures({ user_count: 2, total_rps: 0, current_response_time_percentile_95: null, stats: [] })!)).toBe('progress: 5 s, 2 users, 0.0 requests/s, 0 failures, no response yet');
  });
});

describe('utcStamp', () => {
  test('writes a time that sorts as it runs and fits a file name', () => {
    expect(utcStamp(NOW)).toBe('20261204T203015Z');
  });
});
