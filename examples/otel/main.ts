/**
 * A load test exporting traces and metrics with Locust's native OpenTelemetry, set up so that
 * none of the library's warnings applies: an image with the OTel SDK, the gRPC protocol on the
 * gRPC port, the service named through OTEL_SERVICE_NAME, a valid ratio sampler and a short
 * metric interval. `strict: true` makes any warning fail the synthesis. The locustfile is read
 * from locustfiles/ beside this file.
 * Synthesized by `npm run synth:examples` into dist/otel/.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { locust, LocustTest, TestFiles, synthOrReport } from 'cdk8s-locust';

export class OtelLoadTest extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    new LocustTest(this, 'payments', {
      name: 'payments-load',
      strict: true,
      webUi: true,
      spec: {
        image: 'locustio/locust-otel:2.43.4',
        master: { command: '--locustfile /lotest/src/payments.py --host http://payments.shop.svc:8080 --users 60 --spawn-rate 6 --run-time 5m' },
        worker: { command: '--locustfile /lotest/src/payments.py --host http://payments.shop.svc:8080', replicas: 2 },
        observability: {
          openTelemetry: {
            enabled: true,
            // OTLP/gRPC is Locust's default protocol; 4317 is its port. Plaintext inside the cluster.
            endpoint: 'http://otel-collector.monitoring.svc:4317',
            protocol: locust.LocustTestSpecObservabilityOpenTelemetryProtocol.GRPC,
            insecure: true,
            extraEnvVars: {
              // Locust overrides service.name from OTEL_RESOURCE_ATTRIBUTES; this is the way to name it.
              OTEL_SERVICE_NAME: 'payments-load',
              OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,team=payments',
              OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
              OTEL_TRACES_SAMPLER_ARG: '0.2',
              // The SDK's 60 s default would hide most of a short test.
              OTEL_METRIC_EXPORT_INTERVAL: '10000',
            },
          },
        },
      },
      testFiles: TestFiles.fromDirectory('locustfiles'),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new OtelLoadTest(app, 'otel-load-test', { namespace: 'load-testing' });
  synthOrReport(app);
}
