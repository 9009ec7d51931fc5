import { Problem } from '../core/problems';
import { RegressionBaseline, RegressionOptions } from './regression-baseline';
import { RegressionLimits } from './regression-limits';

/**
 * Annotations of a LocustTest resource that give it the construct's `regression` for the
 * command line: the baseline (`reports`, or a summary file relative to the folder the command
 * runs in) and, optionally, the limits of every row in the words the gate prints them.
 */
export const BASELINE_ANNOTATION = 'cdk8s-locust/baseline';
export const REGRESSION_LIMITS_ANNOTATION = 'cdk8s-locust/regression-limits';

const path = (key: string) => `metadata.annotations["${key}"]`;
const SYNTAX = 'entries separated by commas: avg +PERCENT%, p95 +PERCENT%, rps -PERCENT%, fail-ratio +POINTS (e.g. "avg +20%, p95 +20%, rps -10%, fail-ratio +1")';
const ENTRY = /^(avg|p95|rps|fail-ratio)\s+([+-])(\d+(?:\.\d+)?)\s*(%|points?)?$/;
const KEYS: Record<string, { key: keyof RegressionLimits; sign: '+' | '-'; unit: '%' | 'points' }> = {
  'avg': { key: 'maxAverageIncreasePercent', sign: '+', unit: '%' },
  'p95': { key: 'maxP95IncreasePercent', sign: '+', unit: '%' },
  'rps': { key: 'maxRequestsPerSecondDecreasePercent', sign: '-', unit: '%' },
  'fail-ratio': { key: 'maxFailRatioIncreasePoints', sign: '+', unit: 'points' },
};

/** The regression option the two annotations ask for, or the problems with them. */
export function regressionOfAnnotations(annotations: Readonly<Record<string, unknown>>): { regression?: RegressionOptions; problems: Problem[] } {
  const baseline = annotations[BASELINE_ANNOTATION];
  const limitsText = annotations[REGRESSION_LIMITS_ANNOTATION];
  if (baseline === undefined) {
    if (limitsText === undefined) return { problems: [] };
    return { problems: [{ path: path(REGRESSION_LIMITS_ANNOTATION), message: 'needs a baseline to compare with', value: limitsText, fix: `add ${BASELINE_ANNOTATION}: reports (the newest passing summary in the reports volume) or a summary file` }] };
  }
  if (typeof baseline !== 'string' || baseline.trim() === '') {
    return { problems: [{ path: path(BASELINE_ANNOTATION), message: 'must be "reports" or the path of a summary file', value: baseline, fix: 'write e.g. reports, or baselines/checkout.summary.json' }] };
  }
  const problems: Problem[] = [];
  const limits: Record<string, number> = {};
  if (limitsText !== undefined) {
    const entries = typeof limitsText === 'string' ? limitsText.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '') : [];
    if (entries.length === 0) problems.push({ path: path(REGRESSION_LIMITS_ANNOTATION), message: 'sets no limit', value: limitsText, fix: `write ${SYNTAX}, or remove the annotation` });
    for (const entry of entries) {
      const match = ENTRY.exec(entry);
      const rule = match ? KEYS[match[1]] : undefined;
      if (!match || !rule || match[2] !== rule.sign || (rule.unit === '%') !== (match[4] === '%')) {
        problems.push({ path: path(REGRESSION_LIMITS_ANNOTATION), message: 'has an entry that is not a limit', value: entry, fix: `write ${SYNTAX}` });
        continue;
      }
      if (limits[rule.key] !== undefined) {
        problems.push({ path: path(REGRESSION_LIMITS_ANNOTATION), message: 'gives a limit twice', value: entry, fix: `keep one ${match[1]} entry` });
        continue;
      }
      limits[rule.key] = Number(match[3]);
    }
  }
  if (problems.length > 0) return { problems };
  const source = baseline.trim() === 'reports' ? RegressionBaseline.fromReports() : RegressionBaseline.fromFile(baseline.trim());
  return { regression: { baseline: source, ...(Object.keys(limits).length > 0 ? { limits } : {}) }, problems };
}
