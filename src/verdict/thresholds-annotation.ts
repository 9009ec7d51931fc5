import { Problem } from '../core/problems';
import { ResolvedThresholds, ThresholdsJson, validateThresholdsJson } from './thresholds';

/**
 * Annotation of a LocustTest custom resource that carries its thresholds for the command line,
 * e.g. `fail-ratio<=0.01, avg<=300ms, p95<=800ms, rps>=50`. Same prefix as the run id annotation,
 * for the same reason: it is not a DNS domain anyone owns.
 */
export const THRESHOLDS_ANNOTATION = 'cdk8s-locust/thresholds';

const PATH = `metadata.annotations["${THRESHOLDS_ANNOTATION}"]`;
const SYNTAX = 'entries separated by commas: fail-ratio<=RATIO, avg<=DURATION, pNN<=DURATION (e.g. p95, p99.9), rps>=NUMBER; durations in ms, s or m (e.g. 800ms, 1.5s)';
const ENTRY = /^(fail-ratio|avg|rps|p[^<>=\s]*)\s*(<=|>=)\s*(\S+)$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const DURATION = /^(-?\d+(?:\.\d+)?)(ms|s|m)$/;
const UNIT_MILLIS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/**
 * Reads the thresholds annotation into the numbers the master judges, checked by the same rules
 * as the typed `thresholds` prop. Every problem names the annotation and the entry.
 */
export function parseThresholdsAnnotation(text: string): ResolvedThresholds {
  const problems: Problem[] = [];
  const json: { maxFailRatio?: number; maxAverageResponseTimeMs?: number; minRequestsPerSecond?: number } = {};
  const percentiles: Array<{ percentile: number; maxMs: number }> = [];
  const labels: string[] = [];
  const seen = new Set<string>();
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry === '')) {
    return { problems: [{ path: PATH, message: 'sets no threshold', value: text, fix: `write ${SYNTAX}, or remove the annotation` }] };
  }
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) {
      problems.push({ path: PATH, message: 'has an entry that is not NAME<=LIMIT or rps>=LIMIT', value: entry, fix: `write ${SYNTAX}` });
      continue;
    }
    const [, name, operator, limit] = match;
    const bad = (message: string, fix = `write ${SYNTAX}`) => problems.push({ path: `${PATH}.${name}`, message, value: entry, fix });
    const wanted = name === 'rps' ? '>=' : '<=';
    if (operator !== wanted) {
      bad(`must be written ${name}${wanted}LIMIT`);
      continue;
    }
    if (seen.has(name)) {
      bad('is given twice', 'keep one limit per threshold');
      continue;
    }
    seen.add(name);
    if (name === 'fail-ratio' || name === 'rps') {
      if (!NUMBER.test(limit)) {
        bad(name === 'rps' ? 'needs a number of requests per second' : 'needs a ratio between 0 and 1', name === 'rps' ? 'write e.g. rps>=50' : 'write e.g. fail-ratio<=0.01');
        continue;
      }
      if (name === 'rps') json.minRequestsPerSecond = Number(limit);
      else json.maxFailRatio = Number(limit);
      continue;
    }
    const duration = DURATION.exec(limit);
    if (!duration) {
      bad('needs a duration with its unit', `write e.g. ${name}<=800ms or ${name}<=1.5s`);
      continue;
    }
    const millis = Number(duration[1]) * UNIT_MILLIS[duration[2]];
    if (name === 'avg') {
      json.maxAverageResponseTimeMs = millis;
      continue;
    }
    const digits = name.slice(1);
    const percent = Number(digits);
    if (!NUMBER.test(digits) || !(percent > 0 && percent < 100)) {
      bad('is not a percentile: write p and a number strictly between 0 and 100', 'write e.g. p95<=800ms or p99.9<=2s');
      continue;
    }
    percentiles.push({ percentile: roundFraction(percent / 100), maxMs: millis });
    labels.push(name);
  }
  const parsed: ThresholdsJson = { ...json, ...(percentiles.length ? { maxResponseTimePercentiles: percentiles } : {}) };
  // An annotation whose every entry was refused already says why; "sets no threshold" would only repeat it.
  if (problems.length > 0 && Object.keys(parsed).length === 0) return { problems };
  problems.push(...validateThresholdsJson(parsed, PATH, {
    failRatio: 'fail-ratio',
    average: 'avg',
    percentile: (index) => labels[index],
    percentileMax: (index) => labels[index],
    rps: 'rps',
  }));
  return problems.length > 0 ? { problems } : { json: parsed, problems };
}

/** p99.9 is 0.999, not 0.9990000000000001. */
function roundFraction(value: number): number {
  return Number(value.toPrecision(12));
}
