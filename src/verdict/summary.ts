import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parse as parseCsv } from 'csv-parse/sync';

/** A run's figures over all requests, or over one endpoint. Times in milliseconds. */
export interface SummaryFigures {
  /** Requests made, failed ones included. */
  readonly requests: number;
  /** Requests that failed. */
  readonly failures: number;
  /** failures / requests, 0 to 1. */
  readonly failRatio: number;
  /** Requests per second over the whole run. */
  readonly requestsPerSecond: number;
  /** Average response time, in milliseconds. */
  readonly averageMs: number;
  /** Median response time, in milliseconds. */
  readonly medianMs: number;
  /** 95th percentile response time, in milliseconds. */
  readonly p95Ms: number;
  /** 99th percentile response time, in milliseconds. */
  readonly p99Ms: number;
}

/** One endpoint's figures: Locust's request type (the HTTP method) and name. */
export interface SummaryEndpoint extends SummaryFigures {
  /** Locust's request type: the HTTP method for HTTP users. */
  readonly method: string;
  /** The request's name: its path, or the `name` the locustfile gave it. */
  readonly name: string;
}

/** One threshold as the master judged it: `fail-ratio`, `avg`, `rps` or a percentile such as `p95`. */
export interface SummaryThreshold {
  /** `fail-ratio`, `avg`, `rps` or a percentile such as `p95`. */
  readonly name: string;
  /** What the run measured: a ratio, milliseconds, or requests per second. */
  readonly value: number;
  /** The threshold's limit, in the value's unit. */
  readonly limit: number;
  /** Whether the value is within the limit. */
  readonly passed: boolean;
}

/** A metric the regression gate compares. */
export type RegressionMetric = 'averageMs' | 'p95Ms' | 'requestsPerSecond' | 'failRatio';

/** One comparison with the baseline: `change` is in percent of the baseline (percentage points for the fail ratio). */
export interface RegressionCheck {
  /** `METHOD name`, or `Aggregated` for all requests. */
  readonly endpoint: string;
  /** The figure compared. */
  readonly metric: RegressionMetric;
  /** The baseline's value. */
  readonly baseline: number;
  /** This run's value. */
  readonly value: number;
  /** In percent of the baseline; in percentage points for the fail ratio. */
  readonly change: number;
  /** The largest change allowed, in the change's unit (a decrease for requests per second). */
  readonly limit: number;
  /** Whether the change is within the limit. */
  readonly passed: boolean;
}

/** The comparison of a run with its baseline. */
export interface SummaryRegression {
  /** The baseline's file; null when there was none yet. */
  readonly baseline: string | null;
  /** The baseline's run id. @default - the baseline has none, or there is no baseline */
  readonly baselineRunId?: string;
  /** When the baseline's run ended. @default - there is no baseline */
  readonly baselineEndTime?: string;
  /** Why the baseline could not be compared. @default - it could */
  readonly error?: string;
  /** One check per limited metric of every row both runs have. */
  readonly checks: readonly RegressionCheck[];
}

/** What one run measured and how it was judged: the `<report name>.summary.json` the master writes. */
export interface RunSummary {
  /** Version of the layout. */
  readonly summaryVersion: 1;
  /** The LocustTest's name. */
  readonly test: string;
  /** @default - the test has no run id */
  readonly runId?: string;
  /** The version of the Locust that ran the master. */
  readonly locustVersion: string;
  /** When the stats began, UTC, e.g. `2026-12-01T02:00:31Z`. */
  readonly startTime: string;
  /** When the master ended the run, UTC. */
  readonly endTime: string;
  /** `pass` exactly when the master exits 0. */
  readonly verdict: 'pass' | 'fail';
  /** The master's exit code. */
  readonly exitCode: number;
  /** @default - the test has no thresholds */
  readonly thresholds?: readonly SummaryThreshold[];
  /** @default - the test names no baseline */
  readonly regression?: SummaryRegression;
  /** The figures of all requests together. */
  readonly total: SummaryFigures;
  /** The figures of each endpoint, sorted by name, then method. */
  readonly endpoints: readonly SummaryEndpoint[];
}

/** The file name of the summary's JSON Schema, shipped in the package's `schema/` folder. */
export const SUMMARY_SCHEMA_FILE = 'summary.schema.json';

/** The path of the summary's JSON Schema in the installed package, found by walking up from this file. */
export function summarySchemaPath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schema', SUMMARY_SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`the package's schema/${SUMMARY_SCHEMA_FILE} is missing; reinstall cdk8s-locust`);
  }
}

let validator: ValidateFunction | undefined;

/** The problems of a value against the summary schema, one sentence each; empty when it is a summary. */
export function summarySchemaErrors(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(summarySchemaPath(), 'utf8')));
  if (validator(value)) return [];
  return (validator.errors ?? []).map(describeSchemaError);
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the summary' : error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') return `${where} has the unknown field ${String((error.params as { additionalProperty: string }).additionalProperty)}`;
  return `${where} ${error.message ?? 'is not valid'}`;
}

/** A summary read from a file, or why it cannot be. */
export type SummaryRead = {
  /** The run. */
  readonly summary: RunSummary;
  /** Read from Locust's `_stats.csv`: figures only, no verdict or times. */
  readonly fromStatsCsv: boolean;
} | {
  /** What is wrong with the file, e.g. `does not exist`. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
};

/**
 * Reads a run's figures from a summary (`*.summary.json`) or from Locust's own `*_stats.csv`, so
 * that reports kept before summaries existed can be compared too. A CSV gives figures only: no
 * verdict, thresholds or times.
 */
export function readSummaryFile(file: string): SummaryRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${String(code ?? error)})`, fix: 'give a <name>.summary.json or <name>_stats.csv file of a run' };
  }
  if (file.endsWith('.csv')) return statsCsvSummary(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `is not JSON (${(error as Error).message})`, fix: 'give a summary written by the master, or Locust\'s _stats.csv' };
  }
  const errors = summarySchemaErrors(value);
  if (errors.length > 0) return { problem: `is not a run summary: ${errors.slice(0, 3).join('; ')}`, fix: 'give a summary written by the master (see schema/summary.schema.json), or Locust\'s _stats.csv' };
  return { summary: value as RunSummary, fromStatsCsv: false };
}

/** Locust's `_stats.csv` columns the figures come from; the names are the same from 2.12 to 2.46. */
const CSV_COLUMNS = ['Type', 'Name', 'Request Count', 'Failure Count', 'Median Response Time', 'Average Response Time', 'Requests/s', '95%', '99%'];

function statsCsvSummary(text: string): SummaryRead {
  let rows: string[][];
  try {
    rows = parseCsv(text, { relaxColumnCount: true }) as string[][];
  } catch (error) {
    return { problem: `is not CSV (${(error as Error).message})`, fix: 'give the <name>_stats.csv that --csv=<name> writes, or a summary' };
  }
  const header = rows[0] ?? [];
  const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) return { problem: `is not Locust's _stats.csv: it has no column ${missing.map((column) => JSON.stringify(column)).join(', ')}`, fix: 'give the <name>_stats.csv that --csv=<name> writes, or a summary' };
  const column = (row: string[], name: string) => row[header.indexOf(name)] ?? '';
  const number = (value: string) => (value === '' || value === 'N/A' ? 0 : Number(value));
  const figures = (row: string[]): SummaryFigures => {
    const requests = number(column(row, 'Request Count'));
    const failures = number(column(row, 'Failure Count'));
    return {
      requests,
      failures,
      failRatio: requests === 0 ? 0 : Number((failures / requests).toFixed(6)),
      requestsPerSecond: Number(number(column(row, 'Requests/s')).toFixed(3)),
      averageMs: Number(number(column(row, 'Average Response Time')).toFixed(3)),
      medianMs: number(column(row, 'Median Response Time')),
      p95Ms: number(column(row, '95%')),
      p99Ms: number(column(row, '99%')),
    };
  };
  const body = rows.slice(1).filter((row) => row.length > 1);
  const total = body.find((row) => column(row, 'Name') === 'Aggregated' && column(row, 'Type') === '');
  if (total === undefined) return { problem: 'has no Aggregated row', fix: 'give the whole _stats.csv of a run' };
  const endpoints = body.filter((row) => row !== total).map((row) => ({ method: column(row, 'Type'), name: column(row, 'Name'), ...figures(row) }))
    .sort((a, b) => (a.name === b.name ? compareText(a.method, b.method) : compareText(a.name, b.name)));
  const summary: RunSummary = {
    summaryVersion: 1,
    test: 'locust',
    locustVersion: 'unknown',
    startTime: '1970-01-01T00:00:00Z',
    endTime: '1970-01-01T00:00:00Z',
    verdict: 'pass',
    exitCode: 0,
    total: figures(total),
    endpoints,
  };
  return { summary, fromStatsCsv: true };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
