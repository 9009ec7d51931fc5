import { Duration } from 'cdk8s';

/**
 * A length of time as users write it: a cdk8s `Duration`, or a string as in YAML, Prometheus and
 * Locust, whole numbers each with a unit among `ms`, `s`, `m`, `h` and `d`: `'15s'`, `'1m30s'`,
 * `'800ms'`. Strings are read at synth, and a bad one is reported with its field.
 */
export type DurationLike = Duration | string;

const UNIT_MILLIS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

/**
 * The milliseconds a value stands for: a Duration (also of another copy of cdk8s, read by its
 * method as it always was) or a string as above; undefined for anything else.
 */
export function durationMillis(value: unknown): number | undefined {
  if (typeof value === 'string') {
    if (!WHOLE.test(value)) return undefined;
    let millis = 0;
    for (const [, amount, unit] of value.matchAll(PART)) millis += Number(amount) * UNIT_MILLIS[unit];
    return Number.isSafeInteger(millis) ? millis : undefined;
  }
  const duration = value as { toMilliseconds?: (options: { integral: boolean }) => unknown } | undefined;
  if (typeof duration !== 'object' || typeof duration?.toMilliseconds !== 'function') return undefined;
  try {
    const millis = duration.toMilliseconds({ integral: false });
    return typeof millis === 'number' && !Number.isNaN(millis) ? millis : undefined;
  } catch {
    return undefined;
  }
}

/** The `Duration` a value stands for, or undefined when it is neither a Duration nor such a string. */
export function durationOf(value: unknown): Duration | undefined {
  if (value instanceof Duration) return value;
  const millis = durationMillis(value);
  return millis === undefined || millis < 0 || !Number.isFinite(millis) ? undefined : Duration.millis(millis);
}

/** How a bad duration is fixed, for the problem that names its field. */
export const DURATION_FIX = "write a Duration (Duration.seconds(15)) or a time such as '15s', '1m30s' or '800ms'";
