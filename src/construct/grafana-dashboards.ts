import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { formatProblem, Problem } from '../core/problems';
import { isDns1123Subdomain } from '../core/kubernetes';
import { locustDashboard } from '../dashboards/dashboard';
import { DashboardMode } from '../dashboards/panels';

/** The label the Grafana sidecar of common Prometheus stacks loads dashboards from. */
export const GRAFANA_DASHBOARD_LABEL = {
  /** The sidecar's default label, with the value its charts look for. */
  grafana_dashboard: '1',
} as const;

/** The ConfigMap key of each mode's dashboard. */
export const DASHBOARD_FILES: Record<DashboardMode, string> = {
  openTelemetry: 'locust-opentelemetry.json',
  metricsExporter: 'locust-metrics-exporter.json',
};

/** Which dashboards to write, and where. */
export interface GrafanaDashboardsProps {
  /**
   * The modes to write a dashboard for: `openTelemetry` (Locust's OpenTelemetry metrics through a
   * Collector into Prometheus) and `metricsExporter` (the exporter sidecar's gauges).
   * @default ['openTelemetry', 'metricsExporter']
   */
  readonly modes?: readonly DashboardMode[];
  /** The ConfigMap's name. @default 'locust-dashboards' */
  readonly name?: string;
  /** The ConfigMap's namespace: the one the Grafana sidecar watches. @default - the chart's namespace */
  readonly namespace?: string;
}

/**
 * Locust's Grafana dashboards as one ConfigMap labelled `grafana_dashboard: "1"`, which the
 * Grafana sidecar of common Prometheus stacks (kube-prometheus-stack) loads.
 */
export class GrafanaDashboards extends Construct {
  /** The ConfigMap holding the dashboards' JSON. */
  public readonly configMap: ApiObject;

  constructor(scope: Construct, id: string, props: GrafanaDashboardsProps = {}) {
    super(scope, id);
    const name = props.name ?? 'locust-dashboards';
    const modes = props.modes ?? ['openTelemetry', 'metricsExporter'];
    const problems: Problem[] = [];
    if (!isDns1123Subdomain(name)) problems.push({ path: 'name', message: 'is not a valid ConfigMap name', value: name, fix: 'use lowercase letters, digits, - and ., e.g. locust-dashboards' });
    const unknown = modes.filter((mode) => !(mode in DASHBOARD_FILES));
    if (unknown.length > 0) problems.push({ path: 'modes', message: 'names a mode with no dashboard', value: unknown, fix: 'use openTelemetry or metricsExporter' });
    if (modes.length === 0) problems.push({ path: 'modes', message: 'is empty, so no dashboard would be written', value: [], fix: 'leave it out for both dashboards, or name openTelemetry or metricsExporter' });
    if (problems.length > 0) throw new Error(`GrafanaDashboards at ${this.node.path}: ${problems.map(formatProblem).join('; ')}`);
    const data: Record<string, string> = {};
    for (const mode of [...new Set(modes)].sort()) data[DASHBOARD_FILES[mode]] = `${JSON.stringify(locustDashboard(mode), null, 2)}\n`;
    this.configMap = new ApiObject(this, 'config-map', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: props.namespace ?? Chart.of(this).namespace, labels: { ...GRAFANA_DASHBOARD_LABEL } },
      data,
    });
  }
}
