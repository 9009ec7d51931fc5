// Mutants of locust-program.ts that no test can tell apart:
// - line 33, an empty catch block: the function then ends and gives undefined, as `return undefined` did.
// - line 60, `stdout ?? 'Stryker was here!'` and `stderr ?? ...`: with an encoding, execFile gives
//   strings, empty ones when the program could not start. `encoding: ''` gives Buffers, which the
//   template literal reads as UTF-8 text all the same.
// - line 73, `\s` for `\s+` and `(\s*)` for `(\S*)` in the first version pattern, and `\sfrom`:
//   where the first pattern then fails, the second finds the same version.
// Not tested: the 30 s bound of line 60 (`timeout: 30_000`), which a unit test cannot wait for.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findLocust, findOnPath, inspectLocust, pythonOfLocust, unsupportedFlags } from '../../src/local-run/locust-program';
import { tempTree } from '../temp-tree';

describe('findOnPath', () => {
  test('finds the first executable file of that name, skipping folders and plain files', () => {
    // GIVEN three folders: one with a folder named locust, one with a non-executable file, one with the program
    const root = tempTree({ 'b/locust': 'not executable', 'c/locust': '#!/bin/sh\n' });
    mkdirSync(join(root, 'a', 'locust'), { recursive: true });
    chmodSync(join(root, 'c', 'locust'), 0o755);

    // THEN the program is the one a shell would run
    expect(findOnPath('locust', ['a', 'b', 'c'].map((folder) => join(root, folder)).join(':'))).toBe(join(root, 'c', 'locust'));
    expect(findOnPath('locust', join(root, 'a'))).toBeUndefined();
  });
});

describe('findLocust', () => {
  const program = (): string => {
    const root = tempTree({ 'bin/locust': '#!/bin/sh\n', 'bin/locust-2.12': '#!/bin/sh\n', 'plain/locust': 'not executable' });
    chmodSync(join(root, 'bin', 'locust'), 0o755);
    chmodSync(join(root, 'bin', 'locust-2.12'), 0o755);
    return root;
  };

  test('finds a name on PATH, and takes a path with a / as it is', () => {
    const root = program();
    expect(findLocust('locust', `${join(root, 'plain')}:${join(root, 'bin')}`)).toEqual({ path: join(root, 'bin', 'locust') });
    expect(findLocust('locust-2.12', join(root, 'bin'))).toEqual({ path: join(root, 'bin', 'locust-2.12') });
    expect(findLocust(join(root, 'bin', 'locust'), '')).toEqual({ path: join(root, 'bin', 'locust') });
  });

  test('fails when a path is not an executable file, saying what to give', () => {
    const root = program();
    expect(findLocust(join(root, 'plain', 'locust'), join(root, 'bin'))).toEqual({ problem: {
      path: '--locust', message: 'is not an executable file', value: join(root, 'plain', 'locust'), fix: 'give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH',
    } });
  });

  test('fails when locust is not on PATH, saying how to install it', () => {
    const root = program();
    expect(findLocust('locust', join(root, 'plain'))).toEqual({ problem: {
      path: 'locust', message: 'is not on PATH', value: join(root, 'plain'), fix: 'install Locust (pip install locust, or Debian\'s python3-locust), or name the program with --locust, and run again',
    } });
  });

  test('fails when another name given with --locust is not on PATH', () => {
    const root = program();
    expect(findLocust('locust-9', join(root, 'bin'))).toEqual({ problem: {
      path: '--locust', message: 'is not on PATH', value: 'locust-9', fix: 'give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH',
    } });
  });

  test('does not read an empty PATH entry as the working directory', () => {
    // GIVEN a program reachable from the working directory, and a PATH of empty entries only
    const relative = join('node_modules', '.bin', 'tsc');

    // THEN it is not found there
    expect(findOnPath(relative, '::')).toBeUndefined();
    expect(findOnPath(relative, `:${process.cwd()}`)).toBe(join(process.cwd(), relative));
  });
});

describe('unsupportedFlags', () => {
  const program = { path: '/usr/bin/locust', version: '2.12.1', options: new Set(['--master', '--worker', '--host']) };

  test('names --otel, the program and its version, and how to get a Locust that has it', () => {
    expect(unsupportedFlags(program, ['--host', '--otel'], 'locustio/locust-otel:2.43.4')).toEqual([{
      path: '--otel',
      message: 'is not an option of the local locust (/usr/bin/locust, version 2.12.1)',
      fix: 'OpenTelemetry mode needs Locust 2.42.4 or later with the OpenTelemetry SDK: pip install \'locust[otel]>=2.42.4\'',
    }]);
  });

  test('points at the image\'s Locust for other flags, and says when the version is unknown', () => {
    expect(unsupportedFlags({ ...program, version: '' }, ['--processes'], 'locustio/locust:2.43.1')).toEqual([expect.objectContaining({
      message: 'is not an option of the local locust (/usr/bin/locust, version unknown (locust --version prints none))',
      fix: 'install the Locust the test was written for (the image is locustio/locust:2.43.1)',
    })]);
  });
});

describe('inspectLocust', () => {
  /** A stand-in `locust`: a shell script that prints `version` for --version and `help` for --help. */
  function fakeLocust(version: string, help: string): string {
    const root = tempTree({ locust: `#!/bin/sh\nif [ "$1" = --version ]; then printf '%s\\n' '${version}'; elif [ "$1" = --help ]; then printf '%s\\n' '${help}'; fi\n` });
    chmodSync(join(root, 'locust'), 0o755);
    return join(root, 'locust');
  }

  test('reads the version and every long option the help lists', async () => {
    const path = fakeLocust('locust 2.43.1 from /usr/lib/python3/dist-packages/locust (python 3.12)', 'usage: locust [-h] [--host HOST] [--otel] [-f LOCUSTFILE] --run-time RUN_TIME');
    const program = await inspectLocust(path);
    expect(program).toEqual({ path, version: '2.43.1', options: new Set(['--host', '--otel', '--run-time']) });
  });

  test('gives an empty version when Locust prints none, as a Debian package with an unset version does', async () => {
    expect((await inspectLocust(fakeLocust('locust  from /usr/lib/python3/dist-packages/locust', ''))).version).toBe('');
  });

  test('reads a version printed without its origin', async () => {
    expect((await inspectLocust(fakeLocust('locust 2.12.1', ''))).version).toBe('2.12.1');
  });

  test('reads what the program prints on its error output too', async () => {
    const root = tempTree({ locust: '#!/bin/sh\nif [ "$1" = --version ]; then echo "locust 2.12.1" >&2; else echo "--host --otel" >&2; fi\n' });
    chmodSync(join(root, 'locust'), 0o755);
    expect(await inspectLocust(join(root, 'locust'))).toEqual({ path: join(root, 'locust'), version: '2.12.1', options: new Set(['--host', '--otel']) });
  });

  test('reads a version printed without its origin from its own line, after a warning that names locust, however many spaces it has', async () => {
    expect((await inspectLocust(fakeLocust('warning: locust 9 is no longer supported\nlocust  2.12.1', ''))).version).toBe('2.12.1');
  });

  test('reads the version from its own line, after a warning that names locust', async () => {
    const path = fakeLocust('warning: locust plugin from /opt is old\nlocust 2.43.1 from /usr/lib/python3', '');
    expect((await inspectLocust(path)).version).toBe('2.43.1');
  });

  test('stops asking when aborted', async () => {
    // GIVEN a program that takes a minute to answer
    const root = tempTree({ locust: '#!/bin/sh\nexec sleep 60\n' });
    chmodSync(join(root, 'locust'), 0o755);
    const aborted = new AbortController();

    // WHEN the inspection is aborted
    const started = Date.now();
    const inspection = inspectLocust(join(root, 'locust'), aborted.signal);
    aborted.abort();

    // THEN it ends at once, with what was printed: nothing
    expect(await inspection).toEqual({ path: join(root, 'locust'), version: '', options: new Set() });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('gives no version and no options for a program that prints nothing or cannot run', async () => {
    expect(await inspectLocust('/nonexistent/locust')).toEqual({ path: '/nonexistent/locust', version: '', options: new Set() });
  });
});

describe('pythonOfLocust', () => {
  test.each([
    ['#!/usr/bin/python3\nimport locust\n', '/usr/bin/python3'],
    ['#!/usr/bin/env python3\n', 'python3'],
    ['#! /opt/venv/bin/python -s\n', '/opt/venv/bin/python'],
    ['#!/usr/bin/env\n', '/usr/bin/env'],
    ['#!/usr/bin/env  python3\n', 'python3'],
    ['ELF binary', 'python3'],
  ])('reads the interpreter of a locust starting %j as %j', (script, python) => {
    const root = tempTree({ locust: script });
    expect(pythonOfLocust(join(root, 'locust'))).toBe(python);
  });
});
