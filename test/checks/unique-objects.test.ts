import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EnvSource, LocustTest } from '../../src';
import { minimalSpec } from '../fixtures';
import { find, locustContainer, synthApp, synthChart } from '../util';
import { UniqueObjects } from '../../src/checks/unique-objects';

describe('composition', () => {
  test('several tests in one chart each write their own three objects', () => {
    const objects = synthChart((chart) => {
      new LocustTest(chart, 'checkout', { name: 'checkout', spec: minimalSpec() });
      new LocustTest(chart, 'catalogue', { name: 'catalogue', spec: minimalSpec() });
    }, { namespace: 'load' });
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Service/load/checkout-master', 'Job/load/checkout-master', 'Job/load/checkout-worker',
      'Service/load/catalogue-master', 'Job/load/catalogue-master', 'Job/load/catalogue-worker',
    ]);
  });

  test('the same test name in two namespaces is fine', () => {
    // GIVEN two charts with different namespaces, and one test overriding its namespace
    const app = new App();
    new LocustTest(new Chart(app, 'staging', { namespace: 'staging' }), 't', { name: 'checkout', spec: minimalSpec() });
    new LocustTest(new Chart(app, 'prod', { namespace: 'staging' }), 't', { name: 'checkout', spec: minimalSpec(), namespace: 'prod' });

    // THEN both synthesize, each in its namespace
    const objects = synthApp(app);
    expect(objects.filter((o) => o.kind === 'Job' && o.metadata.name === 'checkout-master').map((o) => o.metadata.namespace)).toEqual(['staging', 'prod']);
  });

  test('fails when two tests in one namespace would write the same objects, across charts, naming both', () => {
    // GIVEN two charts writing checkout into the same namespace
    const app = new App();
    new LocustTest(new Chart(app, 'first', { namespace: 'load' }), 'a', { name: 'checkout', spec: minimalSpec() });
    new LocustTest(new Chart(app, 'second', { namespace: 'load' }), 'b', { name: 'checkout', spec: minimalSpec() });

    // THEN validation names each repeated object once, with both construct paths
    expect(() => app.synth()).toThrow(/metadata.name gives Job load\/checkout-master at second\/b\/MasterJob, which first\/a\/MasterJob also writes/);
    expect(() => app.synth()).toThrow(/gives Service load\/checkout-master at second\/b\/MasterService, which first\/a\/MasterService also writes/);
  });

  test('fails when two tests repeat an object, reporting it on the construct path of the test that repeats it', () => {
    // GIVEN two tests writing checkout into the same namespace
    const app = new App();
    new LocustTest(new Chart(app, 'first', { namespace: 'load' }), 'a', { name: 'checkout', spec: minimalSpec() });
    new LocustTest(new Chart(app, 'second', { namespace: 'load' }), 'b', { name: 'checkout', spec: minimalSpec() });

    // THEN each error line starts with the second test's path, never an empty one
    expect(() => app.synth()).toThrow(/\n {2}\[second\/b\] metadata\.name gives Service load\/checkout-master at second\/b\/MasterService/);
    expect(() => app.synth()).not.toThrow(/\[\]/);
  });

  test('fails when an object of the app repeats one of a test, reporting it on that test', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'load' });
    new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec() });
    new kplus.Service(chart, 'Svc', { metadata: { name: 'checkout-master' }, ports: [{ port: 80 }] });
    expect(() => app.synth()).toThrow(/\[c\/t\] metadata\.name gives Service load\/checkout-master at c\/Svc\/Resource, which c\/t\/MasterService also writes/);
  });

  test('reports a repeat found after a first synthesis', () => {
    // GIVEN an app that synthesizes, and then gets a second test of the same name
    const app = new App();
    new LocustTest(new Chart(app, 'first', { namespace: 'load' }), 'a', { name: 'checkout', spec: minimalSpec() });
    app.synthYaml();
    new LocustTest(new Chart(app, 'second', { namespace: 'load' }), 'b', { name: 'checkout', spec: minimalSpec() });

    // THEN the next synthesis looks at the tree afresh
    expect(() => app.synthYaml()).toThrow(/\[second\/b\] metadata\.name gives Job load\/checkout-master/);
  });

  test('fails when a test collides with an object the app defines itself', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'load' });
    new kplus.ConfigMap(chart, 'Clash', { metadata: { name: 'checkout-master' } });
    new kplus.Service(chart, 'Svc', { metadata: { name: 'checkout-master' }, ports: [{ port: 80 }] });
    new LocustTest(chart, 't', { name: 'checkout', spec: minimalSpec() });
    expect(() => app.synth()).toThrow(/Service load\/checkout-master at c\/t\/MasterService, which c\/Svc\/Resource also writes/);
  });

  test('references cdk8s-plus-28 Secrets and ConfigMaps as environment and mounts', () => {
    // GIVEN a kplus Secret and ConfigMap used for env and a mounted Secret
    const objects = synthChart((chart) => {
      const settings = new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'shop-settings' }, data: { PAGE_SIZE: '50' } });
      const token = kplus.Secret.fromSecretName(chart, 'Token', 'shop-token');
      const certs = kplus.Secret.fromSecretName(chart, 'Certs', 'shop-certs');
      new LocustTest(chart, 't', {
        name: 'checkout',
        spec: minimalSpec({ env: { secretRefs: [{ name: 'from-spec' }] } }),
        envFrom: [EnvSource.fromConfigMap(settings), EnvSource.fromSecret(token, 'SHOP_')],
        secretMounts: [{ secret: certs, mountPath: '/certs' }],
      });
    });

    // THEN the spec's references come first, then the typed ones, in order
    const container = locustContainer(find(objects, 'Job', 'checkout-master'));
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'shop-settings' } },
      { secretRef: { name: 'from-spec' } },
      { prefix: 'SHOP_', secretRef: { name: 'shop-token' } },
    ]);
    expect(container.volumeMounts).toEqual([{ name: 'secret-shop-certs', mountPath: '/certs', readOnly: true }]);
  });

  test('references Secrets and ConfigMaps of another cdk8s-plus major, which share only their shape', () => {
    // GIVEN objects that are not cdk8s-plus-28 classes (as a cdk8s-plus-33 app holds), only named
    const otherMajor = (name: string) => ({ name, apiVersion: 'v1', kind: 'Secret', resourceType: 'secrets' });
    const objects = synthChart((chart) => {
      new LocustTest(chart, 't', {
        name: 'checkout',
        spec: minimalSpec(),
        envFrom: [EnvSource.fromConfigMap(otherMajor('shop-settings')), EnvSource.fromSecret(otherMajor('shop-token'))],
        secretMounts: [{ secret: otherMajor('shop-certs'), mountPath: '/certs' }],
      });
    });

    // THEN they are referenced by name, as cdk8s-plus-28 objects are
    const container = locustContainer(find(objects, 'Job', 'checkout-master'));
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'shop-settings' } }, { secretRef: { name: 'shop-token' } }]);
    expect(container.volumeMounts).toEqual([{ name: 'secret-shop-certs', mountPath: '/certs', readOnly: true }]);
  });

  test('fails when a typed secret mount conflicts with the locustfile path, like any spec', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const test = new LocustTest(chart, 't', {
      name: 'checkout',
      spec: minimalSpec({ testFiles: { configMapRef: 'files' } }),
      secretMounts: [{ secret: kplus.Secret.fromSecretName(chart, 'S', 'creds'), mountPath: '/lotest/src' }],
    });
    expect(test.problems.length).toBeGreaterThan(0);
    expect(test.problems.map((p) => p.path).join(' ')).toMatch(/secretMounts/);
  });
});

// Mutants of UniqueObjects.claim that survive and change nothing a user sees (`npm run mutation`):
// - another constant for the core group (`''`) or for no namespace (`?? ''`): any constant keys
//   those objects alike, and no group or namespace can hold the spaces of Stryker's text.
// - `origin.source.file` without `?.`: one UniqueObjects holds either objects read from inputs
//   (the command line, every one with a source) or a construct tree's (none with one).
describe('UniqueObjects.claim', () => {
  const configMap = (apiVersion: string, namespace?: string) => ({ apiVersion, kind: 'ConfigMap', namespace, name: 'files' });

  test('takes two versions of one API group for the same object, as the API server does', () => {
    // GIVEN a core object claimed at v1
    const objects = new UniqueObjects<string>();
    objects.claim(configMap('v1', 'load'), { description: 'a.yaml: document 1' }, 'a.yaml');

    // WHEN the same object is claimed at another version of the core group
    const repeat = objects.claim(configMap('v1beta1', 'load'), { description: 'b.yaml: document 1' }, 'b.yaml');

    // THEN it is a repeat, naming the first
    expect(repeat?.earlier).toBe('a.yaml');
    expect(repeat?.problem).toEqual({ path: 'metadata.name', message: 'gives ConfigMap load/files, which a.yaml: document 1 also gives', fix: 'give the tests different names, or put them in different namespaces' });
  });

  test('tells objects of two groups apart', () => {
    const objects = new UniqueObjects();
    objects.claim({ apiVersion: 'apps/v1', kind: 'Thing', name: 'x' }, { description: 'first' }, undefined);
    expect(objects.claim({ apiVersion: 'example.com/v1', kind: 'Thing', name: 'x' }, { description: 'second' }, undefined)).toBeUndefined();
    expect(objects.claim({ apiVersion: 'autoscaling/v1', kind: 'Thing', name: 'x' }, { description: 'fourth' }, undefined)).toBeUndefined();
    expect(objects.claim({ apiVersion: 'apps/v1beta2', kind: 'Thing', name: 'x' }, { description: 'third' }, undefined)?.problem.message).toBe('gives Thing x, which first also gives');
  });

  test('names the earlier document by its place when both come from one input', () => {
    const objects = new UniqueObjects();
    objects.claim(configMap('v1'), { description: 'a.yaml: document 1', source: { file: 'a.yaml', within: 'document 1 (line 1)' } }, undefined);
    const repeat = objects.claim(configMap('v1'), { description: 'a.yaml: document 2', source: { file: 'a.yaml', within: 'document 2 (line 5)' } }, undefined);
    expect(repeat?.problem.message).toBe('gives ConfigMap files, which document 1 (line 1) of this file also gives');
  });

  test('names the earlier input when the two come from different inputs', () => {
    const objects = new UniqueObjects();
    objects.claim(configMap('v1'), { description: 'a.yaml: document 1', source: { file: 'a.yaml', within: 'document 1 (line 1)' } }, undefined);
    const repeat = objects.claim(configMap('v1'), { description: 'b.yaml: document 1', source: { file: 'b.yaml', within: 'document 1 (line 1)' } }, undefined);
    expect(repeat?.problem.message).toBe('gives ConfigMap files, which a.yaml: document 1 also gives');
  });
});
