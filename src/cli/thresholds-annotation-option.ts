import { Duration } from 'cdk8s';
import { Problem } from '../core/problems';
import { Thresholds, ThresholdsJson } from '../verdict/thresholds';
import { parseThresholdsAnnotation, THRESHOLDS_ANNOTATION } from '../verdict/thresholds-annotation';

/** The thresholds of the `cdk8s-locust/thresholds` annotation's value, if there is one. */
export function thresholdsOfAnnotation(text: unknown): { thresholds?: Thresholds; problems: Problem[] } {
  if (text === undefined) return { problems: [] };
  if (typeof text !== 'string') {
    return { problems: [{ path: `metadata.annotations["${THRESHOLDS_ANNOTATION}"]`, message: 'must be a string', value: text, fix: 'quote it, e.g. "fail-ratio<=0.01, p95<=800ms"' }] };
  }
  const parsed = parseThresholdsAnnotation(text);
  return parsed.json ? { thresholds: typedThresholds(parsed.json), problems: [] } : { problems: parsed.problems };
}

/** The annotation's checked numbers as the typed prop, which the construct checks again. */
function typedThresholds(json: ThresholdsJson): Thresholds {
  return {
    maxFailRatio: json.maxFailRatio,
    maxAverageResponseTime: json.maxAverageResponseTimeMs === undefined ? undefined : Duration.millis(json.maxAverageResponseTimeMs),
    maxResponseTimePercentiles: json.maxResponseTimePercentiles?.map((entry) => ({ percentile: entry.percentile, max: Duration.millis(entry.maxMs) })),
    minRequestsPerSecond: json.minRequestsPerSecond,
  };
}
