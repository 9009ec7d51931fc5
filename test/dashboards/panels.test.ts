import { EXPORTER_AGGREGATED_ROW, EXPORTER_METRICS, OTEL_METRICS } from '../../src/dashboards/metrics';
import { DashboardMode, JOB_SELECTOR, jobSourceOf, panelsOf, PanelSpec } from '../../src/dashboards/panels';

const MODES: DashboardMode[] = ['openTelemetry', 'metricsExporter'];

function panel(mode: DashboardMode, title: string): PanelSpec {
  const found = panelsOf(mode).filter((candidate) => candidate.title === title);
  if (found.length !== 1) throw new Error(`expected one panel ${title} in ${mode}, found ${found.length}`);
  return found[0];
}

function legends(spec: PanelSpec): string[] {
  return spec.queries.map((query) => query.legend);
}

describe('panelsOf', () => {
  test('lays out the OpenTelemetry panels in order', () => {
    expect(panelsOf('openTelemetry').map((spec) => spec.title)).toEqual([
      'Users', 'Workers sending requests', 'Requests per second', 'Failures per second', 'Response time p50, p95, p99',
    ]);
  });

  test('lays out the exporter panels in order', () => {
    expect(panelsOf('metricsExporter').map((spec) => spec.title)).toEqual([
      'Users', 'Workers', 'Requests per second', 'Failures per second', 'Response time median, average, max',
    ]);
  });

  test.each(MODES)('every %s query is narrowed to the chosen test by its job label', (mode) => {
    for (const spec of panelsOf(mode)) {
      for (const query of spec.queries) expect({ title: spec.title, narrowed: query.expr.includes(JOB_SELECTOR) }).toEqual({ title: spec.title, narrowed: true });
    }
  });

  test.each(MODES)('%s shows single numbers as stats and rates as time series', (mode) => {
    expect(panel(mode, 'Users').kind).toBe('stat');
    expect(panel(mode, 'Requests per second').kind).toBe('timeseries');
    expect(panel(mode, 'Requests per second').unit).toBe('reqps');
    expect(panel(mode, 'Failures per second').unit).toBe('reqps');
  });
});

describe('the OpenTelemetry panels', () => {
  test('the percentiles are 0.5, 0.95 and 0.99 of the request histogram, legend p50, p95, p99', () => {
    // GIVEN the response time panel
    const times = panel('openTelemetry', 'Response time p50, p95, p99');

    // THEN each query is a quantile of the histogram's buckets, by request name
    expect(times.unit).toBe('s');
    expect(legends(times)).toEqual(['p50 {{name}}', 'p95 {{name}}', 'p99 {{name}}']);
    expect(times.queries.map((query) => query.expr)).toEqual([0.5, 0.95, 0.99].map((q) =>
      `histogram_quantile(${q}, sum by (name, le) (rate(${OTEL_METRICS.requestDurationBucket}{${JOB_SELECTOR}}[$__rate_interval])))`));
  });

  test('failures are the requests with an error type', () => {
    const failures = panel('openTelemetry', 'Failures per second');
    expect(failures.queries).toEqual([{
      expr: `sum by (name, error_type) (rate(${OTEL_METRICS.requestDurationCount}{${JOB_SELECTOR}, error_type!=""}[$__rate_interval]))`,
      legend: '{{name}}: {{error_type}}',
    }]);
  });

  test('workers are counted as the processes that report request durations', () => {
    expect(panel('openTelemetry', 'Workers sending requests').queries).toEqual([{
      expr: `count(count by (instance) (${OTEL_METRICS.requestDurationCount}{${JOB_SELECTOR}}))`,
      legend: 'workers',
    }]);
  });
});

describe('the exporter panels', () => {
  test('per-request queries leave out the totals row, which would double every sum', () => {
    // GIVEN the panels that read one series per request name
    const perRequest = [
      ...panel('metricsExporter', 'Requests per second').queries,
      ...panel('metricsExporter', 'Response time median, average, max').queries,
      panel('metricsExporter', 'Failures per second').queries.filter((query) => query.legend === '{{name}}')[0],
    ];

    // THEN each leaves out the Aggregated row
    for (const query of perRequest) expect(query.expr).toContain(`name!="${EXPORTER_AGGREGATED_ROW}"`);
  });

  test('response times are the median, average and maximum gauges, in ms', () => {
    const times = panel('metricsExporter', 'Response time median, average, max');
    expect(times.unit).toBe('ms');
    expect(legends(times)).toEqual(['median {{name}}', 'average {{name}}', 'max {{name}}']);
    expect(times.queries[legends(times).indexOf('median {{name}}')].expr).toContain(EXPORTER_METRICS.medianResponseTime);
    expect(times.queries[legends(times).indexOf('average {{name}}')].expr).toContain(EXPORTER_METRICS.avgResponseTime);
    expect(times.queries[legends(times).indexOf('max {{name}}')].expr).toContain(EXPORTER_METRICS.maxResponseTime);
  });

  test('shows connected and running workers', () => {
    expect(panel('metricsExporter', 'Workers').queries).toEqual([
      { expr: `sum(${EXPORTER_METRICS.workers}{${JOB_SELECTOR}})`, legend: 'connected' },
      { expr: `sum(${EXPORTER_METRICS.workersRunning}{${JOB_SELECTOR}})`, legend: 'running' },
    ]);
  });

  test('the fail ratio is over the whole run, not per request', () => {
    const ratio = panel('metricsExporter', 'Failures per second').queries.filter((query) => query.legend === 'fail ratio');
    expect(ratio).toEqual([{ expr: `max(${EXPORTER_METRICS.failRatio}{${JOB_SELECTOR}})`, legend: 'fail ratio' }]);
  });
});

describe('jobSourceOf', () => {
  test('lists tests from the users gauge of each mode, which the master always reports', () => {
    expect(jobSourceOf('openTelemetry')).toBe(OTEL_METRICS.users);
    expect(jobSourceOf('metricsExporter')).toBe(EXPORTER_METRICS.users);
  });
});
