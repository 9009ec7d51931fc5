import { Chart } from 'cdk8s';
import { GrafanaDashboards } from 'cdk8s-locust';

/** Locust's dashboards for the Grafana sidecar, in the namespace it watches. */
export function addDashboards(chart: Chart): GrafanaDashboards {
  return new GrafanaDashboards(chart, 'locust-dashboards', {
    modes: ['openTelemetry', 'metricsExporter'],
    namespace: 'monitoring',
  });
}
