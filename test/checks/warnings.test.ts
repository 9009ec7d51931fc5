// Mutants of src/checks/warnings.ts that no test can kill, because no input tells them apart:
// - Lines 95, 163, 201, 230, 279, 280, 300, 301, a `?? []` fallback (or the empty start of a list) to
//   `["Stryker was here"]`: a string in place of a variable, mount or argument has no name, value or
//   mountPath and is no flag, so nothing is read from it.
// - Lines 96 and 302, `typeof variable.name === 'string'` to `true`: warnings are looked for only in a
//   spec the schema accepted, where every variable's name is a string.
// - Lines 100 and 114, `?.` to `.` before `openTelemetry`: the OpenTelemetry warnings run only in
//   OpenTelemetry mode, which spec.observability.openTelemetry being set decides.
// - Line 101, `.sort()` dropped: the variables go into a map read by name, so their order is unseen.
// - Lines 121 and 122, the empty endpoint (`?? ''`, `endpoint !== ''`): warnings are looked for only
//   in a test without problems, and OpenTelemetry without a non-empty endpoint is a problem.
// - Line 151, `''` to `"Stryker was here!"`: the stand-in for a missing sampler is no ratio sampler
//   either way.
// - Line 181, `^` dropped: the result must equal containersol/locust_exporter, so a registry removed
//   anywhere but at the start still leaves text before it.
import { App, Chart } from 'cdk8s';
import { STRICT_CONTEXT_KEY } from '../../src/tooling';
import { LocustTest, MetricsMonitor } from '../../src';
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
  test('warns about every mount path that is not absolute, which the kubelet reads from / and cdk8s-locust run refuses', () => {
    // GIVEN relative paths in each place a spec gives one
    const spec = minimalSpecJson({
      testFiles: { configMapRef: 'files', srcMountPath: 'lotest/src', libConfigMapRef: 'lib', libMountPath: '../lib' },
      env: { variables: [{ name: 'PYTHONPATH', value: '/lib' }], secretMounts: [{ name: 'tls', mountPath: 'etc/tls' }] },
      volumes: [{ name: 'keys', configMap: { name: 'keys' } }],
      volumeMounts: [{ name: 'keys', mountPath: '../../../../home/me/.ssh', target: 'both' }],
    }) as SpecJson;

    // THEN each is warned about, with the path the kubelet would use
    expect(warningsOf(spec).filter((warning) => warning.message.startsWith('is not an absolute path')).map((warning) => `${warning.path}: ${warning.fix}`)).toEqual([
      'spec.testFiles.srcMountPath: write the absolute path /lotest/src',
      'spec.testFiles.libMountPath: write the absolute path /lib',
      'spec.env.secretMounts[0].mountPath: write the absolute path /etc/tls',
      'spec.volumeMounts[0].mountPath: write the absolute path /home/me/.ssh',
    ]);
  });

  test('warns about literal values of secret-looking variables, pointing at secretKeyRef, without repeating the value', () => {
    // GIVEN literal credentials, a reference, a secretKeyRef and an ordinary variable
    const spec = otelSpec({ extraEnvVars: { OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc123', OTEL_SERVICE_NAME: 'checkout' } }, {
      env: {
        variables: [
          { name: 'SHOP_PASSWORD', value: 'hunter2' },
          { name: 'API_TOKEN', value: '$(SHOP_PASSWORD)' },
          { name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 'gh', key: 'token' } } },
          { name: 'USERS', value: '50' },
          { name: 'EMPTY_SECRET', value: '' },
        ],
      },
    });

    // THEN only the two literal credentials are warned about, and the warning holds no value
    const secrets = warningsOf(spec).filter((warning) => warning.message.includes('literal value'));
    expect(secrets.map((warning) => warning.path)).toEqual(['spec.env.variables[0].value', 'spec.observability.openTelemetry.extraEnvVars.OTEL_EXPORTER_OTLP_HEADERS']);
    expect(secrets[0]).toEqual({
      path: 'spec.env.variables[0].value',
      message: 'gives SHOP_PASSWORD a literal value, which is plain text in Git, in the Job and in kubectl describe',
      fix: 'put it in a Secret and read it with valueFrom.secretKeyRef in spec.env.variables, or with spec.env.secretRefs',
    });
  });

  test('a well-configured OpenTelemetry test has no warning', () => {
    expect(warningsOf(otelSpec({ extraEnvVars: { OTEL_SERVICE_NAME: 'checkout' } }))).toEqual([]);
  });

  test.each([
    ['locustio/locust:2.43.1'], ['locustio/locust'], ['docker.io/locustio/locust:2.43.1@sha256:abc'],
  ])('warns about an image without the OpenTelemetry SDK (%s)', (image) => {
    const [warning] = warningsOf(otelSpec({}, { image }));
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.image', value: image, fix: expect.stringMatching(/locustio\/locust-otel/) }));
  });

  test.each([['locustio/locust-otel:2.24.0', '2.24.0'], ['locustio/locust:2.12.1', '2.12.1'], ['registry.example.com:5000/locustio/locust:v2.42.3-slim', '2.42.3']])('warns that the pods of an image before Locust 2.42.4 exit at start with OpenTelemetry (%s)', (image, version) => {
    // GIVEN OpenTelemetry mode on an image whose tag is a Locust without --otel
    const spec = otelSpec({}, { image });

    // WHEN its warnings are listed
    const warnings = warningsOf(spec);

    // THEN one says the pods exit at start, instead of the SDK's absence
    expect(warnings).toEqual([{
      path: 'spec.image',
      message: `runs Locust ${version}, which has no --otel (added in 2.42.4): the pods exit at start (unrecognized arguments: --otel) and the Jobs fail`,
      value: image,
      fix: 'use locustio/locust-otel:2.43.4 or later, or turn spec.observability.openTelemetry off',
    }]);
  });

  test('does not warn about the Locust version of an image from 2.42.4, or of a tag that is no version', () => {
    expect(paths(otelSpec({}, { image: 'locustio/locust-otel:2.42.4' }))).toEqual([]);
    expect(paths(otelSpec({}, { image: 'my-registry/load-tests:2024-11' }))).toEqual([]);
  });

  test('warns that an http/protobuf endpoint without a scheme exports nothing', () => {
    const [warning] = warningsOf(otelSpec({ protocol: 'http/protobuf', endpoint: 'collector.monitoring:4318' }));
    expect(warning).toEqual({
      path: 'spec.observability.openTelemetry.endpoint',
      message: 'has no http:// or https:// scheme, so the http/protobuf exporter cannot send to it (No connection adapters were found) and nothing is exported',
      value: 'collector.monitoring:4318',
      fix: 'write the scheme, e.g. http://collector.monitoring:4318 for plaintext or https:// for TLS',
    });
  });

  test('does not warn about a grpc endpoint without a scheme when insecure is set, which the grpc exporter reaches in plaintext', () => {
    expect(paths(otelSpec({ protocol: 'grpc', endpoint: 'collector.monitoring:4317', insecure: true }))).toEqual([]);
  });

  test('warns that the exporter\'s percentile gauges read 0 when a monitor scrapes a Locust from 2.20', () => {
    // GIVEN an exporter-mode test on Locust 2.43.1 whose sidecar a monitor scrapes
    const spec = minimalSpecJson() as SpecJson;
    const observability = planObservability(undefined, DEFAULT_OPERATOR_CONFIG.metricsExporter);

    // WHEN its warnings are listed
    const warnings = warningsFor(spec, DEFAULT_OPERATOR_CONFIG, { observability, argoCd: false, monitored: true });

    // THEN one names the two gauges and points at OpenTelemetry
    expect(warnings).toEqual([{
      path: 'spec.image',
      message: 'runs Locust 2.43.1, whose /stats/requests moved the current percentiles (since 2.20.0), so the scraped exporter sidecar\'s locust_requests_current_response_time_percentile_50 and _95 read 0; its other metrics work',
      value: 'locustio/locust:2.43.1',
      fix: 'for percentiles use OpenTelemetry (spec.observability.openTelemetry, Locust 2.42.4 or later) with the dashboards of GrafanaDashboards; in exporter mode read locust_requests_median_response_time',
    }]);
  });

  test.each([
    ['without a monitor', 'locustio/locust:2.43.1', false, DEFAULT_OPERATOR_CONFIG],
    ['on Locust 2.19', 'locustio/locust:2.19.1', true, DEFAULT_OPERATOR_CONFIG],
    ['on a tag that is no version', 'locustio/locust:latest', true, DEFAULT_OPERATOR_CONFIG],
    ['with another exporter image', 'locustio/locust:2.43.1', true, resolveOperatorConfig({ metricsExporter: { image: 'example.com/exporter-fork:1.0' } })],
  ])('does not warn about the exporter\'s percentiles %s', (_case, image, monitored, config) => {
    const spec = minimalSpecJson({ image }) as SpecJson;
    const observability = planObservability(undefined, config.metricsExporter);
    expect(warningsFor(spec, config, { observability, argoCd: false, monitored })).toEqual([]);
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

  test('name the exporter\'s percentile gauges for a test whose sidecar a monitor scrapes, and not without one', () => {
    // GIVEN two exporter-mode tests on Locust 2.43.1, one with a PodMonitor
    const chart = new Chart(new App(), 'c');
    const scraped = new LocustTest(chart, 'scraped', { name: 'scraped', spec: minimalSpec(), monitor: MetricsMonitor.podMonitor() });
    const unscraped = new LocustTest(chart, 'unscraped', { name: 'unscraped', spec: minimalSpec() });

    // THEN only the scraped one warns about the gauges that read 0
    expect(scraped.warnings.map((w) => w.message)).toEqual([expect.stringContaining('locust_requests_current_response_time_percentile_50 and _95 read 0')]);
    expect(unscraped.warnings).toEqual([]);
  });

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

describe('warningsFor, each warning in full', () => {
  test('a relative mount path says where the kubelet mounts it, with the value received', () => {
    // GIVEN a secret mounted at a relative path, and mounts with an absolute and an empty path
    const spec = minimalSpecJson({
      testFiles: { configMapRef: 'files', srcMountPath: '' },
      env: { secretMounts: [{ name: 'tls', mountPath: 'etc/tls' }, { name: 'keys', mountPath: '/etc/keys' }] },
    }) as SpecJson;

    // WHEN its warnings are listed
    const warnings = warningsOf(spec);

    // THEN only the relative one is named, in full
    expect(warnings).toEqual([{
      path: 'spec.env.secretMounts[0].mountPath',
      message: 'is not an absolute path: the kubelet mounts it at /etc/tls, and cdk8s-locust run refuses it',
      value: 'etc/tls',
      fix: 'write the absolute path /etc/tls',
    }]);
  });

  test.each([
    'DB_PASSWORD', 'db_passwd', 'KEY_PASSPHRASE', 'CLIENT_SECRET', 'ACCESS_TOKEN', 'SHOP_API_KEY', 'SHOP_APIKEY',
    'AWS_ACCESS_KEY', 'SSH_PRIVATE_KEY', 'GCP_CREDENTIALS', 'GCP_CREDENTIAL', 'BASIC_AUTH', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  ])('warns about a literal value of %s, whose name says it is a secret', (name) => {
    const spec = minimalSpecJson({ env: { variables: [{ name, value: 'x' }] } }) as SpecJson;
    expect(warningsOf(spec)).toEqual([expect.objectContaining({ path: 'spec.env.variables[0].value', message: `gives ${name} a literal value, which is plain text in Git, in the Job and in kubectl describe` })]);
  });

  test.each([
    ['a name that only starts like a secret', { name: 'TOKEN_URL', value: 'https://auth.example.com' }, []],
    ['a name that only ends like the OTLP headers', { name: 'MY_OTEL_EXPORTER_OTLP_HEADERS', value: 'x' }, []],
    ['a reference to another variable', { name: 'TOKEN', value: '$(SHOP_TOKEN)' }, []],
    ['a reference followed by text', { name: 'TOKEN', value: '$(SHOP_TOKEN)-x' }, ['spec.env.variables[0].value']],
    ['text followed by a reference', { name: 'TOKEN', value: 'Bearer $(SHOP_TOKEN)' }, ['spec.env.variables[0].value']],
  ])('tells a literal secret from what is none: %s', (_case, variable, expected) => {
    // GIVEN one variable
    const spec = minimalSpecJson({ env: { variables: [variable] } }) as SpecJson;

    // THEN only a literal value under a secret's name is warned about
    expect(paths(spec)).toEqual(expected);
  });

  test('a managed flag without a spec field of its own says the workload depends on its value', () => {
    // GIVEN a worker that names its master itself
    const spec = minimalSpecJson({ worker: { command: 'x', replicas: 1, extraArgs: ['--master-host=elsewhere'] } }) as SpecJson;

    // THEN the warning names the flag and says to drop it
    expect(warningsOf(spec)).toEqual([{
      path: 'spec.worker.extraArgs[0]',
      message: 'overrides --master-host, which the workload sets itself',
      value: '--master-host=elsewhere',
      fix: 'drop --master-host: the workload depends on its own value',
    }]);
  });

  test('a Job TTL under Argo CD says the test runs again, with the TTL received', () => {
    const config = resolveOperatorConfig({ jobTtlSecondsAfterFinished: 300 });
    expect(warningsOf(minimalSpecJson() as SpecJson, config, true)).toEqual([{
      path: 'operatorConfig.jobTtlSecondsAfterFinished',
      message: 'deletes finished Jobs that Argo CD tracks: Argo CD then recreates them and the load test runs again',
      value: 300,
      fix: 'leave the TTL unset under Argo CD and re-run with a new runId',
    }]);
  });

  test('does not warn under Argo CD when no Job TTL is set', () => {
    expect(warningsOf(minimalSpecJson() as SpecJson, DEFAULT_OPERATOR_CONFIG, true)).toEqual([]);
  });

  test('a master run unattended that waits for the web UI or never quits is named in full', () => {
    // GIVEN autostart off (autoquit off too, so that the autoquit trap stays out) and, apart, autoquit off alone
    const waiting = minimalSpecJson({ master: { command: '-f a.py', autostart: false, autoquit: { enabled: false } } }) as SpecJson;
    const staying = minimalSpecJson({ master: { command: '-f a.py', autoquit: { enabled: false, timeout: 30 } } }) as SpecJson;

    // THEN each says the master never exits, and how to fix it
    const consequence = 'so the master never exits: a hook holds its sync operation, a schedule skips every later run';
    expect(warningsOf(waiting, DEFAULT_OPERATOR_CONFIG, false, true)[0]).toEqual({ path: 'spec.master.autostart', message: `waits for someone to start the test in the web UI, ${consequence}`, value: false, fix: 'drop autostart: false' });
    expect(warningsOf(staying, DEFAULT_OPERATOR_CONFIG, false, true)).toEqual([{ path: 'spec.master.autoquit.enabled', message: `keeps the master running once the test is over, ${consequence}`, value: false, fix: 'drop enabled: false: by default the master quits 60 s after the run' }]);
  });

  test('does not warn about a master run unattended that starts and quits by itself', () => {
    const spec = minimalSpecJson({ master: { command: '-f a.py', autostart: true, autoquit: { enabled: true, timeout: 30 } } }) as SpecJson;
    expect(warningsOf(spec, DEFAULT_OPERATOR_CONFIG, false, true)).toEqual([]);
  });

  test('warns about the exporter\'s percentiles with the exporter image written with its registry', () => {
    // GIVEN the same exporter, pulled as docker.io/containersol/locust_exporter
    const config = resolveOperatorConfig({ metricsExporter: { image: 'docker.io/containersol/locust_exporter:v0.5.0' } });
    const observability = planObservability(undefined, config.metricsExporter);

    // THEN the gauges that read 0 are still named
    expect(warningsFor(minimalSpecJson() as SpecJson, config, { observability, argoCd: false, monitored: true }).map((w) => w.path)).toEqual(['spec.image']);
  });

  test('does not warn about the exporter\'s percentiles in OpenTelemetry mode, which runs no exporter', () => {
    const spec = otelSpec({});
    const observability = planObservability(spec.observability?.openTelemetry, DEFAULT_OPERATOR_CONFIG.metricsExporter);
    expect(warningsFor(spec, DEFAULT_OPERATOR_CONFIG, { observability, argoCd: false, monitored: true })).toEqual([]);
  });

  test.each([['0'], ['1'], [' 0.5 ']])('accepts the ratio %j, the bounds included', (arg) => {
    expect(paths(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: arg } }))).toEqual([]);
  });

  test('a sampler argument outside [0, 1] is named in full', () => {
    expect(warningsOf(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '10' } }))).toEqual([{
      path: 'spec.observability.openTelemetry.extraEnvVars.OTEL_TRACES_SAMPLER_ARG',
      message: 'must be a ratio between 0 and 1 for a ratio sampler',
      value: '10',
      fix: 'use e.g. 0.1 to sample one trace in ten',
    }]);
  });

  test('reads the OpenTelemetry variables of spec.env.variables, extraEnvVars winning over them', () => {
    // GIVEN an unknown sampler in the spec's variables, and a known one in extraEnvVars
    const fromEnv = otelSpec({}, { env: { variables: [{ name: 'OTEL_TRACES_SAMPLER', value: 'ratio' }] } });
    const overridden = otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'always_on' } }, { env: { variables: [{ name: 'OTEL_TRACES_SAMPLER', value: 'ratio' }] } });

    // THEN the spec's variable is judged alone, and the extra variable the container ends up with wins
    expect(warningsOf(fromEnv)).toEqual([{ path: 'spec.env.variables[0].value', message: 'is not a sampler the OpenTelemetry SDK knows', value: 'ratio', fix: expect.stringContaining('use one of always_on, always_off, traceidratio') }]);
    expect(warningsOf(overridden)).toEqual([]);
  });

  test('skips spec variables without a literal value when reading the OpenTelemetry ones', () => {
    const spec = otelSpec({}, { env: { variables: [{ name: 'OTEL_TRACES_SAMPLER', valueFrom: { configMapKeyRef: { name: 'otel', key: 'sampler' } } }] } });
    expect(warningsOf(spec)).toEqual([]);
  });

  test('warns about service.name as a later attribute, with spaces, and names the value', () => {
    const [warning] = warningsOf(otelSpec({ extraEnvVars: { OTEL_RESOURCE_ATTRIBUTES: 'team=shop, service.name =checkout' } }));
    expect(warning).toEqual({
      path: 'spec.observability.openTelemetry.extraEnvVars.OTEL_RESOURCE_ATTRIBUTES',
      message: 'sets service.name, which Locust overrides with OTEL_SERVICE_NAME (default locust)',
      value: 'team=shop, service.name =checkout',
      fix: 'set OTEL_SERVICE_NAME in extraEnvVars instead',
    });
  });

  test('does not take another attribute ending in service.name for service.name', () => {
    expect(paths(otelSpec({ extraEnvVars: { OTEL_RESOURCE_ATTRIBUTES: 'my.service.name=checkout,k8s.service.namespace=x' } }))).toEqual([]);
  });

  test.each([
    ['collector:4318', 'grpc'], ['http://collector:4318/v1/traces', 'grpc'], ['HTTP://[fd00::1]:4318', 'grpc'],
    ['http://collector:4317?x=1', 'http/protobuf'],
  ])('reads the port of the endpoint %s against the %s protocol', (endpoint, protocol) => {
    const warnings = warningsOf(otelSpec({ endpoint, protocol, insecure: true }));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^uses the OTLP\/(HTTP|gRPC) port/)]);
  });

  test.each(['http://collector', 'http://collector/v1:4318', 'http://collector:43180'])('finds no OTLP port in the endpoint %s', (endpoint) => {
    expect(paths(otelSpec({ endpoint }))).toEqual([]);
  });

  test('a grpc endpoint on the HTTP port and an http/protobuf one on the gRPC port are named in full', () => {
    expect(warningsOf(otelSpec({ endpoint: 'http://collector:4318' }))).toEqual([{ path: 'spec.observability.openTelemetry.endpoint', message: 'uses the OTLP/HTTP port 4318 with the grpc protocol', value: 'http://collector:4318', fix: 'use port 4317, or set protocol to http/protobuf' }]);
    expect(warningsOf(otelSpec({ protocol: 'http/protobuf', endpoint: 'http://collector:4317' }))).toEqual([{ path: 'spec.observability.openTelemetry.endpoint', message: 'uses the OTLP/gRPC port 4317 with the http/protobuf protocol', value: 'http://collector:4317', fix: 'use port 4318, or set protocol to grpc' }]);
  });

  test('insecure with an https endpoint is named in full, whatever the case of the scheme', () => {
    expect(warningsOf(otelSpec({ endpoint: 'HTTPS://collector:4317', insecure: true }))).toEqual([{
      path: 'spec.observability.openTelemetry.insecure',
      message: 'has no effect on an https:// endpoint, which always uses TLS',
      value: true,
      fix: 'use an http:// endpoint for plaintext, or drop insecure',
    }]);
  });

  test('a grpc endpoint without a scheme is named in full, the fix writing it with http://', () => {
    expect(warningsOf(otelSpec({ endpoint: 'grpc://collector:4317' }))).toEqual([{
      path: 'spec.observability.openTelemetry.endpoint',
      message: 'has no http:// or https:// scheme, so the grpc exporter connects with TLS, and a plaintext collector receives nothing',
      value: 'grpc://collector:4317',
      fix: 'write http://collector:4317 (or set insecure: true) for plaintext, or https:// for TLS',
    }]);
  });

  test('the plain image in OpenTelemetry mode is named in full', () => {
    expect(warningsOf(otelSpec({}, { image: 'index.docker.io/locustio/locust' }))).toEqual([{
      path: 'spec.image',
      message: 'has no OpenTelemetry SDK, so Locust only logs that it is missing and exports nothing',
      value: 'index.docker.io/locustio/locust',
      fix: 'use locustio/locust-otel (2.43.4 or later) or an image with pip install locust[otel]',
    }]);
  });

  test('passes thresholds and reports on to the verdict\'s warnings', () => {
    // GIVEN a Locust too old to load the verdict module, and the Locust whose report crashes without --run-time
    const old = minimalSpecJson({ image: 'locustio/locust:2.10.0' }) as SpecJson;
    const crashing = minimalSpecJson({ image: 'locustio/locust:2.33.0' }) as SpecJson;
    const observability = planObservability(undefined, DEFAULT_OPERATOR_CONFIG.metricsExporter);
    const messages = (spec: SpecJson, options: { thresholds?: boolean; reports?: boolean }) => warningsFor(spec, DEFAULT_OPERATOR_CONFIG, { observability, argoCd: false, ...options }).map((w) => w.message);

    // THEN each is warned about only when the master judges thresholds or writes reports
    expect(messages(old, { thresholds: true })).toEqual([expect.stringContaining('older than 2.11')]);
    expect(messages(old, { reports: true })).toEqual([]);
    expect(messages(crashing, { reports: true })).toEqual([expect.stringContaining('crashes writing the HTML report')]);
    expect(messages(crashing, { thresholds: true })).toEqual([]);
  });

  test('does not warn about an https endpoint without insecure', () => {
    expect(paths(otelSpec({ endpoint: 'https://collector:4317' }))).toEqual([]);
  });

  test('warns about service.name as the first attribute', () => {
    expect(paths(otelSpec({ extraEnvVars: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=checkout' } }))).toEqual(['spec.observability.openTelemetry.extraEnvVars.OTEL_RESOURCE_ATTRIBUTES']);
  });

  test('does not judge a sampler argument without a sampler', () => {
    expect(paths(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER_ARG: 'half' } }))).toEqual([]);
  });

  test('warns about a blank ratio, which is no number', () => {
    expect(paths(otelSpec({ extraEnvVars: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: ' ' } }))).toEqual(['spec.observability.openTelemetry.extraEnvVars.OTEL_TRACES_SAMPLER_ARG']);
  });

  test('reads the scheme only at the start of the endpoint', () => {
    // GIVEN an endpoint without a scheme that carries a URL further on
    const [warning] = warningsOf(otelSpec({ endpoint: 'collector:4317/?next=https://x' }));

    // THEN it has no scheme, and the fix keeps the rest as written
    expect(warning).toEqual(expect.objectContaining({ path: 'spec.observability.openTelemetry.endpoint', fix: 'write http://collector:4317/?next=https://x (or set insecure: true) for plaintext, or https:// for TLS' }));
  });

  test('--headless with the exporter sidecar is named in full', () => {
    expect(warningsOf(minimalSpecJson({ master: { command: '-f /lotest/src/a.py', extraArgs: ['--headless'] } }) as SpecJson)).toEqual([{
      path: 'spec.master.extraArgs',
      message: 'turns off the web UI with --headless, which the metrics exporter sidecar scrapes, so no metrics are collected',
      value: ['--headless'],
      fix: 'drop --headless: the master already starts with --autostart and keeps its UI',
    }]);
  });

  test('a lib without PYTHONPATH is named as such when other variables are set', () => {
    const spec = minimalSpecJson({ testFiles: { configMapRef: 'files', libConfigMapRef: 'shop-lib' }, env: { variables: [{ name: 'USERS', value: '5' }] } }) as SpecJson;
    expect(warningsOf(spec).map((w) => w.path)).toEqual(['spec.env.variables']);
  });

  test('a PYTHONPATH without the lib\'s path is named in full', () => {
    const spec = minimalSpecJson({ testFiles: { configMapRef: 'files', libConfigMapRef: 'shop-lib' }, env: { variables: [{ name: 'PYTHONPATH', value: '/x' }] } }) as SpecJson;
    expect(warningsOf(spec)).toEqual([{
      path: 'spec.env.variables[0].value',
      message: 'is a PYTHONPATH without the lib mount path /opt/locust/lib, so the locustfiles cannot import the modules of ConfigMap shop-lib (Locust puts only its working directory and the locustfile\'s folder on sys.path)',
      value: '/x',
      fix: 'append :/opt/locust/lib to it',
    }]);
  });

  test('does not warn about the minimal test run unattended, whose master starts and quits by default', () => {
    expect(warningsOf(minimalSpecJson() as SpecJson, DEFAULT_OPERATOR_CONFIG, false, true)).toEqual([]);
  });

  test('does not warn about an observability block without OpenTelemetry', () => {
    expect(warningsOf(minimalSpecJson({ observability: {} }) as SpecJson)).toEqual([]);
  });

  test('lists literal secrets of extraEnvVars in name order', () => {
    const spec = otelSpec({ extraEnvVars: { OTEL_SERVICE_NAME: 'checkout', Z_TOKEN: 'z', A_TOKEN: 'a' } });
    expect(paths(spec)).toEqual(['spec.observability.openTelemetry.extraEnvVars.A_TOKEN', 'spec.observability.openTelemetry.extraEnvVars.Z_TOKEN']);
  });
});
