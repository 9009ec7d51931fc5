import { readFileSync } from 'node:fs';
import { describeCheck } from '../verdict/regression';
import { RunSummary } from '../verdict/summary';
import { RunReports, shownPath } from './run-reports';

/** A threshold's value as the recap shows it. */
function thresholdValue(name: string, value: number): string {
  if (name === 'fail-ratio') return String(Number(value.toPrecision(4)));
  if (name === 'rps') return `${Number(value.toFixed(1))} requests/s`;
  return `${Number(value.toFixed(1))} ms`;
}

function thresholdLine(threshold: NonNullable<RunSummary['thresholds']>[number]): string {
  const relation = threshold.name === 'rps' ? (threshold.passed ? '>=' : '<') : (threshold.passed ? '<=' : '>');
  return `  threshold ${threshold.name}: ${thresholdValue(threshold.name, threshold.value)} ${relation} ${thresholdValue(threshold.name, threshold.limit)}: ${threshold.passed ? 'pass' : 'FAIL'}`;
}

/**
 * The summary the master of this run just wrote. It is not checked against the schema here (the
 * tests do that): loading the schema validator would cost the run a tenth of a second.
 */
function readRunSummary(file: string): RunSummary | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8'));
    return value?.summaryVersion === 1 && typeof value.total === 'object' && value.total !== null ? value as RunSummary : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a person wants at the end of a run, read from the summary the master wrote: the verdict,
 * each threshold and regression check with its value, and where the reports are.
 */
export function recapLines(reports: RunReports): string[] {
  const lines: string[] = [];
  const summary = reports.summaryFile === undefined ? undefined : readRunSummary(reports.summaryFile);
  if (reports.summaryFile === undefined) {
    lines.push('recap: no summary: the master names no .py locustfile next to which it could be written');
  } else if (summary === undefined) {
    lines.push('recap: the master wrote no summary (it was stopped before the end of the run, or could not start)');
  } else {
    const total = summary.total;
    lines.push(`recap: ${summary.verdict === 'pass' ? 'PASS' : 'FAIL'} (exit code ${summary.exitCode}): ${total.requests} requests, ${total.failures} failed, ${Number(total.requestsPerSecond.toFixed(1))} requests/s, average ${Number(total.averageMs.toFixed(1))} ms, p95 ${Number(total.p95Ms.toFixed(1))} ms`);
    for (const threshold of summary.thresholds ?? []) lines.push(thresholdLine(threshold));
    if (summary.thresholds === undefined && summary.exitCode !== 0 && total.failures > 0) lines.push('  no thresholds: Locust fails a run in which any request failed');
    const regression = summary.regression;
    if (regression !== undefined) {
      if (regression.error !== undefined) lines.push(`  regression: the baseline${regression.baseline === null ? '' : ` ${regression.baseline}`} could not be compared: FAIL`);
      else if (regression.baseline === null) lines.push('  regression: no baseline yet, nothing to compare: pass');
      else {
        const breaches = regression.checks.filter((check) => !check.passed);
        lines.push(`  regression against ${shownPath(regression.baseline)}: ${regression.checks.length - breaches.length} of ${regression.checks.length} checks within their limits: ${breaches.length === 0 ? 'pass' : 'FAIL'}`);
        for (const check of regression.checks) lines.push(`  regression: ${describeCheck(check)}: ${check.passed ? 'pass' : 'FAIL'}`);
      }
    }
  }
  // The folder of a test with its own reports is where they were copied to.
  lines.push(reports.folder === undefined ? 'recap: reports not kept (--no-reports)' : `recap: reports in ${shownPath(reports.folder)}`);
  return lines;
}
