import { DEFAULT_REGRESSION_LIMITS, RegressionConfig, RegressionLimits } from './regression-limits';
import { RegressionCheck, RegressionMetric, RunSummary, SummaryFigures } from './summary';

/**
 * The regression rules, as the master's module applies them (`regression-python.ts`): for every
 * row both runs have (all requests, then each endpoint in the new run's order), the average and
 * p95 may rise and requests per second fall by at most a percentage of the baseline, and the fail
 * ratio may rise by at most some percentage points. A metric whose baseline is 0 has no
 * percentage and is not compared.
 */

/** The row of all requests, as Locust names it. */
export const TOTAL_ROW = 'Aggregated';

interface MetricRule {
  readonly metric: RegressionMetric;
  /** How the metric is named in sentences. */
  readonly name: string;
  readonly limit: keyof RegressionLimits;
  /** Which way is worse: up in percent, down in percent, or up in percentage points. */
  readonly direction: 'up' | 'down' | 'points';
}

export const REGRESSION_RULES: readonly MetricRule[] = [
  { metric: 'averageMs', name: 'average', limit: 'maxAverageIncreasePercent', direction: 'up' },
  { metric: 'p95Ms', name: 'p95', limit: 'maxP95IncreasePercent', direction: 'up' },
  { metric: 'requestsPerSecond', name: 'requests per second', limit: 'maxRequestsPerSecondDecreasePercent', direction: 'down' },
  { metric: 'failRatio', name: 'fail ratio', limit: 'maxFailRatioIncreasePoints', direction: 'points' },
];

/** Python's round(value, 6): the error of binary fractions gone. */
function withinFloatNoise(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Python's round(value, 3) for the values a check holds, as the module writes them. */
function rounded(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The rows both runs have, each with its baseline figures, its new figures and its own limits. */
function pairedRows(baseline: RunSummary, current: RunSummary, config: RegressionConfig): Array<{ key: string; base: SummaryFigures; now: SummaryFigures; own: RegressionLimits }> {
  const before = new Map(baseline.endpoints.map((row) => [`${row.method} ${row.name}`, row]));
  const rows = [{ key: TOTAL_ROW, base: baseline.total, now: current.total, own: config.total ?? {} }];
  for (const row of current.endpoints) {
    const key = `${row.method} ${row.name}`;
    const base = before.get(key);
    if (base !== undefined) rows.push({ key, base, now: row, own: config.endpoints?.[key] ?? {} });
  }
  return rows;
}

/** Compares a run with its baseline: one check per limited metric of every row both have. */
export function compareWithBaseline(baseline: RunSummary, current: RunSummary, config: RegressionConfig = { limits: DEFAULT_REGRESSION_LIMITS }): RegressionCheck[] {
  const checks: RegressionCheck[] = [];
  for (const { key, base, now, own } of pairedRows(baseline, current, config)) {
    for (const rule of REGRESSION_RULES) {
      const limit = own[rule.limit] ?? config.limits[rule.limit];
      const [old, value] = [base[rule.metric], now[rule.metric]];
      if (rule.direction !== 'points' && old === 0) continue;
      // Rounded before it meets the limit, so that 1% to 2% is exactly 1 point and a limit holds inclusively.
      const change = withinFloatNoise(rule.direction === 'points' ? (value - old) * 100 : ((value - old) / old) * 100);
      const breached = rule.direction === 'down' ? -change > limit : change > limit;
      checks.push({ endpoint: key, metric: rule.metric, baseline: old, value, change: rounded(change), limit, passed: !breached });
    }
  }
  return checks;
}

/** `%.Nf` without trailing zeros, as the module prints numbers. */
export function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A metric's value with its unit: `412 ms`, `3.12%`, `48.5` requests per second. */
export function amount(metric: RegressionMetric, value: number): string {
  if (metric === 'failRatio') return `${fixed(value * 100, 2)}%`;
  if (metric === 'requestsPerSecond') return fixed(value, 1);
  return `${fixed(value, 1)} ms`;
}

function ruleOf(metric: RegressionMetric): MetricRule {
  return REGRESSION_RULES.find((rule) => rule.metric === metric)!;
}

/** The change as a person reads it: `+37.3%`, `-12%`, `+2.5 points`. */
export function changeText(check: RegressionCheck): string {
  const sign = check.change >= 0 ? '+' : '-';
  if (ruleOf(check.metric).direction === 'points') return `${sign}${fixed(Math.abs(check.change), 2)} point${Math.abs(check.change) === 1 ? '' : 's'}`;
  return `${sign}${fixed(Math.abs(check.change), 1)}%`;
}

/** The limit as a person reads it: `+20%`, `-10%`, `+1 point`. */
export function limitText(check: RegressionCheck): string {
  const direction = ruleOf(check.metric).direction;
  if (direction === 'points') return `+${fixed(check.limit, 2)} point${check.limit === 1 ? '' : 's'}`;
  return `${direction === 'up' ? '+' : '-'}${fixed(check.limit, 2)}%`;
}

/** `p95 of GET /checkout 412 ms is 37.3% above the baseline 300 ms (at most +20%)`, word for word as the master logs it. */
export function describeCheck(check: RegressionCheck): string {
  const rule = ruleOf(check.metric);
  const where = check.change >= 0 ? 'above' : 'below';
  const size = rule.direction === 'points'
    ? `${fixed(Math.abs(check.change), 2)} point${Math.abs(check.change) === 1 ? '' : 's'}`
    : `${fixed(Math.abs(check.change), 1)}%`;
  const endpoint = check.endpoint === TOTAL_ROW ? 'all requests' : check.endpoint;
  return `${rule.name} of ${endpoint} ${amount(check.metric, check.value)} is ${size} ${where} the baseline ${amount(check.metric, check.baseline)} (at most ${limitText(check)})`;
}
