import { Chart, Testing } from 'cdk8s';
import { DEFAULT_OPERATOR_CONFIG, planObservability } from '../../src/tooling';
import { createService, serviceSpec, ServiceContext } from '../../src/service/service';

const EXPORTER = planObservability(undefined, DEFAULT_OPERATOR_CONFIG.metricsExporter);
const OPEN_TELEMETRY = planObservability({ enabled: true, endpoint: 'http://collector:4317' }, DEFAULT_OPERATOR_CONFIG.metricsExporter);

function context(props: Partial<ServiceContext> = {}): ServiceContext {
  return { name: 'checkout', observability: EXPORTER, webUi: false, ...props };
}

const portNames = (spec: any): string[] => spec.ports.map((port: any) => port.name);

describe('serviceSpec', () => {
  test('selects the master pod by its pod-name label', () => {
    expect(serviceSpec(context({ name: 'shop.checkout' })).selector).toEqual({ 'performance-test-pod-name': 'shop-checkout-master' });
  });

  test('has the operator\'s two ports, then the exporter\'s', () => {
    // GIVEN the exporter sidecar mode
    const spec = serviceSpec(context());

    // THEN the master's ports come first, the exporter's after them
    expect(spec.ports).toEqual([
      { name: 'port5557', protocol: 'TCP', port: 5557 },
      { name: 'port5558', protocol: 'TCP', port: 5558 },
      { name: 'prometheus-metrics', protocol: 'TCP', port: 9646 },
    ]);
  });

  test('has no exporter port with OpenTelemetry', () => {
    expect(portNames(serviceSpec(context({ observability: OPEN_TELEMETRY })))).toEqual(['port5557', 'port5558']);
  });

  test('adds the web UI\'s port last when asked', () => {
    expect(portNames(serviceSpec(context({ webUi: true })))).toEqual(['port5557', 'port5558', 'prometheus-metrics', 'web-ui']);
  });
});

describe('createService', () => {
  test('writes the Service named after the master, in the namespace given', () => {
    // WHEN the Service is written in a namespace
    const chart = new Chart(Testing.app(), 'c');
    createService(chart, 'S', context({ namespace: 'load' }));

    // THEN it carries only name and namespace, and the spec as built
    const [service] = Testing.synth(chart);
    expect(service.metadata).toEqual({ name: 'checkout-master', namespace: 'load' });
    expect(service.spec).toEqual(serviceSpec(context()));
  });

  test('omits the namespace when there is none', () => {
    const chart = new Chart(Testing.app(), 'c');
    createService(chart, 'S', context());
    expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'checkout-master' });
  });
});
