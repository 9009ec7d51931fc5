import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath, inspectLocust, pythonOfLocust, unsupportedFlags } from '../../src/local-run/locust-program';
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
  /** A stand-in `locust`: a shell script that prints `version` for --version and `help` otherwise. */
  function fakeLocust(version: string, help: string): string {
    const root = tempTree({ locust: `#!/bin/sh\nif [ "$1" = --version ]; then printf '%s\\n' '${version}'; else printf '%s\\n' '${help}'; fi\n` });
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
    ['ELF binary', 'python3'],
  ])('reads the interpreter of a locust starting %j as %j', (script, python) => {
    const root = tempTree({ locust: script });
    expect(pythonOfLocust(join(root, 'locust'))).toBe(python);
  });
});
