import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { LocustTest, TestFiles, synthOrReport } from 'cdk8s-locust';

export class ShopLoadTest extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // The service under test, defined with cdk8s-plus in the same chart. cdk8s-plus runs the
    // container as a non-root user on a read-only root filesystem: nginx-unprivileged listens on
    // 8080 as uid 101 and writes only under /tmp, an emptyDir here (stock nginx needs port 80 and
    // a writable /var/cache/nginx).
    const shop = new kplus.Deployment(this, 'shop', {
      metadata: { name: 'shop' },
      containers: [{
        image: 'nginxinc/nginx-unprivileged:1.27',
        portNumber: 8080,
        securityContext: { user: 101, group: 101 },
        volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(this, 'shop-tmp', 'tmp') }],
      }],
    });
    const service = shop.exposeViaService({ name: 'shop' });
    // A claim the cluster provides, for the HTML report and CSV stats of each run.
    const reportsClaim = kplus.PersistentVolumeClaim.fromClaimName(this, 'reports-claim', 'load-test-reports');

    new LocustTest(this, 'checkout', {
      name: 'checkout-load',
      // On every object the test writes and on its pods, for cost allocation.
      metadata: { labels: { 'example.com/cost-center': 'shop-qa' } },
      // locustfiles/ next to cdk8s.yaml becomes a ConfigMap mounted at /lotest/src.
      testFiles: TestFiles.fromDirectory('locustfiles'),
      reports: { volume: kplus.Volume.fromPersistentVolumeClaim(this, 'reports', reportsClaim) },
      spec: {
        image: 'locustio/locust:2.43.1',
        // The Locust image runs as uid 1000: the group lets it write to the claim.
        security: { podSecurityContext: { fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } } },
        master: {
          command: `--locustfile /lotest/src/checkout.py --host http://${service.name}:8080 --users 50 --spawn-rate 5 --run-time 5m`,
          resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        },
        worker: {
          command: '--locustfile /lotest/src/checkout.py',
          replicas: 2,
          resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        },
      },
    });
  }
}

const app = new App();
new ShopLoadTest(app, 'shop-load', { namespace: 'load-testing' });
synthOrReport(app);
