import { LocustTest, ObservabilityMode } from '../../src';
import { minimalSpecJson } from '../fixtures';
import { argsAfterCommand, byName, envNames, envVar, find, initContainer, locustContainer, synthChart } from '../util';

function render(openTelemetry?: Record<string, unknown>) {
  const spec = minimalSpecJson(openTelemetry === undefined ? {} : { observability: { openTelemetry } });
  let mode: ObservabilityMode | undefined;
  const objects = synthChart((chart) => {
    mode = LocustTest.fromObject(chart, 't', { name: 'obs', spec }).observability.mode;
  });
  return {
    mode,
    service: find(objects, 'Service', 'obs-master'),
    master: find(objects, 'Job', 'obs-master'),
    worker: find(objects, 'Job', 'obs-worker'),
  };
}

const OTEL = { enabled: true, endpoint: 'http://otel-collector.monitoring:4317' };

describe('Observability', () => {
  test('adds --otel right after the command words of master and worker when OpenTelemetry is enabled', () => {
    const { master, worker, mode } = render(OTEL);
    expect(mode).toBe(ObservabilityMode.OPEN_TELEMETRY);
    const command = minimalSpecJson().master.command;
    expect(argsAfterCommand(locustContainer(master).args, command).slice(0, 2)).toEqual(['--otel', '--master']);
    expect(argsAfterCommand(locustContainer(worker).args, command).slice(0, 2)).toEqual(['--otel', '--worker']);
  });

  test('injects the OpenTelemetry variables into every Locust container, after Kafka and before user variables', () => {
    const { master, worker } = render({ ...OTEL, protocol: 'http/protobuf', insecure: true, extraEnvVars: { OTEL_METRIC_X: '2', OTEL_METRICS_X: '1', OTEL_SERVICE_NAME: 'checkout' } });
    const expected = [
      { name: 'OTEL_TRACES_EXPORTER', value: 'otlp' },
      { name: 'OTEL_METRICS_EXPORTER', value: 'otlp' },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring:4317' },
      { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
      { name: 'OTEL_EXPORTER_OTLP_INSECURE', value: 'true' },
      { name: 'OTEL_METRICS_X', value: '1' },
      { name: 'OTEL_METRIC_X', value: '2' },
      { name: 'OTEL_SERVICE_NAME', value: 'checkout' },
    ];
    // after the seven Kafka variables, which come first
    for (const job of [master, worker]) expect(locustContainer(job).env.filter((e: any) => !e.name.startsWith('KAFKA_'))).toEqual(expected);
    for (const job of [master, worker]) expect(envNames(locustContainer(job)).findIndex((n) => n.startsWith('OTEL_'))).toBe(envNames(locustContainer(job)).filter((n) => n.startsWith('KAFKA_')).length);
  });

  test('defaults the protocol to grpc and writes no insecure variable unless insecure is true', () => {
    const { worker } = render({ ...OTEL, insecure: false });
    const env = locustContainer(worker).env;
    expect(envVar({ env }, 'OTEL_EXPORTER_OTLP_PROTOCOL')).toEqual({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'grpc' });
    expect(envNames(locustContainer(worker))).not.toContain('OTEL_EXPORTER_OTLP_INSECURE');
  });

  test('removes the exporter sidecar, the metrics port and the scrape annotations when OpenTelemetry is enabled', () => {
    const { service, master } = render(OTEL);
    expect(master.spec.template.spec.initContainers).toBeUndefined();
    expect(service.spec.ports.map((p: any) => p.name)).toEqual(['port5557', 'port5558']);
    expect(master.spec.template.metadata.annotations).toBeUndefined();
    // the master still declares the web UI port
    expect(locustContainer(master).ports).toEqual([{ containerPort: 5557 }, { containerPort: 5558 }, { containerPort: 8089 }]);
  });

  test.each([
    ['absent', undefined],
    ['disabled', { enabled: false, endpoint: 'http://ignored:4317', extraEnvVars: { OTEL_SERVICE_NAME: 'ignored' } }],
  ])('keeps the sidecar and the metrics port when OpenTelemetry is %s', (_label, openTelemetry) => {
    const { service, master, worker, mode } = render(openTelemetry);
    expect(mode).toBe(ObservabilityMode.METRICS_EXPORTER);
    expect(master.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['locust-metrics-exporter']);
    expect(initContainer(master, 'locust-metrics-exporter').restartPolicy).toBe('Always');
    expect(byName(service.spec.ports, 'prometheus-metrics')).toEqual({ name: 'prometheus-metrics', protocol: 'TCP', port: 9646 });
    expect(master.spec.template.metadata.annotations['prometheus.io/scrape']).toBe('true');
    for (const job of [master, worker]) {
      expect(locustContainer(job).args).not.toContain('--otel');
      expect(envNames(locustContainer(job)).filter((n) => n.startsWith('OTEL_'))).toEqual([]);
    }
  });

  test('lets user annotations override the scrape annotations, as the operator does', () => {
    const spec = minimalSpecJson({ master: { command: '-f x.py', annotations: { 'prometheus.io/port': '8089' } } });
    const objects = synthChart((chart) => LocustTest.fromObject(chart, 't', { name: 'ann', spec }));
    expect(find(objects, 'Job', 'ann-master').spec.template.metadata.annotations['prometheus.io/port']).toBe('8089');
  });

  test('uses the configured exporter port for the sidecar, its listen address, the Service and the annotation', () => {
    const objects = synthChart((chart) => LocustTest.fromObject(chart, 't', { name: 'port', spec: minimalSpecJson(), operatorConfig: { metricsExporter: { port: 9100 } } }));
    const master = find(objects, 'Job', 'port-master');
    const sidecar = initContainer(master, 'locust-metrics-exporter');
    expect(sidecar.ports).toEqual([{ containerPort: 9100 }]);
    expect(envVar(sidecar, 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS')).toEqual({ name: 'LOCUST_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9100' });
    expect(byName(find(objects, 'Service', 'port-master').spec.ports, 'prometheus-metrics').port).toBe(9100);
    expect(master.spec.template.metadata.annotations['prometheus.io/port']).toBe('9100');
  });
});
