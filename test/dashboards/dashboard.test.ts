import { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { DashboardMode } from '../../src';
import { locustDashboard, panelsOf } from '../../src/tooling';
import { EXPORTER_DEFINED_NAMES, EXPORTER_REQUEST_LABELS, OTEL_EXPORTED_NAMES, OTEL_REQUEST_LABELS } from './exported-metrics';

/** Grafana's variables are no PromQL: they are replaced by values before parsing, as Grafana does. */
function asPromql(expr: string): string {
  return expr.replace(/\$__rate_interval/g, '1m').replace(/\$job/g, 'checkout-load');
}

interface Parsed {
  readonly errors: string[];
  readonly metrics: Set<string>;
  readonly labels: Set<string>;
}

/** Parses with Prometheus's own grammar; the metric names of the selectors, the label names used, the errors. */
function parse(expr: string): Parsed {
  const text = asPromql(expr);
  const parsed: Parsed = { errors: [], metrics: new Set(), labels: new Set() };
  const cursor = parser.parse(text).cursor();
  do {
    const node: SyntaxNode = cursor.node;
    if (cursor.type.isError) parsed.errors.push(`at ${cursor.from}: ${JSON.stringify(text.slice(cursor.from, cursor.to + 10))}`);
    if (cursor.name === 'Identifier' && node.parent?.name === 'VectorSelector') parsed.metrics.add(text.slice(cursor.from, cursor.to));
    if (cursor.name === 'LabelName') parsed.labels.add(text.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return parsed;
}

function queriesOf(dashboard: Record<string, unknown>): Array<{ panel: string; expr: string }> {
  const panels = dashboard.panels as Array<{ title: string; targets?: Array<{ expr: string }> }>;
  return panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
}

const MODES: Array<[DashboardMode, readonly string[], readonly string[]]> = [
  ['openTelemetry', OTEL_EXPORTED_NAMES, OTEL_REQUEST_LABELS],
  ['metricsExporter', EXPORTER_DEFINED_NAMES, EXPORTER_REQUEST_LABELS],
];

describe.each(MODES)('the %s dashboard', (mode, realNames, realLabels) => {
  test('every query parses with Prometheus\'s grammar and names only metrics and labels the real export has', () => {
    // GIVEN the dashboard's queries
    const queries = queriesOf(locustDashboard(mode));
    expect(queries.length).toBeGreaterThan(5);

    // WHEN each is parsed
    for (const { panel, expr } of queries) {
      const parsed = parse(expr);

      // THEN it has no syntax error, and each name is a real one
      expect({ panel, expr, errors: parsed.errors }).toEqual({ panel, expr, errors: [] });
      expect(parsed.metrics.size).toBeGreaterThan(0);
      for (const metric of parsed.metrics) expect({ panel, metric, real: realNames.includes(metric) }).toEqual({ panel, metric, real: true });
      for (const label of parsed.labels) expect({ panel, label, real: realLabels.includes(label) }).toEqual({ panel, label, real: true });
    }
  });

  test('the job variable lists the values of a real metric, and every panel uses the Prometheus data source variable', () => {
    const dashboard = locustDashboard(mode) as { templating: { list: Array<{ name: string; query?: unknown; type: string }> }; panels: Array<{ title: string; datasource: unknown }> };
    const job = dashboard.templating.list.find((variable) => variable.name === 'job');
    const source = /^label_values\((\w+), job\)$/.exec(String(job?.query))?.[1];
    expect(realNames).toContain(source);
    expect(dashboard.templating.list.find((variable) => variable.name === 'datasource')?.type).toBe('datasource');
    for (const panel of dashboard.panels) expect({ panel: panel.title, datasource: panel.datasource }).toEqual({ panel: panel.title, datasource: { type: 'prometheus', uid: '${datasource}' } });
  });

  test('shows users, requests per second, failures, response times and workers', () => {
    expect(panelsOf(mode).map((panel) => panel.title)).toEqual(expect.arrayContaining([
      'Users', 'Requests per second', 'Failures per second', expect.stringMatching(/^Response time /), expect.stringMatching(/^Workers/),
    ]));
  });

  test('is the same JSON each time it is built', () => {
    expect(JSON.stringify(locustDashboard(mode))).toBe(JSON.stringify(locustDashboard(mode)));
  });
});

describe('the parser check', () => {
  test('fails when a query is no PromQL, so the check above can fail', () => {
    expect(parse('sum(rate(locust_users[1m])').errors).not.toEqual([]);
  });

  test('sees the metric names of a query, so the check above can fail', () => {
    expect([...parse('histogram_quantile(0.9, sum by (le) (rate(locust_requests_total{job=~"$job"}[$__rate_interval])))').metrics]).toEqual(['locust_requests_total']);
  });
});

describe('the exporter dashboard', () => {
  test('does not use the percentile gauges, which read 0 from Locust 2.20', () => {
    const exprs = queriesOf(locustDashboard('metricsExporter')).map((query) => query.expr).join('\n');
    expect(exprs).not.toContain('current_response_time_percentile');
  });
});
