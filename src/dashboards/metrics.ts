/**
 * The Prometheus names of the metrics each observability mode produces, which the dashboards
 * and the README's PromQL use.
 *
 * OpenTelemetry: Locust's own instruments as Prometheus stores them from an OpenTelemetry
 * Collector with its default naming (dots become underscores, the unit is appended, `{user}` is
 * dropped, histograms get `_bucket`, `_sum` and `_count`, `service.name` becomes `job`).
 * Exporter: the gauges of containersol/locust_exporter, namespace `locust`.
 */

/** OpenTelemetry mode, after the Collector's name translation. */
export const OTEL_METRICS = {
  /** `locust.users.count` (gauge, `{user}`), from the master; label `user_class`. */
  users: 'locust_users_count',
  /** `locust.client.duration` (histogram, seconds), from the workers; labels `name`, `error_type` (failed requests). */
  requestDurationBucket: 'locust_client_duration_seconds_bucket',
  /** The histogram's count: one per request, failed ones included. */
  requestDurationCount: 'locust_client_duration_seconds_count',
} as const;

/** Exporter mode: the sidecar's gauges. Per-request ones carry `method` and `name`. */
export const EXPORTER_METRICS = {
  /** Users running (`user_count` of /stats/requests). */
  users: 'locust_users',
  /** Workers connected to the master. */
  workers: 'locust_workers_count',
  /** Workers in state `running`. */
  workersRunning: 'locust_workers_running_count',
  /** Requests per second now, per request. */
  currentRps: 'locust_requests_current_rps',
  /** Failures per second now, per request. */
  currentFailPerSec: 'locust_requests_current_fail_per_sec',
  /** Failed requests over all requests of the run. */
  failRatio: 'locust_requests_fail_ratio',
  /** Median response time of the run, per request, in ms. */
  medianResponseTime: 'locust_requests_median_response_time',
  /** Average response time of the run, per request, in ms. */
  avgResponseTime: 'locust_requests_avg_response_time',
  /** Longest response time of the run, per request, in ms. */
  maxResponseTime: 'locust_requests_max_response_time',
} as const;

/**
 * The per-request row the exporter also exports for Locust's totals: Locust 2 names it
 * `Aggregated` (the exporter skips only the 1.x name `Total`).
 */
export const EXPORTER_AGGREGATED_ROW = 'Aggregated';
