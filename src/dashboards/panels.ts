import { EXPORTER_AGGREGATED_ROW, EXPORTER_METRICS, OTEL_METRICS } from './metrics';

/** Which metrics a dashboard reads: OpenTelemetry through a Collector, or the exporter sidecar. */
export type DashboardMode = 'openTelemetry' | 'metricsExporter';

/** One query of a panel: PromQL (with Grafana's `$job` and `$__rate_interval`) and its legend. */
export interface PanelQuery {
  /** The PromQL; Grafana replaces `$job` and `$__rate_interval` before Prometheus reads it. */
  readonly expr: string;
  /** Grafana's legend format, e.g. `{{name}}`. */
  readonly legend: string;
}

/** One panel: what it shows, how, in which unit (a Grafana unit id). */
export interface PanelSpec {
  /** The panel's title. */
  readonly title: string;
  /** What it shows and where the numbers come from. */
  readonly description: string;
  /** A single number (`stat`) or a graph over time (`timeseries`). */
  readonly kind: 'stat' | 'timeseries';
  /** Grafana's unit id: `none`, `reqps`, `s`, `ms`. */
  readonly unit: string;
  /** Its queries, one series each (or one per label value). */
  readonly queries: readonly PanelQuery[];
}

/** The variable that picks the test: the `job` label (the OpenTelemetry service name, or the scrape job). */
export const JOB_SELECTOR = 'job=~"$job"';

const quantile = (q: number): PanelQuery => ({
  expr: `histogram_quantile(${q}, sum by (name, le) (rate(${OTEL_METRICS.requestDurationBucket}{${JOB_SELECTOR}}[$__rate_interval])))`,
  legend: `p${Math.round(q * 100)} {{name}}`,
});

/** OpenTelemetry mode: users from the master; requests, failures and percentiles from the workers' histograms. */
const OTEL_PANELS: readonly PanelSpec[] = [
  { title: 'Users', description: 'Users running, as the master reports them (locust.users.count).', kind: 'stat', unit: 'none', queries: [{ expr: `sum(${OTEL_METRICS.users}{${JOB_SELECTOR}})`, legend: 'users' }] },
  { title: 'Workers sending requests', description: 'Processes that reported request durations: the workers.', kind: 'stat', unit: 'none', queries: [{ expr: `count(count by (instance) (${OTEL_METRICS.requestDurationCount}{${JOB_SELECTOR}}))`, legend: 'workers' }] },
  { title: 'Requests per second', description: 'Requests per second by request name, failed ones included.', kind: 'timeseries', unit: 'reqps', queries: [{ expr: `sum by (name) (rate(${OTEL_METRICS.requestDurationCount}{${JOB_SELECTOR}}[$__rate_interval]))`, legend: '{{name}}' }] },
  { title: 'Failures per second', description: 'Failed requests per second by request name and error.', kind: 'timeseries', unit: 'reqps', queries: [{ expr: `sum by (name, error_type) (rate(${OTEL_METRICS.requestDurationCount}{${JOB_SELECTOR}, error_type!=""}[$__rate_interval]))`, legend: '{{name}}: {{error_type}}' }] },
  { title: 'Response time p50, p95, p99', description: 'Percentiles of the response time by request name, from the workers\' histograms.', kind: 'timeseries', unit: 's', queries: [quantile(0.5), quantile(0.95), quantile(0.99)] },
];

const perRequest = `${JOB_SELECTOR}, name!="${EXPORTER_AGGREGATED_ROW}"`;

/**
 * Exporter mode: only what the exporter fills on every Locust. Its two percentile gauges read 0
 * from Locust 2.20 (the values moved in /stats/requests), so the dashboard shows the median,
 * average and maximum per request name instead.
 */
const EXPORTER_PANELS: readonly PanelSpec[] = [
  { title: 'Users', description: 'Users running, as the master\'s web UI reports them.', kind: 'stat', unit: 'none', queries: [{ expr: `sum(${EXPORTER_METRICS.users}{${JOB_SELECTOR}})`, legend: 'users' }] },
  { title: 'Workers', description: 'Workers connected to the master, and those running.', kind: 'stat', unit: 'none', queries: [{ expr: `sum(${EXPORTER_METRICS.workers}{${JOB_SELECTOR}})`, legend: 'connected' }, { expr: `sum(${EXPORTER_METRICS.workersRunning}{${JOB_SELECTOR}})`, legend: 'running' }] },
  { title: 'Requests per second', description: 'Current requests per second by request name.', kind: 'timeseries', unit: 'reqps', queries: [{ expr: `sum by (name) (${EXPORTER_METRICS.currentRps}{${perRequest}})`, legend: '{{name}}' }] },
  { title: 'Failures per second', description: 'Current failures per second by request name, and the run\'s fail ratio.', kind: 'timeseries', unit: 'reqps', queries: [{ expr: `sum by (name) (${EXPORTER_METRICS.currentFailPerSec}{${perRequest}})`, legend: '{{name}}' }, { expr: `max(${EXPORTER_METRICS.failRatio}{${JOB_SELECTOR}})`, legend: 'fail ratio' }] },
  { title: 'Response time median, average, max', description: 'Per request name, in ms, over the whole run so far (the exporter has no per-request p95 or p99).', kind: 'timeseries', unit: 'ms', queries: [
    { expr: `max by (name) (${EXPORTER_METRICS.medianResponseTime}{${perRequest}})`, legend: 'median {{name}}' },
    { expr: `max by (name) (${EXPORTER_METRICS.avgResponseTime}{${perRequest}})`, legend: 'average {{name}}' },
    { expr: `max by (name) (${EXPORTER_METRICS.maxResponseTime}{${perRequest}})`, legend: 'max {{name}}' },
  ] },
];

/** The panels of a mode's dashboard, in the order they are laid out. */
export function panelsOf(mode: DashboardMode): readonly PanelSpec[] {
  return mode === 'openTelemetry' ? OTEL_PANELS : EXPORTER_PANELS;
}

/** The metric the `job` variable lists its values from. */
export function jobSourceOf(mode: DashboardMode): string {
  return mode === 'openTelemetry' ? OTEL_METRICS.users : EXPORTER_METRICS.users;
}
