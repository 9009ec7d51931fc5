/**
 * The names an OpenTelemetry Collector's Prometheus exporters give OTLP metrics by default (its
 * documented translation): characters outside [a-zA-Z0-9_:] become `_`; the unit is appended
 * (`s` -> `seconds`, `ms` -> `milliseconds`, `By` -> `bytes`; units in braces are dropped) unless
 * the name already ends with it; monotonic sums get `_total`; histograms become `_bucket`,
 * `_sum` and `_count`. Labels are sanitized the same way (`error.type` -> `error_type`).
 */

const UNITS: Record<string, string> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds', By: 'bytes', min: 'minutes', h: 'hours', d: 'days', '%': 'percent' };

/** A metric as OTLP carries it: the parts the translation reads. */
export interface OtlpMetric {
  readonly name: string;
  readonly unit: string;
  readonly kind: string;
  readonly monotonic: boolean;
}

/** `error.type` -> `error_type`. */
export function prometheusLabel(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The series names Prometheus stores for one OTLP metric. */
export function prometheusNames(metric: OtlpMetric): string[] {
  let name = metric.name.replace(/[^a-zA-Z0-9_:]/g, '_');
  const unit = metric.unit.replace(/\{[^}]*\}/g, '');
  const suffix = UNITS[unit] ?? (unit === '' || unit === '1' ? '' : unit.replace(/[^a-zA-Z0-9_]/g, '_'));
  if (suffix !== '' && !name.endsWith(`_${suffix}`)) name = `${name}_${suffix}`;
  if (metric.kind === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (metric.kind === 'sum' && metric.monotonic && !name.endsWith('_total')) return [`${name}_total`];
  return [name];
}
