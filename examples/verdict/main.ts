/**
 * A load test that says whether it passed: the master judges thresholds over the whole run and
 * exits 1 on a breach, so its Job fails (Argo CD: Degraded) or completes (Healthy); the HTML and
 * CSV reports go to a PersistentVolumeClaim, one set of files per run id; the locustfile's Python
 * packages are installed from its requirements.txt before Locust starts; each run is compared
 * with the last run that passed, and fails when it got slower.
 * Synthesized by `npm run synth:examples` into dist/verdict/.
 */
import { App, Chart, ChartProps, Duration } from 'cdk8s';
import { PersistentVolumeClaim, Volume } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { LocustTest, RegressionBaseline, synthOrReport, TestFiles } from 'cdk8s-locust';

export interface CheckoutVerdictProps extends ChartProps {
  /** Changes per run: a new id makes Argo CD replace the Jobs, and names the run's report files. */
  readonly runId: string;
}

export class CheckoutVerdict extends Chart {
  constructor(scope: Construct, id: string, props: CheckoutVerdictProps) {
    super(scope, id, props);

    // A claim the cluster already has; Locust's image runs as uid 1000, hence fsGroup below.
    const claim = PersistentVolumeClaim.fromClaimName(this, 'ReportsClaim', 'load-test-reports');

    new LocustTest(this, 'checkout', {
      name: 'checkout-load',
      argoCd: {},
      runId: props.runId,
      testFiles: TestFiles.fromDirectory('locustfiles', { requirementsFile: 'requirements.txt' }),
      thresholds: {
        maxFailRatio: 0.01,
        maxAverageResponseTime: Duration.millis(300),
        maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.millis(800) }],
        minRequestsPerSecond: 50,
      },
      reports: { volume: Volume.fromPersistentVolumeClaim(this, 'Reports', claim) },
      // Compared with the newest passing summary on the claim; placing an order may slow down less.
      regression: {
        baseline: RegressionBaseline.fromReports(),
        endpointLimits: { 'POST /orders': { maxP95IncreasePercent: 10 } },
      },
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: '--locustfile /lotest/src/checkout.py --host http://checkout.shop.svc:8080 --users 200 --spawn-rate 20 --run-time 5m' },
        worker: { command: '--locustfile /lotest/src/checkout.py --host http://checkout.shop.svc:8080', replicas: 4 },
        security: { podSecurityContext: { fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } } },
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new CheckoutVerdict(app, 'checkout-verdict', { namespace: 'load-testing', runId: '2026-12-01-1' });
  synthOrReport(app);
}
