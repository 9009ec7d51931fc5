import { parseOptions } from './args';
import { CommandResult } from './command-result';
import { DEFAULT_REGRESSION_LIMITS, RegressionLimits, withDefaultLimits } from '../verdict/regression-limits';
import { amount, changeText, compareWithBaseline, describeCheck, limitText, REGRESSION_RULES, TOTAL_ROW } from '../verdict/regression';
import { readSummaryFile, RegressionCheck, RunSummary } from '../verdict/summary';

/** The usage of `compare`, printed by `compare --help` and with its usage errors. */
export const COMPARE_USAGE = `usage: cdk8s-locust compare BASE NEW [--format text|markdown|json] [limits]

Compares two runs: BASE and NEW are summaries (<name>.summary.json, written next to the reports)
or Locust's own <name>_stats.csv. For all requests and every endpoint both runs have, it shows
each value of both runs and the change, and checks the regression limits the master's gate uses.

options:
      --format F                        text (default), markdown (for a pull-request comment) or json
      --max-average-increase PERCENT    default ${DEFAULT_REGRESSION_LIMITS.maxAverageIncreasePercent}
      --max-p95-increase PERCENT        default ${DEFAULT_REGRESSION_LIMITS.maxP95IncreasePercent}
      --max-rps-decrease PERCENT        default ${DEFAULT_REGRESSION_LIMITS.maxRequestsPerSecondDecreasePercent}
      --max-fail-ratio-increase POINTS  default ${DEFAULT_REGRESSION_LIMITS.maxFailRatioIncreasePoints} (percentage points)

exit status: 0 no regression, 1 a regression, 2 a usage error or a file that is not a run
`;

const FORMATS = ['text', 'markdown', 'json'] as const;

const LIMIT_FLAGS: Record<string, keyof RegressionLimits> = {
  'max-average-increase': 'maxAverageIncreasePercent',
  'max-p95-increase': 'maxP95IncreasePercent',
  'max-rps-decrease': 'maxRequestsPerSecondDecreasePercent',
  'max-fail-ratio-increase': 'maxFailRatioIncreasePoints',
};

const COMPARE_OPTIONS = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
} as const;

/** One line, and where the options are listed, as the other commands' usage errors. */
const usageError = (message: string): CommandResult => ({ status: 2, stdout: '', stderr: `cdk8s-locust compare: ${message}\nrun cdk8s-locust compare --help for its options\n` });

/** `cdk8s-locust compare BASE NEW ...`, given the arguments after `compare`. */
export function compareCommand(args: readonly string[]): CommandResult {
  const parsed = parseOptions(args, COMPARE_OPTIONS, 'cdk8s-locust compare --help');
  if ('usageError' in parsed) return usageError(parsed.usageError);
  const { values, positionals } = parsed;
  if (values.help) return { status: 0, stdout: COMPARE_USAGE, stderr: '' };
  if (positionals.length !== 2) return usageError(`needs two files, BASE and NEW (got ${positionals.length})`);
  const format = (values.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) return usageError(`--format must be one of ${FORMATS.join(', ')} (got ${JSON.stringify(format)})`);
  const limits: Record<string, number> = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const text = (values as Record<string, string | boolean | undefined>)[flag] as string | undefined;
    if (text === undefined) continue;
    if (!/^\d+(\.\d+)?$/.test(text)) return usageError(`--${flag} must be a number of at least 0 (got ${JSON.stringify(text)}), e.g. --${flag} ${DEFAULT_REGRESSION_LIMITS[key]}`);
    limits[key] = Number(text);
  }
  const [baseFile, newFile] = positionals;
  const runs: RunSummary[] = [];
  const fromCsv: boolean[] = [];
  for (const file of [baseFile, newFile]) {
    const read = readSummaryFile(file);
    if ('problem' in read) return { status: 2, stdout: '', stderr: `cdk8s-locust compare: ${file} ${read.problem}; ${read.fix}\n` };
    runs.push(read.summary);
    fromCsv.push(read.fromStatsCsv);
  }
  const [baseline, current] = runs;
  const checks = compareWithBaseline(baseline, current, { limits: withDefaultLimits(limits) });
  const report: Comparison = { baseFile, newFile, baseline, current, checks, fromCsv };
  const stdout = format === 'json' ? jsonReport(report) : format === 'markdown' ? markdownReport(report) : textReport(report);
  return { status: checks.some((check) => !check.passed) ? 1 : 0, stdout, stderr: '' };
}

interface Comparison {
  readonly baseFile: string;
  readonly newFile: string;
  readonly baseline: RunSummary;
  readonly current: RunSummary;
  readonly checks: readonly RegressionCheck[];
  /** Per run: read from Locust's _stats.csv, which holds figures only. */
  readonly fromCsv: readonly boolean[];
}

const endpointKey = (row: { method: string; name: string }) => `${row.method} ${row.name}`;

/** Endpoints only one of the runs has: they have nothing to compare with. */
function unmatched(report: Comparison): { onlyInBaseline: string[]; onlyInNew: string[] } {
  const before = new Set(report.baseline.endpoints.map(endpointKey));
  const after = new Set(report.current.endpoints.map(endpointKey));
  return {
    onlyInBaseline: [...before].filter((key) => !after.has(key)),
    onlyInNew: [...after].filter((key) => !before.has(key)),
  };
}

const endpointLabel = (endpoint: string) => (endpoint === TOTAL_ROW ? 'all requests' : endpoint);
const metricLabel = (check: RegressionCheck) => REGRESSION_RULES.find((rule) => rule.metric === check.metric)!.name;

function rowsOf(report: Comparison): string[][] {
  return report.checks.map((check) => [
    endpointLabel(check.endpoint),
    metricLabel(check),
    amount(check.metric, check.baseline),
    amount(check.metric, check.value),
    changeText(check),
    limitText(check),
    check.passed ? 'ok' : 'REGRESSION',
  ]);
}

const HEADER = ['endpoint', 'metric', 'baseline', 'new', 'change', 'limit', 'result'];

function describeRun(summary: RunSummary, file: string, fromCsv: boolean): string {
  if (fromCsv) return `${file} (Locust's stats CSV: figures only)`;
  const id = summary.runId === undefined ? '' : ` run ${summary.runId},`;
  return `${file} (test ${summary.test},${id} ${summary.verdict}, ended ${summary.endTime})`;
}

function verdictLine(report: Comparison): string {
  const breaches = report.checks.filter((check) => !check.passed).length;
  return breaches === 0 ? `no regression in ${report.checks.length} checks` : `${breaches} regression${breaches === 1 ? '' : 's'} in ${report.checks.length} checks`;
}

function textReport(report: Comparison): string {
  const rows = [HEADER, ...rowsOf(report)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const right = new Set([2, 3, 4, 5]);
  const table = rows.map((row) => row.map((cell, column) => (right.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd());
  const { onlyInBaseline, onlyInNew } = unmatched(report);
  return [
    `baseline: ${describeRun(report.baseline, report.baseFile, report.fromCsv[0])}`,
    `new:      ${describeRun(report.current, report.newFile, report.fromCsv[1])}`,
    '',
    ...table,
    '',
    ...onlyInBaseline.map((key) => `only in the baseline, not compared: ${key}`),
    ...onlyInNew.map((key) => `only in the new run, not compared: ${key}`),
    ...report.checks.filter((check) => !check.passed).map((check) => `regression: ${describeCheck(check)}`),
    verdictLine(report),
    '',
  ].join('\n');
}

/** Pipes and backslashes would break a table cell. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

function markdownReport(report: Comparison): string {
  const breaches = report.checks.filter((check) => !check.passed);
  const { onlyInBaseline, onlyInNew } = unmatched(report);
  return [
    `### Load test: ${breaches.length === 0 ? 'no regression' : `${breaches.length} regression${breaches.length === 1 ? '' : 's'}`}`,
    '',
    `Baseline: ${cell(describeRun(report.baseline, report.baseFile, report.fromCsv[0]))}; new run: ${cell(describeRun(report.current, report.newFile, report.fromCsv[1]))}.`,
    '',
    '| Endpoint | Metric | Baseline | New | Change | Limit | Result |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rowsOf(report).map((row) => `| ${row.map((text, column) => (column === 6 && text !== 'ok' ? '**regression**' : cell(text))).join(' | ')} |`),
    '',
    ...breaches.map((check) => `- regression: ${cell(describeCheck(check))}`),
    ...onlyInBaseline.map((key) => `- only in the baseline, not compared: \`${cell(key)}\``),
    ...onlyInNew.map((key) => `- only in the new run, not compared: \`${cell(key)}\``),
    '',
  ].join('\n').replace(/\n\n\n+/g, '\n\n');
}

function jsonReport(report: Comparison): string {
  const { onlyInBaseline, onlyInNew } = unmatched(report);
  return `${JSON.stringify({
    baseline: report.baseFile,
    new: report.newFile,
    regressions: report.checks.filter((check) => !check.passed).length,
    checks: report.checks,
    onlyInBaseline,
    onlyInNew,
  }, null, 2)}\n`;
}
