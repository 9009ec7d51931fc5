import { LocustTest } from '../../src';
import { autoquitTimeout, commandWords, managedFlagOf, masterArgs, workerArgs } from '../../src/pod/command';
import { SpecJson } from '../../src/spec/spec';
import { minimalSpecJson } from '../fixtures';
import { argsAfterCommand, find, locustContainer, synthChart } from '../util';

function argsOf(spec: Record<string, unknown>, name = 'checkout') {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, name, { name, spec: minimalSpecJson(spec) }));
  const base = name.split('.').join('-');
  return {
    master: locustContainer(find(objects, 'Job', `${base}-master`)).args as string[],
    worker: locustContainer(find(objects, 'Job', `${base}-worker`)).args as string[],
  };
}

const WORDS = ['--locustfile', '/lotest/src/locustfile.py', '--host', 'https://shop.example.com'];

describe('command', () => {
  test('writes the master args in the operator\'s exact order', () => {
    // GIVEN extra args on the master
    const { master } = argsOf({ master: { command: minimalSpecJson().master.command, extraArgs: ['--csv=/tmp/out', '--loglevel', 'DEBUG'] } });
    // THEN command words, operator flags, then the extra args
    expect(master).toEqual([
      ...WORDS, '--master', '--master-port=5557', '--expect-workers=3', '--autostart', '--autoquit', '60',
      '--enable-rebalancing', '--only-summary', '--csv=/tmp/out', '--loglevel', 'DEBUG',
    ]);
  });

  test('writes the worker args in the operator\'s exact order, pointing at the sanitised master', () => {
    const { worker } = argsOf({ worker: { command: '-f /lotest/src/a.py', replicas: 2, extraArgs: ['--processes', '4'] } }, 'shop.checkout');
    expect(worker).toEqual(['-f', '/lotest/src/a.py', '--worker', '--master-port=5557', '--master-host=shop-checkout-master', '--processes', '4']);
  });

  test('takes --expect-workers from the worker replicas', () => {
    const { master } = argsOf({ worker: { command: 'x', replicas: 42 } });
    expect(master).toContain('--expect-workers=42');
  });

  test.each([
    ['absent', undefined, ['--autoquit', '60']],
    ['{}', {}, ['--autoquit', '60']],
    ['{timeout: 300}', { timeout: 300 }, ['--autoquit', '300']],
    ['{enabled: true, timeout: 0} (0 honoured on purpose)', { enabled: true, timeout: 0 }, ['--autoquit', '0']],
  ])('writes autoquit %s as two separate items', (_label, autoquit, expected) => {
    const { master } = argsOf({ master: { command: 'x', autoquit } });
    const at = master.indexOf('--autoquit');
    expect(master.slice(at, at + 2)).toEqual(expected);
    expect(master.filter((a) => a === '--autoquit')).toHaveLength(1);
  });

  test('writes no --autoquit and ignores the timeout when autoquit is disabled', () => {
    const { master } = argsOf({ master: { command: 'x', autoquit: { enabled: false, timeout: 5 } } });
    expect(master).not.toContain('--autoquit');
    expect(master).not.toContain('5');
    expect(master).toEqual(['x', '--master', '--master-port=5557', '--expect-workers=3', '--autostart', '--enable-rebalancing', '--only-summary']);
  });

  test('falls back to 60 for a negative timeout, which only the builder can see', () => {
    expect(autoquitTimeout({ command: 'x', autoquit: { timeout: -1 } })).toBe(60);
    expect(autoquitTimeout({ command: 'x', autoquit: { enabled: true, timeout: -30 } })).toBe(60);
  });

  test.each([
    ['absent', undefined, true],
    ['true', true, true],
    ['false', false, false],
  ])('writes --autostart when autostart is %s: %s', (_label, autostart, expected) => {
    const { master } = argsOf({ master: { command: 'x', autostart } });
    expect(master.includes('--autostart')).toBe(expected);
  });

  test('splits the command on runs of spaces, tabs and newlines without interpreting quotes', () => {
    expect(commandWords('  -f\t/a.py \n --tags "slow checkout"\r\n')).toEqual(['-f', '/a.py', '--tags', '"slow', 'checkout"']);
    expect(commandWords('   ')).toEqual([]);
  });

  test('splits the worker command the same way', () => {
    const { worker } = argsOf({ worker: { command: "-f\t/a.py\n--tags 'a b'", replicas: 1 } });
    expect(worker.slice(0, 5)).toEqual(['-f', '/a.py', '--tags', "'a", "b'"]);
  });

  test('appends extra args verbatim: not split, not de-duplicated, even when they repeat operator flags', () => {
    const { master } = argsOf({ master: { command: 'x', extraArgs: ['--autoquit', '10', '--tags a b', '--tags a b', '--master-port=6000'] } });
    expect(master.slice(-5)).toEqual(['--autoquit', '10', '--tags a b', '--tags a b', '--master-port=6000']);
  });

  test('inserts the observability flags right after the command words', () => {
    const spec = minimalSpecJson({ master: { command: 'a b' }, worker: { command: 'c', replicas: 1 } }) as unknown as SpecJson;
    expect(argsAfterCommand(masterArgs(spec, ['--otel']), 'a b').slice(0, 2)).toEqual(['--otel', '--master']);
    expect(argsAfterCommand(workerArgs('t', spec, ['--otel']), 'c').slice(0, 2)).toEqual(['--otel', '--worker']);
  });

  test('recognises an extra arg that repeats an operator-managed flag, alone or with =', () => {
    expect(managedFlagOf('--autoquit')).toBe('--autoquit');
    expect(managedFlagOf('--master-port=6000')).toBe('--master-port');
    expect(managedFlagOf('--master-bind-port=1')).toBeUndefined();
    expect(managedFlagOf('--csv')).toBeUndefined();
  });
});
