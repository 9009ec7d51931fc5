import { App, Chart, Duration } from 'cdk8s';
import { LocustTest, MetricsMonitor } from '../../src';
import { minimalSpec } from '../fixtures';
import { find, synthChart } from '../util';

const OTEL_SPEC = minimalSpec({ image: 'locustio/locust-otel:2.43.4', observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4317' } } });

describe('Prometheus Operator monitors', () => {
  test('a PodMonitor selects the master pod and scrapes the sidecar by port number', () => {
    // GIVEN a PodMonitor with labels and an interval
    const objects = synthChart((chart) => new LocustTest(chart, 't', {
      name: 'checkout', spec: minimalSpec(), monitor: MetricsMonitor.podMonitor({ labels: { release: 'kube-prometheus-stack' }, interval: Duration.seconds(15) }),
    }), { namespace: 'load' });

    // THEN it is a minimal PodMonitor in the test's namespace
    expect(find(objects, 'PodMonitor', 'checkout-master')).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'checkout-master', namespace: 'load', labels: { release: 'kube-prometheus-stack' } },
      spec: {
        selector: { matchLabels: { 'performance-test-pod-name': 'checkout-master' } },
        podMetricsEndpoints: [{ portNumber: 9646, path: '/metrics', interval: '15s' }],
      },
    });
    // AND the Service keeps the operator's form (no labels)
    expect(find(objects, 'Service', 'checkout-master').metadata.labels).toBeUndefined();
  });

  test.each([
    ['15s', '15s'],
    ['1m', '60s'],
    ['1m30s', '90s'],
  ])('takes the interval %s as written in YAML, giving %s', (interval, written) => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), monitor: MetricsMonitor.podMonitor({ interval }) }));
    expect(find(objects, 'PodMonitor', 'checkout-master').spec.podMetricsEndpoints[0].interval).toBe(written);
  });

  test.each([
    ['not a duration', 'soon', 'must be a duration'],
    ['a fraction of a second', '1500ms', 'must be a whole number of seconds, at least 1'],
    ['zero', Duration.seconds(0), 'must be a whole number of seconds, at least 1'],
  ])('fails when the interval is %s', (_what, interval, message) => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), monitor: MetricsMonitor.podMonitor({ interval }) });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'monitor.interval', message })]);
  });

  test('a ServiceMonitor selects the master Service through a label added for it', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), monitor: MetricsMonitor.serviceMonitor() }));
    const monitor = find(objects, 'ServiceMonitor', 'checkout-master');
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { 'cdk8s-locust/metrics-service': 'checkout-master' } },
      endpoints: [{ port: 'prometheus-metrics', path: '/metrics' }],
    });
    expect(find(objects, 'Service', 'checkout-master').metadata.labels).toEqual({ 'cdk8s-locust/metrics-service': 'checkout-master' });
  });

  test('follows the operator configuration\'s exporter port', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), operatorConfig: { metricsExporter: { port: 9900 } }, monitor: MetricsMonitor.podMonitor() }));
    expect(find(objects, 'PodMonitor', 'checkout-master').spec.podMetricsEndpoints[0].portNumber).toBe(9900);
  });

  test('the monitor object is reachable', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), monitor: MetricsMonitor.podMonitor() });
    expect(test.monitor?.kind).toBe('PodMonitor');
  });

  test('fails when OpenTelemetry is on, since no sidecar serves metrics', () => {
    // GIVEN a PodMonitor on a test that exports over OpenTelemetry
    const app = new App();
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: OTEL_SPEC, monitor: MetricsMonitor.podMonitor() });

    // THEN it is a problem and nothing is written
    expect(test.problems).toEqual([expect.objectContaining({ path: 'monitor', value: 'PodMonitor' })]);
    expect(() => app.synth()).toThrow(/monitor scrapes the metrics exporter sidecar, which a test with OpenTelemetry has not/);
  });
});
