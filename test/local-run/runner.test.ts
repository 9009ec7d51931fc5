import { Writable } from 'node:stream';
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
    expect(chunks.join('')).toBe(`run: locust is not on PATH (got ${JSON.stringify(emptyFolder)}); install Locust (pip install locust, or Debian's python3-locust) and run again\n`);
  });
});
