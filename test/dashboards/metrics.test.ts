import { EXPORTER_AGGREGATED_ROW, EXPORTER_METRICS, OTEL_METRICS } from '../../src/dashboards/metrics';
import { prometheusNames } from './collector-naming';
import { EXPORTER_DEFINED_NAMES } from './exported-metrics';

describe('OTEL_METRICS', () => {
  test('are the names a Collector gives Locust\'s instruments', () => {
    // GIVEN Locust's two instruments as OTLP carries them
    const users = prometheusNames({ name: 'locust.users.count', unit: '{user}', kind: 'gauge', monotonic: false });
    const duration = prometheusNames({ name: 'locust.client.duration', unit: 's', kind: 'histogram', monotonic: false });

    // THEN the names the dashboards read are among those the Collector writes
    expect(users).toEqual([OTEL_METRICS.users]);
    expect(duration).toContain(OTEL_METRICS.requestDurationBucket);
    expect(duration).toContain(OTEL_METRICS.requestDurationCount);
  });

  test('the bucket and the count are series of one histogram', () => {
    const base = (name: string) => name.replace(/_(bucket|count)$/, '');
    expect(OTEL_METRICS.requestDurationBucket.endsWith('_bucket')).toBe(true);
    expect(OTEL_METRICS.requestDurationCount.endsWith('_count')).toBe(true);
    expect(base(OTEL_METRICS.requestDurationBucket)).toBe(base(OTEL_METRICS.requestDurationCount));
  });
});

describe('EXPORTER_METRICS', () => {
  test('each is a gauge the exporter defines', () => {
    for (const [key, name] of Object.entries(EXPORTER_METRICS)) {
      expect({ key, defined: EXPORTER_DEFINED_NAMES.includes(name) }).toEqual({ key, defined: true });
    }
  });

  test('names no gauge twice', () => {
    const names = Object.values(EXPORTER_METRICS);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('EXPORTER_AGGREGATED_ROW', () => {
  test('is Locust 2\'s name for the totals row, not 1.x\'s Total', () => {
    expect(EXPORTER_AGGREGATED_ROW).toBe('Aggregated');
  });
});
