import { parseInvocation } from '../../src/cli/args';

describe('parseInvocation', () => {
  test('reads the command, the files in order and the options', () => {
    expect(parseInvocation(['render', 'a.yaml', '-', 'b.yaml', '-o', 'out.yaml', '--operator-config', 'op.yaml'])).toEqual({
      action: 'render', files: ['a.yaml', '-', 'b.yaml'], output: 'out.yaml', operatorConfig: 'op.yaml', argoCd: false, runId: undefined, strict: undefined,
    });
  });

  test('reads standard input when no file is given', () => {
    expect(parseInvocation(['validate'])).toEqual({ action: 'validate', files: ['-'], output: undefined, operatorConfig: undefined, argoCd: false, runId: undefined, strict: undefined });
  });

  test('reads the Pod Security Standards profile', () => {
    expect(parseInvocation(['validate', '--pod-security', 'restricted', 'a.yaml'])).toMatchObject({ action: 'validate', podSecurity: 'restricted' });
  });

  test('reads the Argo CD, run id and strict options', () => {
    expect(parseInvocation(['render', '--argocd', '--run-id', '2026-11-22', '--strict', 'a.yaml'])).toMatchObject({ action: 'render', files: ['a.yaml'], argoCd: true, runId: '2026-11-22', strict: true });
  });

  test('reads the options of run', () => {
    expect(parseInvocation(['run', 'dist/a.k8s.yaml', 'b.yaml', '--test', 'shop', '--host', 'http://127.0.0.1:8080', '--run-time', '1h30m', '--workers', '3', '--timeout', '2.5', '--keep', '--strict', '--locust', '.venv/bin/locust'])).toEqual({
      action: 'run', files: ['dist/a.k8s.yaml', 'b.yaml'], operatorConfig: undefined, strict: true,
      test: 'shop', host: 'http://127.0.0.1:8080', runTime: '1h30m', workers: 3, timeoutSeconds: 2.5, keep: true, locust: '.venv/bin/locust', noReports: false,
    });
  });

  test('reads where run keeps its reports, and its baseline', () => {
    expect(parseInvocation(['run', 'a.yaml', '--reports', 'out', '--baseline', 'base.summary.json'])).toMatchObject({ action: 'run', reports: 'out', noReports: false, baseline: 'base.summary.json' });
    expect(parseInvocation(['run', 'a.yaml', '--no-reports'])).toMatchObject({ action: 'run', noReports: true });
  });

  test('answers --help and --version whatever the command', () => {
    expect(parseInvocation(['validate', '-h'])).toEqual({ action: 'help' });
    expect(parseInvocation(['-V'])).toEqual({ action: 'version' });
  });

  test.each([
    [[], 'a command is required: render, validate, run or compare'],
    [['synth'], 'unknown command "synth": use render, validate, run or compare'],
    [['render', '--test', 'x'], '--test is an option of run'],
    [['validate', '--keep'], '--keep is an option of run'],
    [['render', '--locust', 'locust-2.46'], '--locust is an option of run'],
    [['run', 'a.yaml', '--locust='], '--locust needs a program: a path such as .venv/bin/locust, or a name on PATH'],
    [['run', 'a.yaml', '-o', 'x.yaml'], 'run does not take --output: it changes what is rendered for a cluster, not what runs'],
    [['run', 'a.yaml', '--argocd'], 'run does not take --argocd: it changes what is rendered for a cluster, not what runs'],
    [['run'], 'run needs FILE: the rendered manifests or LocustTest resources (standard input is not read), or -f LOCUSTFILE --host URL'],
    [['run', '-'], 'run needs FILE: the rendered manifests or LocustTest resources (standard input is not read), or -f LOCUSTFILE --host URL'],
    [['run', 'a.yaml', '--host', 'shop.example.com'], '--host must be a URL starting with http:// or https:// (got "shop.example.com")'],
    [['run', 'a.yaml', '--run-time', '5 minutes'], '--run-time must be a Locust duration such as 30s, 5m or 1h30m (got "5 minutes")'],
    [['run', 'a.yaml', '--run-time', ''], '--run-time must be a Locust duration such as 30s, 5m or 1h30m (got "")'],
    [['run', 'a.yaml', '--workers', '0'], '--workers must be a whole number from 1 to 128 (got "0")'],
    [['render', '--pod-security', 'strict', 'a.yaml'], '--pod-security must be baseline or restricted (got "strict")'],
    [['run', 'a.yaml', '--pod-security', 'restricted'], 'run does not take --pod-security: it changes what is rendered for a cluster, not what runs'],
    [['run', 'a.yaml', '--workers', '129'], '--workers must be a whole number from 1 to 128 (got "129")'],
    [['run', 'a.yaml', '--workers', '1000000000'], '--workers must be a whole number from 1 to 128 (got "1000000000")'],
    [['run', 'a.yaml', '--timeout=-3'], '--timeout must be a number of seconds above 0 (got "-3")'],
    [['run', 'a.yaml', '--timeout', '0'], '--timeout must be a number of seconds above 0 (got "0")'],
    [['run', 'a.yaml', '--test='], '--test needs the name of a test'],
    [['run', 'a.yaml', '--reports', 'out', '--no-reports'], '--reports and --no-reports exclude each other: keep one'],
    [['run', 'a.yaml', '--reports='], '--reports needs a folder, e.g. --reports locust-reports'],
    [['run', 'a.yaml', '--baseline='], '--baseline needs a summary file, e.g. --baseline locust-reports/<name>-<time>/<name>.summary.json'],
    [['render', '--baseline', 'b.json'], '--baseline is an option of run'],
    [['comapre', 'a', 'b'], 'unknown command "comapre": did you mean compare? use render, validate, run or compare'],
    [['render', '--bogus'], 'unknown option --bogus; cdk8s-locust --help lists the options'],
    [['render', '--stirct'], 'unknown option --stirct; did you mean --strict?'],
    [['run', 'a.yaml', '--worker', '2'], 'unknown option --worker; did you mean --workers?'],
    [['render', '-o'], "option '-o, --output <value>' argument missing"],
    [['validate', '-o', 'x.yaml'], 'validate writes nothing: --output is for render'],
    [['render', '--operator-config', '-'], '--operator-config needs a file: standard input is for the documents'],
    [['render', '--output='], '--output needs a file name'],
    [['render', '--run-id'], "option '--run-id <value>' argument missing"],
    [['render', '--run-id', 'tests.yml'], '--run-id needs a value before the files: "tests.yml" is an input file, e.g. --run-id 2026-11-22-1 tests.yml'],
    [['validate', '--run-id', '-'], '--run-id needs a value before the files: "-" is an input file, e.g. --run-id 2026-11-22-1 -'],
  ])('fails when the arguments are %j', (args, message) => {
    expect(parseInvocation(args)).toEqual({ action: 'usage-error', message });
  });
});

describe('run --use-test-host', () => {
  test('confirms the test\'s own target, and is an option of run only', () => {
    expect(parseInvocation(['run', 'a.yaml', '--use-test-host'])).toMatchObject({ action: 'run', useTestHost: true });
    expect(parseInvocation(['run', 'a.yaml'])).not.toHaveProperty('useTestHost', true);
    expect(parseInvocation(['render', 'a.yaml', '--use-test-host'])).toEqual({ action: 'usage-error', message: '--use-test-host is an option of run' });
  });
});

describe('run -f and --files', () => {
  test('read a locustfile run with its users and spawn rate', () => {
    expect(parseInvocation(['run', '-f', 'tests/', '--host', 'http://127.0.0.1:8080', '--users', '5', '--spawn-rate', '0.5'])).toMatchObject({ action: 'run', files: [], locustfile: 'tests/', users: 5, spawnRate: 0.5 });
  });

  test('read every --files in order', () => {
    expect(parseInvocation(['run', 'a.yaml', '--files', 'a=x', '--files', 'b=y'])).toMatchObject({ folderConfigMaps: [{ name: 'a', dir: 'x' }, { name: 'b', dir: 'y' }] });
  });

  test.each([
    [['run', '-f', 'l.py'], 'run -f needs --host URL: the target the users load, e.g. --host http://127.0.0.1:8080'],
    [['run', 'a.yaml', '-f', 'l.py', '--host', 'http://h'], 'run takes FILE or -f, not both (got a.yaml and -f l.py)'],
    [['run', 'a.yaml', '--users', '3'], '--users is for run -f: a test of FILE has its users in its master command'],
    [['run', '-f', 'l.py', '--host', 'http://h', '--users', '0'], '--users must be a whole number of at least 1 (got "0")'],
    [['run', '-f', 'l.py', '--host', 'http://h', '--spawn-rate', 'fast'], '--spawn-rate must be a number of users per second above 0 (got "fast")'],
    [['run', '-f', 'l.py', '--host', 'http://h', '--test', 'x'], 'run -f runs the one test it makes: --test is for FILE'],
    [['run', 'a.yaml', '--files', 'tests'], '--files needs NAME=DIR, NAME a ConfigMap name such as locust-tests (got "tests")'],
    [['render', 'a.yaml', '--files', 'a=b'], '--files is an option of run'],
  ])('fails when the arguments are %j', (args, message) => {
    expect(parseInvocation(args)).toEqual({ action: 'usage-error', message });
  });
});
