import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AppChecks } from '../../src/construct/app-checks';

/** A stand-in for a LocustTest: a construct that writes one ConfigMap named `name`. */
function testWriting(scope: Construct, id: string, name: string): Construct {
  const test = new Construct(scope, id);
  new ApiObject(test, 'Map', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  return test;
}

describe('AppChecks', () => {
  test('is one per app, found from any construct of it', () => {
    const app = new App({ outdir: '/nonexistent-never-written' });
    const [a, b] = [new Chart(app, 'a'), new Chart(app, 'b')];
    expect(AppChecks.of(a)).toBe(AppChecks.of(b));
    expect(AppChecks.of(new Chart(new App({ outdir: '/nonexistent-never-written' }), 'c'))).not.toBe(AppChecks.of(a));
  });

  test('reports a repeated object on the test that writes it later, and none on the first', () => {
    // GIVEN two registered tests writing a ConfigMap of one name
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    const first = testWriting(chart, 'first', 'settings');
    const second = testWriting(chart, 'second', 'settings');
    const checks = AppChecks.of(chart);
    checks.register(first, []);
    checks.register(second, []);

    // THEN the repeat is the second test's problem
    expect(checks.duplicatesOf(first)).toEqual([]);
    expect(checks.duplicatesOf(second)).toEqual([expect.objectContaining({ message: expect.stringMatching(/ConfigMap settings at c\/second\/Map, which c\/first\/Map also writes/) })]);
  });

  test('reports a repeat of a test\'s object by an object of no test on that test', () => {
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    const test = testWriting(chart, 'test', 'settings');
    new ApiObject(chart, 'Own', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    const checks = AppChecks.of(chart);
    checks.register(test, []);
    expect(checks.duplicatesOf(test)).toHaveLength(1);
  });

  test('prints each test\'s warnings once, on the first synthesis, prefixed with the test\'s path', () => {
    // GIVEN a registered test with one warning
    const app = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(app, 'c');
    const test = testWriting(chart, 'test', 'settings');
    AppChecks.of(chart).register(test, [{ path: 'spec.image', message: 'has no OpenTelemetry SDK', value: 'locustio/locust', fix: 'use locustio/locust-otel' }]);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // WHEN the app is synthesized twice
      app.synthYaml();
      app.synthYaml();

      // THEN the warning was printed once
      const lines = stderr.mock.calls.map((call) => String(call[0]));
      expect(lines).toEqual(['warning: c/test: spec.image has no OpenTelemetry SDK (got "locustio/locust"); use locustio/locust-otel\n']);
    } finally {
      stderr.mockRestore();
    }
  });
});
