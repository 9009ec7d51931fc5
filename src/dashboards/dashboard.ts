import { DashboardBuilder, DatasourceVariableBuilder, QueryVariableBuilder, VariableRefresh } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { DashboardMode, jobSourceOf, panelsOf, PanelSpec } from './panels';

/** A Grafana dashboard as the JSON model Grafana imports. */
export type DashboardJson = Record<string, unknown>;

/** The Prometheus data source every panel and the job variable query. */
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

const TITLES: Record<DashboardMode, string> = {
  openTelemetry: 'Locust load test (OpenTelemetry)',
  metricsExporter: 'Locust load test (metrics exporter)',
};

/** Stable uids, so a dashboard loaded again replaces itself in Grafana. */
export const DASHBOARD_UIDS: Record<DashboardMode, string> = {
  openTelemetry: 'cdk8s-locust-otel',
  metricsExporter: 'cdk8s-locust-exporter',
};

function panel(spec: PanelSpec) {
  const builder = spec.kind === 'stat' ? new StatPanelBuilder() : new TimeseriesPanelBuilder();
  builder.title(spec.title).description(spec.description).unit(spec.unit).datasource(DATASOURCE)
    .height(spec.kind === 'stat' ? 5 : 8).span(spec.kind === 'stat' ? 12 : 24);
  spec.queries.forEach((query, index) => {
    builder.withTarget(new DataqueryBuilder().expr(query.expr).legendFormat(query.legend).refId(String.fromCharCode(65 + index)).datasource(DATASOURCE));
  });
  return builder;
}

/**
 * The dashboard of a mode: users, workers, requests and failures per second, and response times
 * per request name, for the test the `job` variable picks. The same mode gives the same JSON.
 */
export function locustDashboard(mode: DashboardMode): DashboardJson {
  const builder = new DashboardBuilder(TITLES[mode])
    .uid(DASHBOARD_UIDS[mode])
    .tags(['locust', 'load-testing', mode === 'openTelemetry' ? 'opentelemetry' : 'locust-exporter'])
    .refresh('10s')
    .time({ from: 'now-30m', to: 'now' })
    .withVariable(new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus'))
    .withVariable(new QueryVariableBuilder('job').label('Test (job)').datasource(DATASOURCE)
      .query(`label_values(${jobSourceOf(mode)}, job)`).refresh(VariableRefresh.OnTimeRangeChanged).multi(true).includeAll(true));
  panelsOf(mode).forEach((spec) => builder.withPanel(panel(spec)));
  return JSON.parse(JSON.stringify(builder.build())) as DashboardJson;
}
