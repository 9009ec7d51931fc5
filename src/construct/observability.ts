import { Construct } from 'constructs';
import { EXPORTER_CONTAINER_NAME, WEB_UI_PORT } from '../core/names';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { resourcesFromSettings } from '../pod/resources';
import { JsonObject, OpenTelemetryJson } from '../spec/spec';

/** How a LocustTest reports its metrics. */
export enum ObservabilityMode {
  /** Locust's native OpenTelemetry (`--otel`), exporting over OTLP; no sidecar. */
  OPEN_TELEMETRY = 'OpenTelemetry',
  /** The Prometheus metrics-exporter native sidecar in the master pod, scraped on its port. */
  METRICS_EXPORTER = 'MetricsExporter',
}

/** What the Observability construct needs to decide and to build its part of the pods. */
export interface ObservabilityProps {
  /** `spec.observability.openTelemetry` of the LocustTest. @default - OpenTelemetry off */
  readonly openTelemetry?: OpenTelemetryJson;
  /** The exporter settings of the operator configuration, used only when OpenTelemetry is off. */
  readonly metricsExporter: ResolvedOperatorConfig['metricsExporter'];
}

/** A port entry of the master Service. */
export interface ServicePortEntry {
  /** Port name, e.g. `prometheus-metrics`; a ServiceMonitor selects the port by it. */
  readonly name: string;
  /** Transport protocol, `TCP`. */
  readonly protocol: string;
  /** Port number on the Service and the container. */
  readonly port: number;
}

const DEFAULT_OTLP_PROTOCOL = 'grpc';

/**
 * The one place that decides between native OpenTelemetry and the metrics-exporter sidecar.
 *
 * OpenTelemetry is on exactly when `spec.observability.openTelemetry.enabled` is true. Then it
 * contributes `--otel` to both commands and the `OTEL_*` variables to both Locust containers;
 * otherwise it contributes the exporter sidecar, the Service's metrics port and the master's
 * Prometheus scrape annotations. Every other part of the library asks this construct what to
 * add and never looks at the flag itself.
 */
export class Observability extends Construct {
  /** Which of the two modes this test uses. */
  public readonly mode: ObservabilityMode;
  private readonly openTelemetry: OpenTelemetryJson;
  private readonly exporter: ResolvedOperatorConfig['metricsExporter'];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.openTelemetry = props.openTelemetry ?? {};
    this.exporter = props.metricsExporter;
    this.mode = this.openTelemetry.enabled === true ? ObservabilityMode.OPEN_TELEMETRY : ObservabilityMode.METRICS_EXPORTER;
  }

  private get otel(): boolean {
    return this.mode === ObservabilityMode.OPEN_TELEMETRY;
  }

  /** Flags inserted right after the command words of master and worker. */
  public commandFlags(): string[] {
    return this.otel ? ['--otel'] : [];
  }

  /**
   * Variables for every Locust container, placed after the Kafka ones: the OTLP exporters,
   * endpoint, protocol and `insecure` when true, then the extra variables sorted by name.
   */
  public locustEnv(): JsonObject[] {
    if (!this.otel) return [];
    const o = this.openTelemetry;
    const env: JsonObject[] = [
      { name: 'OTEL_TRACES_EXPORTER', value: 'otlp' },
      { name: 'OTEL_METRICS_EXPORTER', value: 'otlp' },
    ];
    if (o.endpoint) env.push({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: o.endpoint });
    env.push({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: o.protocol || DEFAULT_OTLP_PROTOCOL });
    // Only `true` is written: with the gRPC exporter a set `false` would force TLS on http:// endpoints.
    if (o.insecure === true) env.push({ name: 'OTEL_EXPORTER_OTLP_INSECURE', value: 'true' });
    const extra = o.extraEnvVars ?? {};
    // Byte order, as Go's sort.Strings: OTEL_METRICS_X before OTEL_METRIC_X.
    for (const name of Object.keys(extra).sort(byteOrder)) env.push({ name, value: extra[name] });
    return env;
  }

  /** The master pod's init containers: the exporter as a native sidecar, or none. */
  public masterInitContainers(): JsonObject[] {
    if (this.otel) return [];
    const port = this.exporter.port;
    return [{
      name: EXPORTER_CONTAINER_NAME,
      image: this.exporter.image,
      ports: [{ containerPort: port }],
      env: [
        { name: 'LOCUST_EXPORTER_URI', value: `http://localhost:${WEB_UI_PORT}` },
        { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: `:${port}` },
      ],
      resources: resourcesFromSettings(this.exporter.resources),
      restartPolicy: 'Always',
      imagePullPolicy: this.exporter.pullPolicy,
      securityContext: {
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      },
    }];
  }

  /** Ports added to the master Service after the two Locust ports. */
  public servicePorts(): ServicePortEntry[] {
    if (this.otel) return [];
    return [{ name: 'prometheus-metrics', protocol: 'TCP', port: this.exporter.port }];
  }

  /** Annotations on the master pod template, before the user's own (which win). */
  public masterAnnotations(): Record<string, string> {
    if (this.otel) return {};
    return {
      'prometheus.io/scrape': 'true',
      'prometheus.io/path': '/metrics',
      'prometheus.io/port': String(this.exporter.port),
    };
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
