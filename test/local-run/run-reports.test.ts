import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalRunPlan, planLocalRun } from '../../src/local-run/plan';
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

describe('utcStamp', () => {
  test('writes a time that sorts as it runs and fits a file name', () => {
    expect(utcStamp(NOW)).toBe('20261204T203015Z');
  });
});
