import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DURATION_FIX, DurationLike, durationOf } from '../core/duration';
import { LABEL_POD_NAME } from '../core/names';
import { Problem } from '../core/problems';
import { objectMetadata } from '../core/kubernetes';

/** The Prometheus Operator API group and version of the monitor objects. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';
/**
 * Label put on the master Service only when a ServiceMonitor is requested: the operator's Service
 * has no labels, and a ServiceMonitor can only select Services by label.
 */
export const SERVICE_MONITOR_LABEL = 'cdk8s-locust/metrics-service';

/** Which Prometheus Operator object scrapes the exporter sidecar. */
export enum MonitorKind {
  /** A `PodMonitor` selecting the master pod directly. */
  POD_MONITOR = 'PodMonitor',
  /** A `ServiceMonitor` selecting the master Service, which then gets a label for it. */
  SERVICE_MONITOR = 'ServiceMonitor',
}

/** Options shared by both monitor kinds. */
export interface MonitorOptions {
  /**
   * Labels on the monitor object, for the Prometheus resource's `podMonitorSelector` or
   * `serviceMonitorSelector` (e.g. `{ release: 'kube-prometheus-stack' }`).
   * @default - no labels
   */
  readonly labels?: Record<string, string>;
  /**
   * How often Prometheus scrapes the exporter: `Duration.seconds(15)` or `'15s'`.
   * @default - the Prometheus resource's scrape interval
   */
  readonly interval?: DurationLike;
}

/**
 * A Prometheus Operator object scraping the metrics-exporter sidecar of the master pod. Only
 * meaningful when the test uses the exporter (OpenTelemetry off); with OpenTelemetry on it is a
 * problem, since nothing would serve the metrics.
 */
export class MetricsMonitor {
  /**
   * A `PodMonitor` selecting the master pod. The sidecar's container port has no name in the
   * operator's pod, so the endpoint uses `portNumber`, which needs prometheus-operator 0.79 or later.
   */
  public static podMonitor(options: MonitorOptions = {}): MetricsMonitor {
    return new MetricsMonitor(MonitorKind.POD_MONITOR, options);
  }

  /**
   * A `ServiceMonitor` selecting the master Service through its named `prometheus-metrics` port.
   * Adds the label `cdk8s-locust/metrics-service: <name>-master` to the Service to select it.
   */
  public static serviceMonitor(options: MonitorOptions = {}): MetricsMonitor {
    return new MetricsMonitor(MonitorKind.SERVICE_MONITOR, options);
  }

  private constructor(
    /** Which Prometheus Operator object is written. */
    public readonly kind: MonitorKind,
    /** Labels and scrape interval of the object. */
    public readonly options: MonitorOptions,
  ) {}
}

/** What Prometheus would refuse in the monitor's options. */
export function validateMonitor(monitor: MetricsMonitor | undefined): Problem[] {
  const interval = monitor?.options.interval;
  if (interval === undefined) return [];
  const seconds = durationOf(interval)?.toSeconds({ integral: false });
  if (seconds === undefined) return [{ path: 'monitor.interval', message: 'must be a duration', value: interval, fix: DURATION_FIX }];
  if (!Number.isSafeInteger(seconds) || seconds < 1) {
    return [{ path: 'monitor.interval', message: 'must be a whole number of seconds, at least 1', value: typeof interval === 'string' ? interval : `${seconds}s`, fix: "use e.g. '15s' or '1m'" }];
  }
  return [];
}

/** Where the exporter of one test can be found. */
export interface MonitorTarget {
  /** `<name>-master`: the master pod's selector value, and the Service and monitor name. */
  readonly masterName: string;
  readonly namespace?: string;
  readonly exporterPort: number;
  readonly servicePortName: string;
}

/** Emits the monitor as an ApiObject with the id `Resource`. */
export function createMonitor(scope: Construct, id: string, monitor: MetricsMonitor, target: MonitorTarget): ApiObject {
  const endpoint: Record<string, unknown> = { path: '/metrics' };
  const interval = durationOf(monitor.options.interval);
  if (interval) endpoint.interval = `${interval.toSeconds()}s`;
  const spec = monitor.kind === MonitorKind.POD_MONITOR
    ? { selector: { matchLabels: { [LABEL_POD_NAME]: target.masterName } }, podMetricsEndpoints: [{ ...endpoint, portNumber: target.exporterPort }] }
    : { selector: { matchLabels: { [SERVICE_MONITOR_LABEL]: target.masterName } }, endpoints: [{ ...endpoint, port: target.servicePortName }] };
  const metadata: Record<string, unknown> = objectMetadata(target.masterName, target.namespace);
  if (monitor.options.labels && Object.keys(monitor.options.labels).length) metadata.labels = monitor.options.labels;
  const holder = new Construct(scope, id);
  return new ApiObject(holder, 'Resource', { apiVersion: MONITORING_API_VERSION, kind: monitor.kind, metadata, spec });
}
