/**
 * The metric names the dashboards may use: what real exports produce. The end-to-end
 * OpenTelemetry test (test/e2e/open-telemetry.test.ts) checks the first list against what Locust
 * 2.46.7 sent there, translated as a Collector does (collector-naming.ts).
 */

/** Locust 2.46.7's OpenTelemetry metrics (master and workers), as Prometheus names them from a Collector. */
export const OTEL_EXPORTED_NAMES: readonly string[] = [
  'locust_users_count',
  'locust_client_duration_seconds_bucket', 'locust_client_duration_seconds_sum', 'locust_client_duration_seconds_count',
  'http_client_duration_milliseconds_bucket', 'http_client_duration_milliseconds_sum', 'http_client_duration_milliseconds_count',
];

/** The labels of `locust_client_duration_seconds_*` after translation (with the Collector's `job`, `instance`). */
export const OTEL_REQUEST_LABELS: readonly string[] = ['name', 'error_type', 'job', 'instance', 'le'];

/** The gauges containersol/locust_exporter v0.5.0 defines (main.go, namespace locust). */
export const EXPORTER_DEFINED_NAMES: readonly string[] = [
  'locust_up', 'locust_running', 'locust_users', 'locust_workers_count', 'locust_workers_running_count',
  'locust_workers_hatching_count', 'locust_workers_missing_count', 'locust_worker_detail', 'locust_errors',
  'locust_total_scrapes', 'locust_requests_num_requests', 'locust_requests_num_failures',
  'locust_requests_avg_response_time', 'locust_requests_min_response_time', 'locust_requests_max_response_time',
  'locust_requests_median_response_time', 'locust_requests_current_rps', 'locust_requests_current_fail_per_sec',
  'locust_requests_avg_content_length', 'locust_requests_fail_ratio',
  'locust_requests_current_response_time_percentile_50', 'locust_requests_current_response_time_percentile_95',
];

/** The exporter's per-request labels, and the scrape's `job`. */
export const EXPORTER_REQUEST_LABELS: readonly string[] = ['method', 'name', 'job'];
