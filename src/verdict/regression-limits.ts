import { Problem } from '../core/problems';
import { closestName } from '../core/text';

/**
 * How much worse than its baseline a run may be before the gate fails it. Percentages are of the
 * baseline's value; the fail ratio's limit is in percentage points (1 = one failed request in a
 * hundred more than the baseline had).
 */
export interface RegressionLimits {
  /** How far the average response time may rise above the baseline's, in percent. @default 20 */
  readonly maxAverageIncreasePercent?: number;
  /** How far the 95th percentile response time may rise above the baseline's, in percent. @default 20 */
  readonly maxP95IncreasePercent?: number;
  /** How far requests per second may fall below the baseline's, in percent. @default 10 */
  readonly maxRequestsPerSecondDecreasePercent?: number;
  /** How far the fail ratio may rise above the baseline's, in percentage points. @default 1 */
  readonly maxFailRatioIncreasePoints?: number;
}

/** The limits the gate applies when a test names none. */
export const DEFAULT_REGRESSION_LIMITS: Required<RegressionLimits> = {
  maxAverageIncreasePercent: 20,
  maxP95IncreasePercent: 20,
  maxRequestsPerSecondDecreasePercent: 10,
  maxFailRatioIncreasePoints: 1,
};

/** The limits in the form the master reads: every row's, the total's own, and each endpoint's own (keyed `METHOD name`). */
export interface RegressionConfig {
  /** The limits of every row. */
  readonly limits: Required<RegressionLimits>;
  /** Limits of all requests together, over `limits`. @default - `limits` */
  readonly total?: RegressionLimits;
  /** Limits of single endpoints, keyed `METHOD name`, over `limits`. @default - `limits` */
  readonly endpoints?: Readonly<Record<string, RegressionLimits>>;
}

const LIMIT_KEYS = Object.keys(DEFAULT_REGRESSION_LIMITS) as Array<keyof RegressionLimits>;

/** Checks a set of limits: known keys, numbers of at least 0. */
export function validateRegressionLimits(limits: unknown, path: string): Problem[] {
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    return [{ path, message: 'must be an object of limits', value: limits, fix: 'set e.g. { maxP95IncreasePercent: 20 }' }];
  }
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(limits)) {
    if (!(LIMIT_KEYS as string[]).includes(key)) {
      const close = closestName(key, LIMIT_KEYS);
      problems.push({ path: `${path}.${key}`, message: 'is not a regression limit', value, fix: close ? `did you mean ${close}?` : `use one of ${LIMIT_KEYS.join(', ')}` });
      continue;
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push({ path: `${path}.${key}`, message: 'must be a number of at least 0', value, fix: `set e.g. ${key}: ${DEFAULT_REGRESSION_LIMITS[key as keyof RegressionLimits]}` });
    }
  }
  return problems;
}

/** The defaults with `limits` over them, for every row. */
export function withDefaultLimits(limits: RegressionLimits | undefined): Required<RegressionLimits> {
  const merged: Record<string, number> = { ...DEFAULT_REGRESSION_LIMITS };
  for (const key of LIMIT_KEYS) if (limits?.[key] !== undefined) merged[key] = limits[key]!;
  return merged as Required<RegressionLimits>;
}

/** The JSON of the master's `CDK8S_LOCUST_REGRESSION` variable: keys in a fixed order, endpoints sorted. */
export function regressionConfigJson(config: RegressionConfig): string {
  const ordered = (limits: RegressionLimits) => Object.fromEntries(LIMIT_KEYS.filter((key) => limits[key] !== undefined).map((key) => [key, limits[key]]));
  const json: Record<string, unknown> = { limits: ordered(config.limits) };
  if (config.total !== undefined) json.total = ordered(config.total);
  if (config.endpoints !== undefined && Object.keys(config.endpoints).length > 0) {
    json.endpoints = Object.fromEntries(Object.keys(config.endpoints).sort().map((key) => [key, ordered(config.endpoints![key])]));
  }
  return JSON.stringify(json);
}
