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

  test('answers --help and --version whatever the command', () => {
    expect(parseInvocation(['validate', '-h'])).toEqual({ action: 'help' });
    expect(parseInvocation(['-V'])).toEqual({ action: 'version' });
  });

  test.each([
    [[], 'a command is required: render or validate'],
    [['synth'], 'unknown command "synth": use render or validate'],
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
