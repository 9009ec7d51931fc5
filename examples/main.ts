/**
 * The example app of this repository (`npm run synth` writes it to dist/): a checkout-service
 * load test exported over OpenTelemetry, and a catalogue test scraped by Prometheus through the
 * exporter sidecar. Their locustfiles are in examples/locustfiles/ (the path is relative to the
 * repository root, where `cdk8s synth` runs); `cdk8s-locust run` runs either test on this machine.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { LocustTest, TestFiles, synthOrReport } from 'cdk8s-locust';

export class LoadTestsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // One ConfigMap of both locustfiles, written once and mounted by both tests.
    const testFiles = TestFiles.fromDirectory('examples/locustfiles');

    // Traces and metrics go to the cluster's OpenTelemetry collector over OTLP/gRPC.
    new LocustTest(this, 'checkout', {
      name: 'checkout-load',
      spec: {
        image: 'locustio/locust-otel:2.43.4',
        master: {
          command: '--locustfile /lotest/src/checkout.py --host http://checkout.shop.svc:8080 --users 200 --spawn-rate 20 --run-time 10m',
          resources: {
            requests: { cpu: '500m', memory: '512Mi' },
            limits: { cpu: '1', memory: '1Gi' },
          },
        },
        worker: {
          command: '--locustfile /lotest/src/checkout.py --host http://checkout.shop.svc:8080',
          replicas: 4,
          resources: {
            requests: { cpu: '500m', memory: '256Mi' },
            limits: { cpu: '1', memory: '512Mi' },
          },
        },
        observability: {
          openTelemetry: {
            enabled: true,
            endpoint: 'http://otel-collector.monitoring.svc:4317',
            protocol: 'grpc',
            insecure: true,
            extraEnvVars: {
              OTEL_SERVICE_NAME: 'checkout-load',
              OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging',
              OTEL_METRIC_EXPORT_INTERVAL: '10000',
            },
          },
        },
      },
      testFiles,
    });

    // The Prometheus exporter sidecar serves locust_* metrics on port 9646 of the master.
    new LocustTest(this, 'catalogue', {
      name: 'catalogue-load',
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: '--locustfile /lotest/src/catalogue.py --host http://catalogue.shop.svc:8080 --users 50 --spawn-rate 10 --run-time 5m' },
        worker: { command: '--locustfile /lotest/src/catalogue.py --host http://catalogue.shop.svc:8080', replicas: 2 },
        env: { variables: [{ name: 'CATALOGUE_PAGE_SIZE', value: '50' }] },
        scheduling: { nodeSelector: { 'workload-type': 'load-testing' } },
      },
      testFiles,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new LoadTestsChart(app, 'load-tests', { namespace: 'load-testing' });
  synthOrReport(app);
}
