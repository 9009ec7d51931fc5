/**
 * A load test that runs after every Argo CD sync of the service it tests. One cdk8s app, two
 * charts: the storefront (a cdk8s-plus-28 Deployment and its Service) and its smoke load test,
 * whose Jobs are PostSync hooks. `npm run synth:examples` writes both to dist/argocd-hook/, which
 * examples/argocd-hook/application.yaml deploys as one Application: each sync rolls the
 * storefront out, then runs the test against it, and fails when the master's thresholds are breached.
 *
 * Paths are relative to examples/argocd-hook/, where `cdk8s synth` runs (see its cdk8s.yaml).
 */
import { App, Chart, ChartProps, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ArgoCdHook, LocustTest, TestFiles, synthOrReport } from 'cdk8s-locust';

/** How long a replaced storefront pod may take to stop; the load test waits that long first. */
const TERMINATION_GRACE = Duration.seconds(30);

/** The service under test. */
export class Storefront extends Chart {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: 'storefront' },
      replicas: 3,
      terminationGracePeriod: TERMINATION_GRACE,
      containers: [{
        name: 'storefront',
        image: 'ghcr.io/your-org/storefront:1.4.2',
        portNumber: 8080,
        // Argo CD's Deployment health, which a PostSync hook waits for, counts only ready pods.
        readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
      }],
    });
    this.service = deployment.exposeViaService({ name: 'storefront', ports: [{ port: 8080 }] });
  }
}

export interface StorefrontSmokeTestProps extends ChartProps {
  /** The Service of the storefront the test loads. */
  readonly target: kplus.Service;
}

/** The smoke load test, run by Argo CD after each sync. */
export class StorefrontSmokeTest extends Chart {
  constructor(scope: Construct, id: string, props: StorefrontSmokeTestProps) {
    super(scope, id, props);
    const host = `--host http://${props.target.name}:8080`;
    new LocustTest(this, 'smoke', {
      name: 'storefront-smoke',
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: `--locustfile /lotest/src/smoke.py ${host} --users 50 --spawn-rate 10 --run-time 3m` },
        worker: { command: `--locustfile /lotest/src/smoke.py ${host}`, replicas: 2 },
      },
      testFiles: TestFiles.fromDirectory('locustfiles'),
      // The master's verdict is the sync's: a breach makes it exit 1, and the sync operation fails.
      thresholds: { maxFailRatio: 0.01, maxResponseTimePercentiles: [{ percentile: 0.95, max: Duration.millis(500) }] },
      // A PostSync hook may start while the replaced storefront pods are still stopping
      // (argo-cd #17408): wait out their grace period before loading the new ones.
      argoCd: { hook: ArgoCdHook.POST_SYNC, startDelay: TERMINATION_GRACE },
    });
  }
}

if (require.main === module) {
  const app = new App();
  const storefront = new Storefront(app, 'storefront', { namespace: 'storefront' });
  new StorefrontSmokeTest(app, 'storefront-smoke', { namespace: 'storefront', target: storefront.service });
  synthOrReport(app);
}
