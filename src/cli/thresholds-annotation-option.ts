import { Problem } from '../core/problems';
import { CheckedThresholds, Thresholds } from '../verdict/thresholds';
import { parseThresholdsAnnotation, THRESHOLDS_ANNOTATION } from '../verdict/thresholds-annotation';

/** The thresholds of the `cdk8s-locust/thresholds` annotation's value, if there is one. */
export function thresholdsOfAnnotation(text: unknown): { thresholds?: Thresholds; problems: Problem[] } {
  if (text === undefined) return { problems: [] };
  if (typeof text !== 'string') {
    return { problems: [{ path: `metadata.annotations["${THRESHOLDS_ANNOTATION}"]`, message: 'must be a string', value: text, fix: 'quote it, e.g. "fail-ratio<=0.01, p95<=800ms"' }] };
  }
  const parsed = parseThresholdsAnnotation(text);
  // Read and checked here once; the construct takes the numbers as they are.
  return parsed.json ? { thresholds: new CheckedThresholds(parsed.json), problems: [] } : { problems: parsed.problems };
}
