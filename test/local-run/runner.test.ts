import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { findOnPath, unsupportedFlags } from '../../src/local-run/locust-program';
import { executeLocalRun, exitStatusOf, INTERRUPTED_STATUS, TIMEOUT_STATUS } from '../../src/local-run/runner';
import { selectTest } from '../../src/local-run/select';
import { tempTree } from '../temp-tree';
import { locustTestYaml, renderedObjects } from './rendered';

describe('exitStatusOf', () => {
  test.each([
    [{ code: 0, signal: null }, undefined, 0],
    [{ code: 1, signal: null }, undefined, 1],
    [{ code: 0, signal: null }, 'time bound' as const, TIMEOUT_STATUS],
    [{ code: 0, signal: null }, 'interrupt' as const, INTERRUPTED_STATUS],
    [{ code: null, signal: 'SIGKILL' as const }, undefined, 137],
    [{ code: null, signal: null, error: 'spawn locust ENOENT' }, undefined, 127],
  ])('gives %j stopped by %s the status %d', (outcome, stoppedBy, status) => {
    expect(exitStatusOf(outcome, stoppedBy)).toBe(status);
  });
});

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

describe('executeLocalRun', () => {
  test('fails when locust is not on PATH, before anything is written', async () => {
    // GIVEN a test and a PATH without locust
    const selected = selectTest(renderedObjects(locustTestYaml('shop')));
    if (!('test' in selected)) throw new Error('no test');
    const chunks: string[] = [];
    const stderr = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const emptyFolder = tempTree({ 'readme.txt': 'no programs here' });

    // WHEN it runs
    const status = await executeLocalRun(selected.test, { path: emptyFolder }, { stdout: stderr, stderr });

    // THEN it says how to install Locust
    expect(status).toBe(1);
    expect(chunks.join('')).toBe(`run: locust is not on PATH (got ${JSON.stringify(emptyFolder)}); install Locust (pip install locust, or Debian's python3-locust), or name the program with --locust, and run again\n`);
  });

  test('fails when --locust names a file that is not a program, before anything is written', async () => {
    // GIVEN a test and a --locust path to a plain text file
    const selected = selectTest(renderedObjects(locustTestYaml('shop')));
    if (!('test' in selected)) throw new Error('no test');
    const chunks: string[] = [];
    const stderr = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const notAProgram = join(tempTree({ 'locust': 'not executable' }), 'locust');

    // WHEN it runs with that program
    const status = await executeLocalRun(selected.test, { locust: notAProgram }, { stdout: stderr, stderr });

    // THEN it names the flag and the value
    expect(status).toBe(1);
    expect(chunks.join('')).toBe(`run: --locust is not an executable file (got ${JSON.stringify(notAProgram)}); give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH\n`);
  });

  test('fails when --locust names a program that is not on PATH', async () => {
    // GIVEN a test and a PATH without the named program
    const selected = selectTest(renderedObjects(locustTestYaml('shop')));
    if (!('test' in selected)) throw new Error('no test');
    const chunks: string[] = [];
    const stderr = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const emptyFolder = tempTree({ 'readme.txt': 'no programs here' });

    // WHEN it runs with a program name
    const status = await executeLocalRun(selected.test, { path: emptyFolder, locust: 'locust-2.46' }, { stdout: stderr, stderr });

    // THEN it names the flag and the program
    expect(status).toBe(1);
    expect(chunks.join('')).toBe('run: --locust is not on PATH (got "locust-2.46"); give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH\n');
  });
});
