/**
 * A nightly soak: the catalogue loaded for an hour every night at 02:00, by two CronJobs that
 * Argo CD deploys like any other resource. `npm run synth:examples` writes it to dist/nightly/.
 *
 * Paths are relative to examples/nightly/, where `cdk8s synth` runs (see its cdk8s.yaml).
 */
import { App, Chart, ChartProps, Cron } from 'cdk8s';
import { Construct } from 'constructs';
import { LocustTest, TestFiles, synthOrReport } from 'cdk8s-locust';

export class NightlySoak extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const host = '--host http://catalogue.shop.svc:8080';
    new LocustTest(this, 'soak', {
      name: 'catalogue-soak',
      spec: {
        image: 'locustio/locust:2.43.1',
        master: { command: `--locustfile /lotest/src/soak.py ${host} --users 200 --spawn-rate 5 --run-time 1h` },
        worker: { command: `--locustfile /lotest/src/soak.py ${host}`, replicas: 4 },
      },
      testFiles: TestFiles.fromDirectory('locustfiles'),
      // Every night at 02:00, in the time zone of the cluster's controller manager.
      schedule: Cron.schedule({ minute: '0', hour: '2' }),
      // The CronJobs are plain resources to Argo CD: changed in place, never replaced.
      argoCd: {},
    });
  }
}

if (require.main === module) {
  const app = new App();
  new NightlySoak(app, 'nightly-soak', { namespace: 'load-testing' });
  synthOrReport(app);
}
