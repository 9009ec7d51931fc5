import * as fs from 'fs';
import * as path from 'path';
import { ShopLoadTests } from '../examples/composed/main';
import { OtelLoadTest } from '../examples/otel/main';
import { CheckoutVerdict } from '../examples/verdict/main';
import { Storefront, StorefrontSmokeTest } from '../examples/argocd-hook/main';
import { NightlySoak } from '../examples/nightly/main';
import { synthExample } from './example-apps';
import { find, initContainer, locustContainer } from './util';

/** Every TypeScript file under examples/, recursively. */
function exampleSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return exampleSources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('examples', () => {
  test('import the library by its package name only, as a user\'s app does', () => {
    // GIVEN every example source
    const sources = exampleSources(path.join(__dirname, '..', 'examples'));
    expect(sources.length).toBeGreaterThanOrEqual(5);

    // THEN none reaches into the repository's folders; each imports 'cdk8s-locust'
    for (const source of sources) {
      const text = fs.readFileSync(source, 'utf8');
      expect([path.relative(path.join(__dirname, '..'), source), [...text.matchAll(/from '(\.[^']*)'/g)].map((m) => m[1])]).toEqual([expect.any(String), []]);
      expect(text).toMatch(/from 'cdk8s-locust';/);
    }
  });

  test('the composed example mounts its nested lib package and is laid out for Argo CD', () => {
    const objects = synthExample('examples/composed', (app) => new ShopLoadTests(app, 'shop', { namespace: 'load-testing', runId: 'r1' }));

    const lib = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('checkout-load-lib-'))!;
    expect(Object.keys(lib.data)).toContain('shop__catalogue__queries.py');
    const volume = find(objects, 'Job', 'catalogue-load-worker').spec.template.spec.volumes.find((v: any) => v.name === 'locust-lib');
    expect(volume.configMap.items).toContainEqual({ key: 'shop__catalogue__queries.py', path: 'shop/catalogue/queries.py' });
    expect(find(objects, 'Job', 'checkout-load-master').metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Force=true,Replace=true');
  });

  test('the OpenTelemetry example has no warning, in strict mode', () => {
    const objects = synthExample('examples/otel', (app) => new OtelLoadTest(app, 'otel'));
    expect(locustContainer(find(objects, 'Job', 'payments-load-master')).args).toContain('--otel');
  });

  test('the verdict example judges thresholds, keeps its reports per run and installs its requirements', () => {
    const objects = synthExample('examples/verdict', (app) => new CheckoutVerdict(app, 'verdict', { namespace: 'load-testing', runId: 'r7' }));

    const masterJob = find(objects, 'Job', 'checkout-load-master');
    const master = masterJob.spec.template.spec;
    const locust = locustContainer(masterJob);
    expect(locust.env).toContainEqual(expect.objectContaining({ name: 'CDK8S_LOCUST_THRESHOLDS' }));
    expect(locust.args).toContain('--html=/opt/cdk8s-locust/reports/checkout-load-r7.html');
    expect(locust.env).toContainEqual({ name: 'CDK8S_LOCUST_BASELINE', value: '/opt/cdk8s-locust/reports' });
    expect(JSON.parse(locust.env.find((variable: any) => variable.name === 'CDK8S_LOCUST_REGRESSION').value).endpoints).toEqual({ 'POST /orders': { maxP95IncreasePercent: 10 } });
    expect(master.volumes).toContainEqual({ name: 'pvc-load-test-reports', persistentVolumeClaim: { claimName: 'load-test-reports', readOnly: false } });
    expect(find(objects, 'Job', 'checkout-load-worker').spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['install-requirements']);
  });

  test('the Argo CD hook example runs its smoke test as PostSync hooks against the storefront Service, after its pods had time to stop', () => {
    const objects = synthExample('examples/argocd-hook', (app) => {
      const storefront = new Storefront(app, 'storefront', { namespace: 'storefront' });
      new StorefrontSmokeTest(app, 'storefront-smoke', { namespace: 'storefront', target: storefront.service });
    });

    // The service under test is a plain resource; the test's Jobs are hooks of one wave
    const deployment = find(objects, 'Deployment', 'storefront');
    expect(deployment.metadata.annotations).toBeUndefined();
    expect(find(objects, 'Service', 'storefront').spec.ports).toEqual([{ port: 8080 }]);
    for (const name of ['storefront-smoke-master', 'storefront-smoke-worker']) {
      const job = find(objects, 'Job', name);
      expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PostSync');
      // The start delay is the storefront's termination grace period
      expect(initContainer(job, 'start-delay').command).toEqual(['sleep', String(deployment.spec.template.spec.terminationGracePeriodSeconds)]);
      expect(locustContainer(job).args).toContain('http://storefront:8080');
    }
    // The verdict's ConfigMap is a resource of the earlier wave, like the locustfiles
    const verdict = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('storefront-smoke-verdict-'));
    expect(verdict.map((o) => o.metadata.annotations)).toEqual([{ 'argocd.argoproj.io/sync-wave': '0' }]);
  });

  test('the nightly example runs its soak from two CronJobs at 02:00', () => {
    const objects = synthExample('examples/nightly', (app) => new NightlySoak(app, 'nightly-soak', { namespace: 'load-testing' }));
    for (const name of ['catalogue-soak-master', 'catalogue-soak-worker']) {
      expect(find(objects, 'CronJob', name).spec.schedule).toBe('0 2 * * *');
    }
    expect(objects.filter((o) => o.kind === 'Job')).toEqual([]);
    expect(locustContainer(find(objects, 'CronJob', 'catalogue-soak-master')).args).toContain('--expect-workers-max-wait=600');
  });
});
