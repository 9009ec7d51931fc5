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

  test('reads the Argo CD, run id and strict options', () => {
    expect(parseInvocation(['render', '--argocd', '--run-id', '2026-11-22', '--strict', 'a.yaml'])).toMatchObject({ action: 'render', files: ['a.yaml'], argoCd: true, runId: '2026-11-22', strict: true });
  });

  test('reads the options of run', () => {
    expect(parseInvocation(['run', 'dist/a.k8s.yaml', 'b.yaml', '--test', 'shop', '--host', 'http://127.0.0.1:8080', '--run-time', '1h30m', '--workers', '3', '--timeout', '2.5', '--keep', '--strict'])).toEqual({
      action: 'run', files: ['dist/a.k8s.yaml', 'b.yaml'], operatorConfig: undefined, strict: true,
      test: 'shop', host: 'http://127.0.0.1:8080', runTime: '1h30m', workers: 3, timeoutSeconds: 2.5, keep: true, noReports: false,
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
    [['run', 'a.yaml', '-o', 'x.yaml'], 'run does not take --output: it changes what is rendered for a cluster, not what runs'],
    [['run', 'a.yaml', '--argocd'], 'run does not take --argocd: it changes what is rendered for a cluster, not what runs'],
    [['run'], 'run needs FILE: the rendered manifests or LocustTest resources (standard input is not read)'],
    [['run', '-'], 'run needs FILE: the rendered manifests or LocustTest resources (standard input is not read)'],
    [['run', 'a.yaml', '--host', 'shop.example.com'], '--host must be a URL starting with http:// or https:// (got "shop.example.com")'],
    [['run', 'a.yaml', '--run-time', '5 minutes'], '--run-time must be a Locust duration such as 30s, 5m or 1h30m (got "5 minutes")'],
    [['run', 'a.yaml', '--run-time', ''], '--run-time must be a Locust duration such as 30s, 5m or 1h30m (got "")'],
    [['run', 'a.yaml', '--workers', '0'], '--workers must be a whole number of at least 1 (got "0")'],
    [['run', 'a.yaml', '--timeout=-3'], '--timeout must be a number of seconds above 0 (got "-3")'],
    [['run', 'a.yaml', '--timeout', '0'], '--timeout must be a number of seconds above 0 (got "0")'],
    [['run', 'a.yaml', '--test='], '--test needs the name of a test'],
    [['run', 'a.yaml', '--reports', 'out', '--no-reports'], '--reports and --no-reports exclude each other: keep one'],
    [['run', 'a.yaml', '--reports='], '--reports needs a folder, e.g. --reports locust-reports'],
    [['run', 'a.yaml', '--baseline='], '--baseline needs a summary file, e.g. --baseline locust-reports/<name>-<time>/<name>.summary.json'],
    [['render', '--baseline', 'b.json'], '--baseline is an option of run'],
    [['comapre', 'a', 'b'], 'unknown command "comapre": did you mean compare? use render, validate, run or compare'],
    [['render', '--bogus'], expect.stringContaining("unknown option '--bogus'")],
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
