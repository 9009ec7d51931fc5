import { thresholdsOfAnnotation } from '../../src/cli/thresholds-annotation-option';
import { CheckedThresholds } from '../../src/verdict/thresholds';

describe('thresholdsOfAnnotation', () => {
  test('gives no thresholds and no problem without the annotation', () => {
    expect(thresholdsOfAnnotation(undefined)).toEqual({ problems: [] });
  });

  test('reads the annotation once into checked thresholds', () => {
    const { thresholds, problems } = thresholdsOfAnnotation('fail-ratio<=0.01, p95<=800ms');
    expect(problems).toEqual([]);
    expect(thresholds).toBeInstanceOf(CheckedThresholds);
    expect((thresholds as CheckedThresholds).json).toEqual({ maxFailRatio: 0.01, maxResponseTimePercentiles: [{ percentile: 0.95, maxMs: 800 }] });
  });

  test('fails with the parser\'s problems for text it cannot read', () => {
    const { thresholds, problems } = thresholdsOfAnnotation('p95 800ms');
    expect(thresholds).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ path: 'metadata.annotations["cdk8s-locust/thresholds"]' })]);
  });

  test.each([5, true, { avg: '1s' }])('fails when the annotation is not a string (%p)', (value) => {
    expect(thresholdsOfAnnotation(value)).toEqual({ problems: [{
      path: 'metadata.annotations["cdk8s-locust/thresholds"]',
      message: 'must be a string',
      value,
      fix: 'quote it, e.g. "fail-ratio<=0.01, p95<=800ms"',
    }] });
  });
});
