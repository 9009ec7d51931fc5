import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { Problem } from '../core/problems';
import { packageVersion } from '../core/version';
import { LOCUSTFILE_OPTION, lastOptionValue, locustfilesOf, withLocustfileFirst } from '../core/locust-args';
import { BASELINE_ENV_VAR } from '../verdict/regression-python';
import { reportFileBase } from '../verdict/reports';
import { readSummaryFile } from '../verdict/summary';
import { SUMMARY_FILE_ENV_VAR, TEST_NAME_ENV_VAR } from '../verdict/summary-python';
import { verdictModuleFileName, verdictModuleSource } from '../verdict/verdict-module';
import { LocalRunPlan } from './plan';
import { LocalTest } from './select';

/** The report options of Locust, which have no short alias. */
const CSV_OPTION = { long: '--csv' };
const HTML_OPTION = { long: '--html' };

/** Where a local run keeps its reports unless told otherwise: one folder per run under it. */
export const DEFAULT_REPORTS_PARENT = 'locust-reports';

/** What the user asked of the run's reports and its baseline. */
export interface RunReportOptions {
  /** The folder holding one folder per run. @default ./locust-reports */
  readonly reportsParent?: string;
  /** Keep no reports: the summary is still read for the recap, from the temporary folder. @default false */
  readonly noReports?: boolean;
  /** A summary file the run is compared with (the regression gate's baseline). @default - the test's own baseline, if any */
  readonly baseline?: string;
}

/** The run's reports: where they go, where the summary is read from after the run. */
export interface RunReports {
  readonly plan: LocalRunPlan;
  /** The folder the reports are kept in; undefined with `noReports`. */
  readonly folder?: string;
  /** Where the master writes the summary, when it loads the module. */
  readonly summaryFile?: string;
  /** Report files the test writes itself (to its reports volume's stand-in), copied into `folder` after the run. @default - none */
  readonly ownReports?: { readonly csvPrefix: string; readonly html?: string };
}

/** `20261204T203015Z`: sorts as it runs, and is a valid file name everywhere. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** A path as a person typed it: relative to the working directory when it is under it. */
export function shownPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere !== '' && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? `./${fromHere}` : path;
}

/**
 * Makes the master keep its reports and write the summary: `--html` and `--csv` into a folder of
 * the run (they come last, and Locust keeps the last occurrence, so a report volume's stand-in is
 * overridden), the summary's file in its environment, and the generated module loaded before the
 * locustfile when the manifests do not load it already (a test without thresholds or reports).
 */
export function planRunReports(base: LocalRunPlan, test: LocalTest, options: RunReportOptions, root: string, now: Date): { reports: RunReports; problems: Problem[] } {
  const problems: Problem[] = [];
  const fileBase = reportFileBase(test.name, undefined);
  const folder = options.noReports ? undefined : resolve(options.reportsParent ?? DEFAULT_REPORTS_PARENT, `${fileBase}-${utcStamp(now)}`);
  const master = base.master;
  // A test with a reports volume writes its own reports, as its master Job would: they are copied afterwards.
  const ownCsv = lastOptionValue(master.args, CSV_OPTION)?.value;
  const ownReports = ownCsv === undefined ? undefined : { csvPrefix: ownCsv, html: lastOptionValue(master.args, HTML_OPTION)?.value };
  const summaryFile = ownCsv !== undefined ? `${ownCsv}.summary.json` : join(folder ?? join(root, 'summary'), `${fileBase}.summary.json`);
  let args = [...master.args];
  const env: Record<string, string> = { ...master.env };
  const entries = [...master.entries];
  const overrides = [...base.overrides];

  if (options.baseline !== undefined) {
    const read = readSummaryFile(options.baseline);
    if ('problem' in read) problems.push({ path: '--baseline', message: `is a file that ${read.problem}`, value: options.baseline, fix: read.fix });
    else if (read.fromStatsCsv) problems.push({ path: '--baseline', message: 'is Locust\'s _stats.csv, which the master does not read', value: options.baseline, fix: 'give the <name>.summary.json of a run (cdk8s-locust compare reads CSV files)' });
  }

  const arg = lastOptionValue(args, LOCUSTFILE_OPTION);
  const files = arg === undefined ? [] : locustfilesOf(arg);
  const loaded = files.some((file) => /(^|\/)cdk8s_locust_verdict_v[^/]*\.py$/.test(file));
  const loadable = files.length > 0 && files.every((file) => file.endsWith('.py'));
  if (!loaded && loadable) {
    const module = posix.join(root, 'cdk8s-locust', verdictModuleFileName(packageVersion()));
    entries.push({ kind: 'file', path: module, content: Buffer.from(verdictModuleSource(packageVersion()), 'utf8'), mode: 0o444 });
    args = withLocustfileFirst(args, module);
    overrides.push(`master: ${module} loaded before the locustfile (it writes the run's summary)`);
  }
  const summarized = loaded || loadable;
  if (!summarized && options.baseline !== undefined) {
    problems.push({ path: '--baseline', message: 'needs the master to load a .py locustfile (-f), next to which the regression gate loads its check', value: arg?.value ?? args.join(' '), fix: 'name the locustfile with -f <file>.py in the master\'s command' });
  }
  if (summarized) {
    if (ownCsv === undefined) env[SUMMARY_FILE_ENV_VAR] = summaryFile;
    env[TEST_NAME_ENV_VAR] ??= test.name;
    if (options.baseline !== undefined) env[BASELINE_ENV_VAR] = resolve(options.baseline);
  }
  if (folder !== undefined && ownReports !== undefined) {
    overrides.push(`master: its reports (--csv=${ownReports.csvPrefix}) are copied to ${shownPath(folder)} after the run; --no-reports skips that`);
  } else if (folder !== undefined) {
    const html = join(folder, `${fileBase}.html`);
    const csv = join(folder, fileBase);
    args.push(`--html=${html}`, `--csv=${csv}`);
    overrides.push(`master: --html=${html} --csv=${csv} (reports kept in ${shownPath(folder)}; --no-reports skips them)`);
  }
  if (options.baseline !== undefined && summarized) overrides.push(`master: ${BASELINE_ENV_VAR}=${resolve(options.baseline)} (--baseline)`);
  if (problems.length > 0) return { reports: { plan: base }, problems };
  return {
    reports: {
      plan: { ...base, master: { ...master, args, env, entries }, overrides },
      folder,
      summaryFile: summarized ? summaryFile : undefined,
      ...(ownReports !== undefined ? { ownReports } : {}),
    },
    problems,
  };
}

/** Makes the run's reports folder, once nothing stops the run from starting: Locust writes no CSV into a missing folder. */
export function createReportsFolder(reports: RunReports): void {
  if (reports.folder !== undefined) mkdirSync(reports.folder, { recursive: true });
}

/** Copies the reports a test wrote to its volume's stand-in into the run's folder: `<prefix>.*`, `<prefix>_*` and the HTML. */
export function keepOwnReports(reports: RunReports): void {
  if (reports.folder === undefined || reports.ownReports === undefined) return;
  const { csvPrefix, html } = reports.ownReports;
  const from = dirname(csvPrefix);
  const prefix = basename(csvPrefix);
  const files = existsSync(from) ? readdirSync(from).filter((name) => name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}_`)).map((name) => join(from, name)) : [];
  if (html !== undefined && existsSync(html) && !files.includes(html)) files.push(html);
  for (const file of files) copyFileSync(file, join(reports.folder, basename(file)));
}
