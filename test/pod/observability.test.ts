import { ObservabilityMode, observabilityModeOf, planObservability } from '../../src/pod/observability';
import { DEFAULT_OPERATOR_CONFIG } from '../../src/operator/operator-config';
import { byName } from '../util';

/**
 * The observability plan built directly from plain values, without a construct: which mode a
 * spec's `openTelemetry` block selects, and what each mode adds to the pods and the Service.
 */
const EXPORTER = DEFAULT_OPERATOR_CONFIG.metricsExporter;

describe('observabilityModeOf', () => {
  test('is OpenTelemetry exactly when enabled is the boolean true', () => {
    expect(observabilityModeOf({ enabled: true })).toBe(ObservabilityMode.OPEN_TELEMETRY);
  });

  test.each([
    ['no block', undefined],
    ['enabled false', { enabled: false }],
    ['enabled as the string "true"', { enabled: 'true' }],
    ['enabled as 1', { enabled: 1 }],
    ['a block that is not an object', true],
    ['null', null],
    ['an array', [{ enabled: true }]],
  ])('is the metrics exporter for %s', (_what, openTelemetry) => {
    expect(observabilityModeOf(openTelemetry)).toBe(ObservabilityMode.METRICS_EXPORTER);
  });
});

describe('planObservability: OpenTelemetry', () => {
  test('adds --otel and the OTLP variables in the operator\'s order, and nothing for the exporter', () => {
    // GIVEN OpenTelemetry with an endpoint, a protocol, insecure and two extra variables
    const plan = planObservability({
      enabled: true,
      endpoint: 'http://otel-collector:4318',
      protocol: 'http/protobuf',
      insecure: true,
      extraEnvVars: { OTEL_SERVICE_NAME: 'shop', OTEL_RESOURCE_ATTRIBUTES: 'team=shop' },
    }, EXPORTER);

    // THEN the plan is the OpenTelemetry mode with its flag and variables, extras sorted by name
    expect(plan).toEqual({
      mode: ObservabilityMode.OPEN_TELEMETRY,
      otlpProtocol: 'http/protobuf',
      commandFlags: ['--otel'],
      locustEnv: [
        { name: 'OTEL_TRACES_EXPORTER', value: 'otlp' },
        { name: 'OTEL_METRICS_EXPORTER', value: 'otlp' },
        { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector:4318' },
        { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
        { name: 'OTEL_EXPORTER_OTLP_INSECURE', value: 'true' },
        { name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'team=shop' },
        { name: 'OTEL_SERVICE_NAME', value: 'shop' },
      ],
      masterInitContainers: [],
      servicePorts: [],
      masterAnnotations: {},
    });
  });

  test('uses gRPC when the protocol is missing or empty', () => {
    for (const protocol of [undefined, '']) {
      const plan = planObservability({ enabled: true, endpoint: 'http://c:4317', ...(protocol === undefined ? {} : { protocol }) }, EXPORTER);
      expect(plan.otlpProtocol).toBe('grpc');
      expect(byName(plan.locustEnv, 'OTEL_EXPORTER_OTLP_PROTOCOL')).toEqual({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'grpc' });
    }
  });

  test('writes no endpoint variable without an endpoint, and no insecure variable unless it is true', () => {
    // GIVEN no endpoint and insecure false
    const plan = planObservability({ enabled: true, insecure: false }, EXPORTER);

    // THEN only the exporters and the protocol are set: a set false would force TLS on http:// endpoints
    expect(plan.locustEnv.map((e) => e.name)).toEqual(['OTEL_TRACES_EXPORTER', 'OTEL_METRICS_EXPORTER', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
  });

  test('sorts extra variables in byte order, as Go does: OTEL_METRICS_X before OTEL_METRIC_X', () => {
    const plan = planObservability({ enabled: true, extraEnvVars: { OTEL_METRIC_X: 'b', OTEL_METRICS_X: 'a', A: 'c' } }, EXPORTER);
    expect(plan.locustEnv.map((e) => e.name).slice(-3)).toEqual(['A', 'OTEL_METRICS_X', 'OTEL_METRIC_X']);
  });

  test('ignores extra variables that are not a map', () => {
    const plan = planObservability({ enabled: true, extraEnvVars: ['OTEL_X'] as unknown as Record<string, string> }, EXPORTER);
    expect(plan.locustEnv.map((e) => e.name)).toEqual(['OTEL_TRACES_EXPORTER', 'OTEL_METRICS_EXPORTER', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
  });
});

describe('planObservability: the metrics exporter', () => {
  test.each([
    ['no OpenTelemetry block', undefined],
    ['OpenTelemetry disabled', { enabled: false, endpoint: 'http://c:4317', protocol: 'grpc' }],
  ])('with %s adds the exporter sidecar, its Service port and the scrape annotations, and no OTLP setting', (_what, openTelemetry) => {
    const plan = planObservability(openTelemetry, EXPORTER);
    expect(plan).toEqual({
      mode: ObservabilityMode.METRICS_EXPORTER,
      commandFlags: [],
      locustEnv: [],
      masterInitContainers: [expect.objectContaining({ name: 'locust-metrics-exporter' })],
      servicePorts: [{ name: 'prometheus-metrics', protocol: 'TCP', port: 9646 }],
      masterAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': '9646' },
    });
    expect(plan).not.toHaveProperty('otlpProtocol');
  });

  test('builds the sidecar from the operator\'s exporter settings: a native sidecar reading the web UI', () => {
    // GIVEN an operator whose exporter listens on 9100 with its own image, pull policy and resources
    const exporter = { image: 'registry.example.com/exporter:1', port: 9100, pullPolicy: 'Always', resources: { cpuRequest: '10m', memoryLimit: '32Mi' } };

    // WHEN the exporter mode is planned
    const plan = planObservability(undefined, exporter);

    // THEN the sidecar restarts always (a native sidecar), scrapes Locust's web UI and listens on the port
    expect(byName(plan.masterInitContainers, 'locust-metrics-exporter')).toEqual({
      name: 'locust-metrics-exporter',
      image: 'registry.example.com/exporter:1',
      ports: [{ containerPort: 9100 }],
      env: [
        { name: 'LOCUST_EXPORTER_URI', value: 'http://localhost:8089' },
        { name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9100' },
      ],
      resources: { requests: { cpu: '10m' }, limits: { memory: '32Mi' } },
      restartPolicy: 'Always',
      imagePullPolicy: 'Always',
      securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    });
    expect(plan.servicePorts).toEqual([{ name: 'prometheus-metrics', protocol: 'TCP', port: 9100 }]);
    expect(plan.masterAnnotations['prometheus.io/port']).toBe('9100');
  });
});
