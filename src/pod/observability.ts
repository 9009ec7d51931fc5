import { EXPORTER_CONTAINER_NAME, WEB_UI_PORT } from '../core/names';
import { byteOrder } from '../core/text';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { isJsonObject, JsonObject, OpenTelemetryJson } from '../spec/spec';
import { resourcesFromSettings } from './resources';

/** How a LocustTest reports its metrics. */
export enum ObservabilityMode {
  /** Locust's native OpenTelemetry (`--otel`), exporting over OTLP; no sidecar. */
  OPEN_TELEMETRY = 'OpenTelemetry',
  /** The Prometheus metrics-exporter native sidecar in the master pod, scraped on its port. */
  METRICS_EXPORTER = 'MetricsExporter',
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

/**
 * The observability decision as a plain value: the mode, and what that mode adds to the pods and
 * the Service. The Observability construct makes it; the pod builders and the checks receive it,
 * so none of them reads the OpenTelemetry flag again.
 */
export interface ObservabilityPlan {
  /** Which of the two modes the test uses. */
  readonly mode: ObservabilityMode;
  /** The OTLP transport the Locust containers are given; only in OpenTelemetry mode. @default - none in exporter mode */
  readonly otlpProtocol?: string;
  /** Flags inserted right after the command words of master and worker. */
  readonly commandFlags: readonly string[];
  /** Variables for every Locust container, placed after the Kafka ones. */
  readonly locustEnv: readonly JsonObject[];
  /** The master pod's init containers: the exporter as a native sidecar, or none. */
  readonly masterInitContainers: readonly JsonObject[];
  /** Ports added to the master Service after the two Locust ports. */
  readonly servicePorts: readonly ServicePortEntry[];
  /** Annotations on the master pod template, before the user's own (which win). */
  readonly masterAnnotations: Readonly<Record<string, string>>;
}

/** The transport Locust's OTLP exporter uses when the spec names none. */
const DEFAULT_OTLP_PROTOCOL = 'grpc';

/**
 * The one reader of `spec.observability.openTelemetry.enabled`: OpenTelemetry is on exactly when
 * it is `true`. Accepts any JSON, since the decision is made before the spec is validated.
 */
export function observabilityModeOf(openTelemetry: unknown): ObservabilityMode {
  return isJsonObject(openTelemetry) && openTelemetry.enabled === true ? ObservabilityMode.OPEN_TELEMETRY : ObservabilityMode.METRICS_EXPORTER;
}

/**
 * Decides between native OpenTelemetry and the metrics-exporter sidecar, and lists what the
 * chosen mode contributes: `--otel` and the `OTEL_*` variables for both Locust containers, or the
 * exporter sidecar, the Service's metrics port and the master's Prometheus scrape annotations.
 */
export function planObservability(openTelemetry: OpenTelemetryJson | undefined, exporter: ResolvedOperatorConfig['metricsExporter']): ObservabilityPlan {
  const mode = observabilityModeOf(openTelemetry);
  if (mode === ObservabilityMode.OPEN_TELEMETRY) {
    const o = openTelemetry as OpenTelemetryJson;
    const otlpProtocol = o.protocol || DEFAULT_OTLP_PROTOCOL;
    return { mode, otlpProtocol, commandFlags: ['--otel'], locustEnv: otelEnv(o, otlpProtocol), masterInitContainers: [], servicePorts: [], masterAnnotations: {} };
  }
  return {
    mode,
    commandFlags: [],
    locustEnv: [],
    masterInitContainers: [exporterSidecar(exporter)],
    servicePorts: [{ name: 'prometheus-metrics', protocol: 'TCP', port: exporter.port }],
    masterAnnotations: {
      'prometheus.io/scrape': 'true',
      'prometheus.io/path': '/metrics',
      'prometheus.io/port': String(exporter.port),
    },
  };
}

/** The OTLP exporters, endpoint, protocol and `insecure` when true, then the extra variables sorted by name. */
function otelEnv(o: OpenTelemetryJson, protocol: string): JsonObject[] {
  const env: JsonObject[] = [
    { name: 'OTEL_TRACES_EXPORTER', value: 'otlp' },
    { name: 'OTEL_METRICS_EXPORTER', value: 'otlp' },
  ];
  if (o.endpoint) env.push({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: o.endpoint });
  env.push({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: protocol });
  // Only `true` is written: with the gRPC exporter a set `false` would force TLS on http:// endpoints.
  if (o.insecure === true) env.push({ name: 'OTEL_EXPORTER_OTLP_INSECURE', value: 'true' });
  const extra = isJsonObject(o.extraEnvVars) ? (o.extraEnvVars as Record<string, string>) : {};
  // Byte order, as Go's sort.Strings: OTEL_METRICS_X before OTEL_METRIC_X.
  for (const name of Object.keys(extra).sort(byteOrder)) env.push({ name, value: extra[name] });
  return env;
}

function exporterSidecar(exporter: ResolvedOperatorConfig['metricsExporter']): JsonObject {
  const port = exporter.port;
  return {
    name: EXPORTER_CONTAINER_NAME,
    image: exporter.image,
    ports: [{ containerPort: port }],
    env: [
      { name: 'LOCUST_EXPORTER_URI', value: `http://localhost:${WEB_UI_PORT}` },
      { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: `:${port}` },
    ],
    resources: resourcesFromSettings(exporter.resources),
    restartPolicy: 'Always',
    imagePullPolicy: exporter.pullPolicy,
    securityContext: {
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    },
  };
}
