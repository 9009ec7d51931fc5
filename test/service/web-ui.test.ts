import { LocustTest } from '../../src';
import { minimalSpec } from '../fixtures';
import { find, synthChart } from '../util';

describe('web UI port', () => {
  test('adds port 8089 named web-ui as the last port of the master Service', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec(), webUi: true }));
    expect(find(objects, 'Service', 'checkout-master').spec.ports).toEqual([
      { name: 'port5557', protocol: 'TCP', port: 5557 },
      { name: 'port5558', protocol: 'TCP', port: 5558 },
      { name: 'prometheus-metrics', protocol: 'TCP', port: 9646 },
      { name: 'web-ui', protocol: 'TCP', port: 8089 },
    ]);
  });

  test('follows the Locust ports directly with OpenTelemetry on', () => {
    const spec = minimalSpec({ image: 'locustio/locust-otel:2.43.4', observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4317' } } });
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec, webUi: true }));
    expect(find(objects, 'Service', 'checkout-master').spec.ports.map((p: any) => p.name)).toEqual(['port5557', 'port5558', 'web-ui']);
  });

  test('is off by default, as in the operator', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec() }));
    expect(find(objects, 'Service', 'checkout-master').spec.ports.map((p: any) => p.name)).not.toContain('web-ui');
  });
});
