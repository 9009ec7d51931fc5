import { Duration } from 'cdk8s';
import { DURATION_FIX, DurationLike, durationMillis } from '../core/duration';
import { Problem } from '../core/problems';

/** A bound on one response time percentile over the whole run. */
export interface PercentileThreshold {
  /** The percentile as a fraction strictly between 0 and 1, e.g. `0.95` for p95. */
  readonly percentile: number;
  /** The longest response time allowed at that percentile: `Duration.millis(800)` or `'800ms'`. */
  readonly max: DurationLike;
}

/**
 * Pass/fail limits the master judges when the test ends, over the whole run's totals (Locust's
 * "Aggregated" row). A breach makes the master exit 1, so its Job fails; when every limit holds
 * it exits 0, even if some requests failed within `maxFailRatio`. A run that made no request at
 * all has nothing to judge and fails.
 */
export interface Thresholds {
  /** Largest share of failed requests, failures / requests, between 0 and 1. @default - no limit */
  readonly maxFailRatio?: number;
  /** Longest average response time: `Duration.millis(300)` or `'300ms'`. @default - no limit */
  readonly maxAverageResponseTime?: DurationLike;
  /** Longest response times at given percentiles. @default - no limit */
  readonly maxResponseTimePercentiles?: PercentileThreshold[];
  /** Fewest requests per second, over the whole run. @default - no limit */
  readonly minRequestsPerSecond?: number;
}

/** The thresholds in plain numbers (milliseconds), as the master reads them from its environment. */
export interface ThresholdsJson {
  /** Largest share of failed requests, 0 to 1. @default - no limit */
  readonly maxFailRatio?: number;
  /** Longest average response time, in milliseconds. @default - no limit */
  readonly maxAverageResponseTimeMs?: number;
  /** Longest response times at percentiles, in milliseconds. @default - no limit */
  readonly maxResponseTimePercentiles?: ReadonlyArray<PercentileThresholdJson>;
  /** Fewest requests per second over the whole run. @default - no limit */
  readonly minRequestsPerSecond?: number;
}

/** A percentile bound in plain numbers. */
export interface PercentileThresholdJson {
  /** The percentile as a fraction strictly between 0 and 1. */
  readonly percentile: number;
  /** The longest response time allowed there, in milliseconds. */
  readonly maxMs: number;
}

/** Thresholds read and checked: the numbers when there is no problem, else the problems. */
export interface ResolvedThresholds {
  /** The thresholds in numbers; set only when `problems` is empty. @default - none, on a problem */
  readonly json?: ThresholdsJson;
  /** Everything wrong, each naming its field. */
  readonly problems: Problem[];
}

/**
 * Thresholds whose numbers were read and checked already, by the command line from a LocustTest's
 * annotation. The construct takes their numbers as they are: converting them to Durations and
 * back, and checking them a second time, could only repeat what was done.
 */
export class CheckedThresholds implements Thresholds {
  constructor(public readonly json: ThresholdsJson) {}

  public get maxFailRatio(): number | undefined {
    return this.json.maxFailRatio;
  }

  public get maxAverageResponseTime(): Duration | undefined {
    const millis = this.json.maxAverageResponseTimeMs;
    return millis === undefined ? undefined : Duration.millis(millis);
  }

  public get maxResponseTimePercentiles(): PercentileThreshold[] | undefined {
    return this.json.maxResponseTimePercentiles?.map((entry) => ({ percentile: entry.percentile, max: Duration.millis(entry.maxMs) }));
  }

  public get minRequestsPerSecond(): number | undefined {
    return this.json.minRequestsPerSecond;
  }
}

/** Converts and checks the typed thresholds; `json` is set only when there is no problem. */
export function resolveThresholds(thresholds: unknown, path = 'thresholds'): ResolvedThresholds {
  if (thresholds instanceof CheckedThresholds) return { json: thresholds.json, problems: [] };
  if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
    return { problems: [{ path, message: 'must be an object of thresholds', value: thresholds, fix: 'set e.g. { maxFailRatio: 0.01 }' }] };
  }
  const given = thresholds as Record<string, unknown>;
  const problems: Problem[] = [];
  const json: Record<string, unknown> = {};
  if (given.maxFailRatio !== undefined) json.maxFailRatio = given.maxFailRatio;
  if (given.maxAverageResponseTime !== undefined) {
    json.maxAverageResponseTimeMs = millisOf(given.maxAverageResponseTime, `${path}.maxAverageResponseTime`, problems);
  }
  if (given.maxResponseTimePercentiles !== undefined) {
    const list = given.maxResponseTimePercentiles;
    if (!Array.isArray(list)) {
      problems.push({ path: `${path}.maxResponseTimePercentiles`, message: 'must be a list of { percentile, max }', value: list, fix: 'set e.g. [{ percentile: 0.95, max: Duration.millis(800) }]' });
    } else {
      json.maxResponseTimePercentiles = list.map((entry: unknown, index) => {
        const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
        return { percentile: item.percentile, maxMs: millisOf(item.max, `${path}.maxResponseTimePercentiles[${index}].max`, problems) };
      });
    }
  }
  if (given.minRequestsPerSecond !== undefined) json.minRequestsPerSecond = given.minRequestsPerSecond;
  problems.push(...validateThresholdsJson(json, path, TYPED_NAMES));
  return problems.length > 0 ? { problems } : { json: json as ThresholdsJson, problems };
}

/** How a threshold is named in messages: the typed props' field names, or the annotation's. */
export interface ThresholdNames {
  readonly failRatio: string;
  readonly average: string;
  readonly percentile: (index: number) => string;
  readonly percentileMax: (index: number) => string;
  readonly rps: string;
}

const TYPED_NAMES: ThresholdNames = {
  failRatio: 'maxFailRatio',
  average: 'maxAverageResponseTime',
  percentile: (index) => `maxResponseTimePercentiles[${index}].percentile`,
  percentileMax: (index) => `maxResponseTimePercentiles[${index}].max`,
  rps: 'minRequestsPerSecond',
};

/**
 * The one check of thresholds in numbers, whether they came from the props or from the
 * annotation of a LocustTest resource. Durations are already milliseconds here (NaN when they
 * could not be read, which the conversion has reported).
 */
export function validateThresholdsJson(json: ThresholdsJson, path: string, names: ThresholdNames): Problem[] {
  const problems: Problem[] = [];
  const field = (name: string) => `${path}.${name}`;
  const percentiles = json.maxResponseTimePercentiles ?? [];
  const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  if (json.maxFailRatio === undefined && json.maxAverageResponseTimeMs === undefined && percentiles.length === 0 && json.minRequestsPerSecond === undefined) {
    problems.push({ path, message: 'sets no threshold', value: json, fix: 'set at least one of maxFailRatio, maxAverageResponseTime, maxResponseTimePercentiles, minRequestsPerSecond, or drop thresholds' });
  }
  if (json.maxFailRatio !== undefined && !(isNumber(json.maxFailRatio) && json.maxFailRatio >= 0 && json.maxFailRatio <= 1)) {
    problems.push({ path: field(names.failRatio), message: 'must be a ratio between 0 and 1', value: json.maxFailRatio, fix: 'write the share of failed requests allowed, e.g. 0.01 for 1%' });
  }
  const checkMillis = (value: unknown, name: string) => {
    if (isNumber(value) && value < 0) problems.push({ path: field(name), message: 'must not be a negative duration', value: `${value}ms`, fix: 'give the longest response time allowed, e.g. 800ms' });
  };
  checkMillis(json.maxAverageResponseTimeMs, names.average);
  const seen = new Map<number, number>();
  percentiles.forEach((entry, index) => {
    if (!(isNumber(entry.percentile) && entry.percentile > 0 && entry.percentile < 1)) {
      problems.push({ path: field(names.percentile(index)), message: 'must be a fraction strictly between 0 and 1', value: entry.percentile, fix: 'write e.g. 0.95 for p95, 0.999 for p99.9' });
    } else if (seen.has(entry.percentile)) {
      problems.push({ path: field(names.percentile(index)), message: `repeats the percentile of ${names.percentile(seen.get(entry.percentile)!)}`, value: entry.percentile, fix: 'keep one limit per percentile' });
    } else {
      seen.set(entry.percentile, index);
    }
    checkMillis(entry.maxMs, names.percentileMax(index));
  });
  if (json.minRequestsPerSecond !== undefined && !(isNumber(json.minRequestsPerSecond) && json.minRequestsPerSecond >= 0)) {
    problems.push({ path: field(names.rps), message: 'must be a number of requests per second, 0 or more', value: json.minRequestsPerSecond, fix: 'write e.g. 50' });
  }
  return problems;
}

/** Milliseconds of a cdk8s Duration or a time such as `'800ms'`, or NaN with a problem when it is neither. */
function millisOf(value: unknown, path: string, problems: Problem[]): number {
  const millis = durationMillis(value);
  if (millis !== undefined) return millis;
  problems.push({ path, message: 'must be a duration', value, fix: DURATION_FIX });
  return Number.NaN;
}

/**
 * The thresholds as the master's environment variable carries them: compact JSON, keys in a fixed
 * order, so the same thresholds always give the same bytes.
 */
export function thresholdsEnvValue(json: ThresholdsJson): string {
  const ordered: Record<string, unknown> = {};
  if (json.maxFailRatio !== undefined) ordered.maxFailRatio = json.maxFailRatio;
  if (json.maxAverageResponseTimeMs !== undefined) ordered.maxAverageResponseTimeMs = json.maxAverageResponseTimeMs;
  if (json.maxResponseTimePercentiles?.length) {
    ordered.maxResponseTimePercentiles = json.maxResponseTimePercentiles.map((entry) => ({ percentile: entry.percentile, maxMs: entry.maxMs }));
  }
  if (json.minRequestsPerSecond !== undefined) ordered.minRequestsPerSecond = json.minRequestsPerSecond;
  return JSON.stringify(ordered);
}
