import { App, Chart } from 'cdk8s';
import { STRICT_CONTEXT_KEY } from '../../src/construct/locust-test';
import { LocustTest } from '../../src';
import { DEFAULT_OPERATOR_CONFIG, planObservability, resolveOperatorConfig, ResolvedOperatorConfig, STRICT_ENV_VAR, warningsFor, SpecJson } from '../../src/tooling';
import { minimalSpec, minimalSpecJson } from '../fixtures';

/** The warnings of a spec, with the observability decision the construct would make for it. */
function warningsOf(spec: SpecJson, config: ResolvedOperatorConfig = DEFAULT_OPERATOR_CONFIG, argoCd = false, unattended = false) {
  return warningsFor(spec, config, { observability: planObservability(spec.observability?.openTelemetry, config.metricsExporter), argoCd, unattended });
}

function otelSpec(openTelemetry: Record<string, unknown>, overrides: Record<string, unknown> = {}): SpecJson {
  return minimalSpecJson({
    image: 'locustio/locust-otel:2.43.4',
    observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4317', ...openTelemetry } },
    ...overrides,
  }) as SpecJson;
}

function paths(spec: SpecJson): string[] {
  return warningsOf(spec).map((w) => w.path);
}

describe('warningsFor', () => {
  test('a well-configured OpenTelemetry test has no warning', () => {
    expect(warningsOf(otelSpec({ extraEnvVars: { OTEL_SERVICE_NAME: 'checkout' } }))).toEqual([]);
  });

  test.each([
    ['locustio/locust:2.43.1'], ['locustio/locust'], ['docker.io/locustio/locust:2.43.1@sha256:abc'],
  ])('warns about an image without the OpenTelemetry SDK (%s)', (image) => {
    const [warning] = warningsOf(otelSpec({}, { image }));
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.image', value: image, fix: expect.stringMatching(/locustio\/locust-otel/) }));
  });

  test('does not warn about the plain image when OpenTelemetry is off', () => {
    expect(paths(minimalSpecJson() as SpecJson)).toEqual([]);
  });

  test('warns about a grpc endpoint on the OTLP/HTTP port', () => {
    const [warning] = warningsOf(otelSpec({ endpoint: 'http://collector:4318' }));
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.observability.openTelemetry.endpoint', message: 'uses the OTLP/HTTP port 4318 with the grpc protocol' }));
  });

  test('warns about an http/protobuf endpoint on the OTLP/gRPC port', () => {
    const [warning] = warningsOf(otelSpec({ protocol: 'http/protobuf', endpoint: 'http://collector.monitoring:4317' }));
    expect(warning.message).toBe('uses the OTLP/gRPC port 4317 with the http/protobuf protocol');
  });

  test.each(['collector.monitoring:4317', 'grpc://collector:4317'])('warns about an endpoint without an http:// or https:// scheme (%s)', (endpoint) => {
    const [warning] = warningsOf(otelSpec({ endpoint }));
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.observability.openTelemetry.endpoint', message: expect.stringContaining('has no http:// or https:// scheme'), value: endpoint }));
    expect(warning.fix).toContain('http://collector');
  });

  test('accepts each protocol on its own port', () => {
    expect(paths(otelSpec({ protocol: 'http/protobuf', endpoint: 'http://collector:4318' }))).toEqual([]);
    expect(paths(otelSpec({ protocol: 'grpc', endpoint: 'http://[::1]:4317' }))).toEqual([]);
  });

  test('warns that service.name in OTEL_RESOURCE_ATTRIBUTES is overridden', () => {
    const spec = otelSpec({ extraEnvVars: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,service.name=checkout' } });
    const [warning] = warningsOf(spec);
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.observability.openTelemetry.extraEnvVars.OTEL_RESOURCE_ATTRIBUTES', fix: 'set OTEL_SERVICE_NAME in extraEnvVars instead' }));
  });

  test('does not warn about service.name when OTEL_SERVICE_NAME is set, in the spec\'s env', () => {
    const spec = otelSpec({ extraEnvVars: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=checkout' } }, { env: { variables: [{ name: 'OTEL_SERVICE_NAME', value: 'checkout' }] } });
    expect(paths(spec)).toEqual([]);
  });

  test('warns about insecure with an https endpoint', () => {
    expect(paths(otelSpec({ endpoint: 'https://collector:4317', insecure: true }))).toEqual(['spec.observability.openTelemetry.insecure']);
  });

  test('warns about an unknown sampler', () => {
    const [warning] = warningsOf(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'ratio' } }));
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.observability.openTelemetry.extraEnvVars.OTEL_TRACES_SAMPLER', value: 'ratio' }));
  });

  test.each([['1.5'], ['-0.1'], ['half'], ['']])('warns about a ratio sampler argument outside [0, 1] (%j)', (arg) => {
    const spec = otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: arg } });
    expect(paths(spec)).toEqual(['spec.observability.openTelemetry.extraEnvVars.OTEL_TRACES_SAMPLER_ARG']);
  });

  test('accepts a ratio within [0, 1], and any argument of a non-ratio sampler', () => {
    expect(paths(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' } }))).toEqual([]);
    expect(paths(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'jaeger_remote', OTEL_TRACES_SAMPLER_ARG: 'endpoint=http://j:14250' } }))).toEqual([]);
  });

  test('warns about --headless in the master command or extraArgs with the exporter sidecar', () => {
    const spec = minimalSpecJson({ master: { command: '--locustfile /lotest/src/a.py --headless', extraArgs: ['--headless'] } }) as SpecJson;
    expect(paths(spec)).toEqual(['spec.master.command', 'spec.master.extraArgs']);
  });

  test('does not warn about --headless with OpenTelemetry, which needs no web UI', () => {
    expect(paths(otelSpec({}, { master: { command: '--headless' } }))).toEqual([]);
  });

  test('warns about extraArgs that override operator-managed flags', () => {
    const spec = minimalSpecJson({
      master: { command: 'x', extraArgs: ['--loglevel', 'DEBUG', '--expect-workers=10'] },
      worker: { command: 'x', replicas: 1, extraArgs: ['--master-host', 'elsewhere'] },
    }) as SpecJson;
    const warnings = warningsOf(spec);
    expect(warnings.map((w) => [w.path, w.value])).toEqual([
      ['spec.master.extraArgs[2]', '--expect-workers=10'],
      ['spec.worker.extraArgs[0]', '--master-host'],
    ]);
    expect(warnings[0].fix).toBe('drop it and set spec.worker.replicas');
  });

  test('warns about a Job TTL only under Argo CD', () => {
    const config = resolveOperatorConfig({ jobTtlSecondsAfterFinished: 0 });
    const spec = minimalSpecJson() as SpecJson;
    expect(warningsOf(spec, config, true).map((w) => w.path)).toEqual(['operatorConfig.jobTtlSecondsAfterFinished']);
    expect(warningsOf(spec, config)).toEqual([]);
  });
});

describe('warnings of the construct', () => {
  const plainImageWithOtel = minimalSpec({ observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4317' } } });
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => { stderr.mockRestore(); delete process.env[STRICT_ENV_VAR]; });

  test('are printed once at synth, with the construct path, and do not stop it', () => {
    const app = new App();
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: plainImageWithOtel });
    app.synthYaml();
    app.synthYaml();
    expect(test.warnings.map((w) => w.path)).toEqual(['spec.image']);
    const printed = stderr.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('warning:'));
    expect(printed).toEqual([expect.stringMatching(/^warning: c\/t: spec.image has no OpenTelemetry SDK/)]);
  });

  test('are printed by the one reporter of the app, once per test, for tests in several charts', () => {
    // GIVEN two tests with a warning each, in two charts
    const app = new App();
    new LocustTest(new Chart(app, 'a'), 't', { name: 'checkout', spec: plainImageWithOtel });
    new LocustTest(new Chart(app, 'b'), 't', { name: 'catalogue', spec: plainImageWithOtel });

    // WHEN the app is synthesized twice
    app.synthYaml();
    app.synthYaml();

    // THEN each warning was printed once, in the order the tests were created
    const printed = stderr.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('warning:'));
    expect(printed.map((line) => line.split(':')[1].trim())).toEqual(['a/t', 'b/t']);
  });

  test('warns when autostart is off and autoquit is left on, naming both fields', () => {
    // GIVEN a master started from the web UI, with autoquit at its default
    const spec = minimalSpecJson({ master: { command: '--locustfile /lotest/src/locustfile.py', autostart: false } }) as SpecJson;

    // THEN the warning names autoquit, autostart and the fix
    expect(warningsOf(spec)).toEqual([expect.objectContaining({
      path: 'spec.master.autoquit',
      message: expect.stringContaining('while spec.master.autostart is false: Locust refuses --autoquit without --autostart'),
      fix: expect.stringContaining('set spec.master.autoquit.enabled to false'),
    })]);
  });

  test('does not warn when autostart and autoquit are both off', () => {
    expect(warningsOf(minimalSpecJson({ master: { command: '-f /lotest/src/a.py', autostart: false, autoquit: { enabled: false } } }) as SpecJson)).toEqual([]);
  });

  test('fails when strict mode is on and autostart is off with autoquit on', () => {
    const app = new App();
    new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: minimalSpec({ master: { command: '-f /lotest/src/a.py', autostart: false } }), strict: true });
    expect(() => app.synthYaml()).toThrow(/spec.master.autoquit is on \(the default\) while spec.master.autostart is false.*\(strict mode: a warning is an error\)/);
  });

  test('warns when a lib ConfigMap is mounted without its path on PYTHONPATH', () => {
    const spec = minimalSpecJson({ testFiles: { configMapRef: 'files', libConfigMapRef: 'shop-lib' } }) as SpecJson;
    expect(warningsOf(spec)).toEqual([expect.objectContaining({
      path: 'spec.env.variables',
      message: expect.stringContaining('has no PYTHONPATH with the lib mount path /opt/locust/lib, so the locustfiles cannot import the modules of ConfigMap shop-lib'),
      fix: expect.stringContaining('add { name: PYTHONPATH, value: /opt/locust/lib } to spec.env.variables'),
    })]);
  });

  test('warns when PYTHONPATH misses the lib\'s own mount path', () => {
    const spec = minimalSpecJson({
      testFiles: { configMapRef: 'files', libConfigMapRef: 'shop-lib', libMountPath: '/shop/lib' },
      env: { variables: [{ name: 'PYTHONPATH', value: '/opt/locust/lib' }] },
    }) as SpecJson;
    expect(warningsOf(spec)).toEqual([expect.objectContaining({ path: 'spec.env.variables[0].value', value: '/opt/locust/lib', fix: 'append :/shop/lib to it' })]);
  });

  test.each([
    [{ name: 'PYTHONPATH', value: '/x:/opt/locust/lib' }],
    [{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'paths', key: 'PYTHONPATH' } } }],
  ])('does not warn about a lib whose path PYTHONPATH may hold (%j)', (variable) => {
    const spec = minimalSpecJson({ testFiles: { configMapRef: 'files', libConfigMapRef: 'shop-lib' }, env: { variables: [variable] } }) as SpecJson;
    expect(warningsOf(spec)).toEqual([]);
  });

  test('fails when strict mode is on and a warning applies', () => {
    const app = new App();
    new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: plainImageWithOtel, strict: true });
    expect(() => app.synthYaml()).toThrow(/spec.image has no OpenTelemetry SDK.*\(strict mode: a warning is an error\)/);
  });

  test('fails when CDK8S_LOCUST_STRICT=1 and a warning applies', () => {
    process.env[STRICT_ENV_VAR] = '1';
    const app = new App();
    new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: plainImageWithOtel });
    expect(() => app.synthYaml()).toThrow(/strict mode/);
  });

  test('fails when the app\'s context turns strict mode on and a warning applies', () => {
    // GIVEN an app whose context asks for strict mode, and no environment variable
    const app = new App();
    app.node.setContext(STRICT_CONTEXT_KEY, true);

    // WHEN a test falls into a trap
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: plainImageWithOtel });

    // THEN the warning fails the synthesis
    expect(test.strict).toBe(true);
    expect(() => app.synthYaml()).toThrow(/strict mode/);
  });

  test('the app\'s context wins over the environment variable', () => {
    process.env[STRICT_ENV_VAR] = '1';
    const app = new App();
    app.node.setContext(STRICT_CONTEXT_KEY, false);
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: plainImageWithOtel });
    expect(test.strict).toBe(false);
  });

  test('strict: false overrides the environment variable', () => {
    process.env[STRICT_ENV_VAR] = '1';
    const app = new App();
    const test = new LocustTest(new Chart(app, 'c'), 't', { name: 'checkout', spec: plainImageWithOtel, strict: false });
    expect(test.strict).toBe(false);
    expect(() => app.synthYaml()).not.toThrow();
  });

  describe('unattended runs (hooks and schedules)', () => {
    test('warns when the master waits for the web UI or never quits', () => {
      // GIVEN a master with autostart and autoquit off, run unattended
      const spec = minimalSpecJson({ master: { command: '-f a.py', autostart: false, autoquit: { enabled: false } } }) as SpecJson;
      const warnings = warningsOf(spec, DEFAULT_OPERATOR_CONFIG, false, true);

      // THEN both are named, with what they hold
      expect(warnings.map((w) => w.path)).toEqual(['spec.master.autostart', 'spec.master.autoquit.enabled']);
      expect(warnings[1].message).toMatch(/a hook holds its sync operation, a schedule skips every later run/);
    });

    test('does not warn about them for a test run once', () => {
      const spec = minimalSpecJson({ master: { command: '-f a.py', autostart: false, autoquit: { enabled: false } } }) as SpecJson;
      expect(warningsOf(spec)).toEqual([]);
    });
  });
});
