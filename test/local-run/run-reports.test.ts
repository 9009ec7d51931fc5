// Mutants of run-reports.ts that no test can tell apart:
// - line 44, without the `$` of `/\.\d+Z$/`: an ISO time has its one `.` before the milliseconds.
// - line 80, `["Stryker was here"]` for `[]` without a locustfile: that name is no .py file and not
//   the module, as no file is neither.
// - line 85, `Buffer.from(source, '')`: Node reads an empty encoding as UTF-8, its default.
// - line 113, `true ?` for `ownReports !== undefined ?`: the key is then present with undefined,
//   which every reader takes for absent.
// - line 131, `true &&` for `html !== undefined &&`: existsSync(undefined) is false.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalRunPlan, planLocalRun } from '../../src/local-run/plan';
import { createReportsFolder, keepOwnReports, planRunReports, RunReportOptions, shownPath, utcStamp } from '../../src/local-run/run-reports';
import { packageVersion } from '../../src/core/version';
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

describe('planRunReports, on a plan given directly', () => {
  const ROOT = '/tmp/run';
  const MODULE = `/tmp/run/cdk8s-locust/cdk8s_locust_verdict_v${packageVersion().replace(/[^A-Za-z0-9]/g, '_')}.py`;
  const TEST = { name: 'shop' } as LocalTest;

  /** A plan whose master has these args and env, and one override. */
  function base(args: string[], env: Record<string, string> = {}): LocalRunPlan {
    const master = { label: 'master', args, env, cwd: '/tmp/run/master/home/locust', entries: [{ kind: 'directory' as const, path: '/tmp/run/master/home/locust' }] };
    return { master, workers: [], image: 'locustio/locust', target: 't', notRun: [], overrides: ['master: listens here'], standIns: [] };
  }

  test('says what it adds, and loads the module before the locustfile', () => {
    // GIVEN a master loading a .py locustfile, and a parent folder for the reports
    const { reports, problems } = planRunReports(base(['-f', '/tmp/run/master/a.py', '--master']), TEST, { reportsParent: '/reports' }, ROOT, NOW);

    // THEN the module is written read-only and loaded first, and each addition is said
    expect(problems).toEqual([]);
    expect(reports.plan.master.args).toEqual(['-f', `${MODULE},/tmp/run/master/a.py`, '--master', '--html=/reports/shop-20261204T203015Z/shop.html', '--csv=/reports/shop-20261204T203015Z/shop']);
    expect(reports.plan.master.entries).toContainEqual(expect.objectContaining({ kind: 'file', path: MODULE, mode: 0o444 }));
    const module = reports.plan.master.entries.find((entry) => entry.path === MODULE);
    expect(module?.kind === 'file' && module.content.toString('utf8')).toContain('CDK8S_LOCUST_SUMMARY_FILE');
    expect(reports.plan.overrides).toEqual([
      'master: listens here',
      `master: ${MODULE} loaded before the locustfile (it writes the run's summary)`,
      'master: --html=/reports/shop-20261204T203015Z/shop.html --csv=/reports/shop-20261204T203015Z/shop (reports kept in /reports/shop-20261204T203015Z; --no-reports skips them)',
    ]);
    expect(reports.summaryFile).toBe('/reports/shop-20261204T203015Z/shop.summary.json');
  });

  test('keeps the reports under ./locust-reports by default', () => {
    const { reports } = planRunReports(base(['-f', '/tmp/run/master/a.py']), TEST, {}, ROOT, NOW);
    expect(reports.folder).toBe(join(process.cwd(), 'locust-reports', 'shop-20261204T203015Z'));
  });

  test('adds no module to a master that loads it by a relative path', () => {
    const args = ['-f', 'cdk8s_locust_verdict_v0_1_0.py,a.py'];
    const { reports } = planRunReports(base(args), TEST, { noReports: true }, ROOT, NOW);
    expect(reports.plan.master.args).toEqual(args);
    expect(reports.summaryFile).toBe('/tmp/run/summary/shop.summary.json');
  });

  test('adds no module to a master that loads it already, and keeps the test name it sets', () => {
    // GIVEN a master that loads the module itself and names its test
    const args = ['-f', '/tmp/run/master/lib/cdk8s_locust_verdict_v0_1_0.py,/tmp/run/master/a.py'];
    const { reports } = planRunReports(base(args, { CDK8S_LOCUST_TEST: 'shop-nightly' }), TEST, { noReports: true }, ROOT, NOW);

    // THEN the args are its own, the summary is written, and its name stays
    expect(reports.plan.master.args).toEqual(args);
    expect(reports.plan.master.entries).toHaveLength(1);
    expect(reports.plan.overrides).toEqual(['master: listens here']);
    expect(reports.plan.master.env).toEqual({ CDK8S_LOCUST_TEST: 'shop-nightly', CDK8S_LOCUST_SUMMARY_FILE: '/tmp/run/summary/shop.summary.json' });
    expect(reports.summaryFile).toBe('/tmp/run/summary/shop.summary.json');
  });

  test.each([
    ['a locustfile that is no .py file', ['-f', '/tmp/run/master/tests', '--master']],
    ['a .py file beside one that is not', ['-f', '/tmp/run/master/a.py,/tmp/run/master/tests']],
    ['no locustfile', ['--master']],
    ['a compiled module as its locustfile', ['-f', '/tmp/run/master/cdk8s_locust_verdict_v0_1_0.pyc']],
  ])('writes no summary for a master with %s, and loads nothing', (_, args) => {
    const { reports, problems } = planRunReports(base(args), TEST, { noReports: true }, ROOT, NOW);
    expect(problems).toEqual([]);
    expect(reports.summaryFile).toBeUndefined();
    expect(reports.plan.master.args).toEqual(args);
    expect(reports.plan.master.env).toEqual({});
  });

  test('copies the reports of a test that writes its own, rather than adding report flags', () => {
    // GIVEN a master writing its reports to its volume's stand-in
    const args = ['-f', '/tmp/run/master/a.py', '--csv=/tmp/run/master/reports/shop', '--html=/tmp/run/master/reports/shop.html'];
    const { reports } = planRunReports(base(args), TEST, { reportsParent: '/reports' }, ROOT, NOW);

    // THEN its reports are copied after the run, and the module writes the summary beside them
    expect(reports.ownReports).toEqual({ csvPrefix: '/tmp/run/master/reports/shop', html: '/tmp/run/master/reports/shop.html' });
    expect(reports.summaryFile).toBe('/tmp/run/master/reports/shop.summary.json');
    expect(reports.plan.master.args.slice(2)).toEqual(args.slice(2));
    expect(reports.plan.master.env).toEqual({ CDK8S_LOCUST_TEST: 'shop' });
    expect(reports.plan.overrides.at(-1)).toBe('master: its reports (--csv=/tmp/run/master/reports/shop) are copied to /reports/shop-20261204T203015Z after the run; --no-reports skips that');
  });

  test('says nothing of copying when reports are not kept', () => {
    const { reports } = planRunReports(base(['-f', '/tmp/run/master/a.py', '--csv', '/tmp/run/master/reports/shop']), TEST, { noReports: true }, ROOT, NOW);
    expect(reports.ownReports).toEqual({ csvPrefix: '/tmp/run/master/reports/shop', html: undefined });
    expect(reports.plan.overrides.filter((line) => line.includes('copied'))).toEqual([]);
  });

  test('gives the master the baseline and says so', () => {
    const baseline = join(tempTree({ 'b.summary.json': JSON.stringify(summary()) }), 'b.summary.json');
    const { reports, problems } = planRunReports(base(['-f', '/tmp/run/master/a.py']), TEST, { noReports: true, baseline }, ROOT, NOW);
    expect(problems).toEqual([]);
    expect(reports.plan.master.env.CDK8S_LOCUST_BASELINE).toBe(baseline);
    expect(reports.plan.overrides.at(-1)).toBe(`master: CDK8S_LOCUST_BASELINE=${baseline} (--baseline)`);
  });

  test('fails when --baseline is Locust\'s stats CSV, leaving the plan as it was', () => {
    // GIVEN a baseline that is a _stats.csv, which the master cannot read
    const csv = [
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Requests/s,95%,99%',
      'GET,/checkout,100,0,90,100,50,300,400',
      ',Aggregated,100,0,90,100,50,300,400',
      '',
    ].join('\n');
    const baseline = join(tempTree({ 'old_stats.csv': csv }), 'old_stats.csv');
    const plan = base(['-f', '/tmp/run/master/a.py']);

    // WHEN the reports are planned
    const { reports, problems } = planRunReports(plan, TEST, { noReports: true, baseline }, ROOT, NOW);

    // THEN the problem says what to give instead, and nothing was added
    expect(problems).toEqual([{ path: '--baseline', message: 'is Locust\'s _stats.csv, which the master does not read', value: baseline, fix: 'give the <name>.summary.json of a run (cdk8s-locust compare reads CSV files)' }]);
    expect(reports).toEqual({ plan });
  });

  test('fails when --baseline is given to a master without a locustfile, showing its args', () => {
    const baseline = join(tempTree({ 'b.summary.json': JSON.stringify(summary()) }), 'b.summary.json');
    const { problems } = planRunReports(base(['--master', '--headless']), TEST, { noReports: true, baseline }, ROOT, NOW);
    expect(problems).toEqual([{ path: '--baseline', message: 'needs the master to load a .py locustfile (-f), next to which the regression gate loads its check', value: '--master --headless', fix: 'name the locustfile with -f <file>.py in the master\'s command' }]);
  });
});

describe('createReportsFolder', () => {
  test('makes no folder when reports are not kept', () => {
    const parent = tempTree({});
    createReportsFolder({ plan: {} as LocalRunPlan });
    createReportsFolder({ plan: {} as LocalRunPlan, folder: join(parent, 'a', 'b') });
    expect(readdirSync(parent)).toEqual(['a']);
  });
});

describe('keepOwnReports, edge cases', () => {
  test('copies nothing when reports are not kept, or the stand-in folder is gone', () => {
    const standIn = tempTree({ 'shop_stats.csv': 'x' });
    const folder = tempTree({});
    keepOwnReports({ plan: {} as LocalRunPlan, ownReports: { csvPrefix: join(standIn, 'shop') } });
    keepOwnReports({ plan: {} as LocalRunPlan, folder });
    keepOwnReports({ plan: {} as LocalRunPlan, folder, ownReports: { csvPrefix: join(standIn, 'gone', 'shop') } });
    expect(readdirSync(folder)).toEqual([]);
  });

  test('copies an HTML report kept elsewhere, and one beside the CSV files once', () => {
    const standIn = tempTree({ 'shop_stats.csv': 'x', 'html/report.html': '<html>', 'shop.html': '<html>' });
    const folder = tempTree({});
    keepOwnReports({ plan: {} as LocalRunPlan, folder, ownReports: { csvPrefix: join(standIn, 'shop'), html: join(standIn, 'html', 'report.html') } });
    keepOwnReports({ plan: {} as LocalRunPlan, folder, ownReports: { csvPrefix: join(standIn, 'shop'), html: join(standIn, 'missing.html') } });
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'shop.html', 'shop_stats.csv']);
  });
});

describe('shownPath', () => {
  test('shows a path under the working directory from it, and any other as it is', () => {
    expect(shownPath(join(process.cwd(), 'locust-reports', 'a'))).toBe('./locust-reports/a');
    expect(shownPath(process.cwd())).toBe(process.cwd());
    expect(shownPath('/elsewhere/a')).toBe('/elsewhere/a');
    expect(shownPath(join(process.cwd(), '..', 'sibling'))).toBe(join(process.cwd(), '..', 'sibling'));
  });
});
