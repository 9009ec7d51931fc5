/**
 * Two load tests composed in one chart, with their locustfiles and a shared lib package (nested
 * folders) read from this repository, laid out for Argo CD. Synthesized by
 * `npm run synth:examples` into dist/composed/, which examples/argocd/application.yaml deploys.
 *
 * Paths are relative to examples/composed/, where `cdk8s synth` runs (see its cdk8s.yaml).
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EnvSource, LocustTest, MetricsMonitor, TestFiles, synthOrReport } from 'cdk8s-locust';

export interface ShopLoadTestsProps extends ChartProps {
  /** Bump to run both tests again from Git: only the Jobs' pod templates change. */
  readonly runId: string;
}

export class ShopLoadTests extends Chart {
  constructor(scope: Construct, id: string, props: ShopLoadTestsProps) {
    super(scope, id, props);

    // Settings both tests read as environment variables.
    const settings = new kplus.ConfigMap(this, 'Settings', {
      metadata: { name: 'shop-load-settings' },
      data: { SHOP_CURRENCY: 'EUR' },
    });
    // The lib folder is mounted at /opt/locust/lib, which the library puts on PYTHONPATH.
    const testFiles = TestFiles.fromDirectory('locustfiles', { libDirectory: 'lib' });
    const host = '--host http://shop-frontend.shop.svc:8080';

    new LocustTest(this, 'checkout', {
      name: 'checkout-load',
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: `--locustfile /lotest/src/checkout.py ${host} --users 100 --spawn-rate 20 --run-time 10m` },
        worker: { command: `--locustfile /lotest/src/checkout.py ${host}`, replicas: 3 },
      },
      testFiles,
      envFrom: [EnvSource.fromConfigMap(settings)],
      argoCd: {},
      runId: props.runId,
      webUi: true,
      monitor: MetricsMonitor.podMonitor({ labels: { release: 'kube-prometheus-stack' } }),
    });

    new LocustTest(this, 'catalogue', {
      name: 'catalogue-load',
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: `--locustfile /lotest/src/catalogue.py ${host} --users 40 --spawn-rate 4 --run-time 5m` },
        worker: { command: `--locustfile /lotest/src/catalogue.py ${host}`, replicas: 2 },
      },
      testFiles,
      envFrom: [EnvSource.fromConfigMap(settings)],
      argoCd: {},
      runId: props.runId,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ShopLoadTests(app, 'shop-load-tests', { namespace: 'load-testing', runId: '2026-11-22-1' });
  synthOrReport(app);
}
