import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectionCacheFile, inspectLocustCached } from '../../src/local-run/locust-inspection-cache';
import { tempTree } from '../temp-tree';

/** A fake `locust` that prints a version and options, and counts how often it is asked. */
function fakeLocust(version: string): { program: string; calls: () => number; cache: string } {
  const dir = tempTree({});
  const program = join(dir, 'locust');
  const counter = join(dir, 'calls');
  writeFileSync(counter, '');
  writeFileSync(program, `#!/bin/sh\necho x >> ${counter}\nif [ "$1" = --version ]; then echo "locust ${version} from /usr/lib"; else echo "  --master  --worker  --otel"; fi\n`);
  chmodSync(program, 0o755);
  return { program, calls: () => readFileSync(counter, 'utf8').split('\n').filter((line) => line !== '').length, cache: join(dir, 'cache', 'locust-programs.json') };
}

describe('inspectLocustCached', () => {
  test('asks a program once while its file is unchanged', async () => {
    // GIVEN a program asked once (--version and --help)
    const { program, calls, cache } = fakeLocust('2.43.1');
    const first = await inspectLocustCached(program, undefined, cache, {});
    expect(calls()).toBe(2);

    // WHEN it is inspected again
    const second = await inspectLocustCached(program, undefined, cache, {});

    // THEN the answers come from the cache, the same as asked
    expect(calls()).toBe(2);
    expect(second).toEqual(first);
    expect(second.version).toBe('2.43.1');
    expect([...second.options].sort()).toEqual(['--master', '--otel', '--worker']);
  });

  test('asks again once the program\'s file changed, as an upgrade changes it', async () => {
    const { program, calls, cache } = fakeLocust('2.43.1');
    await inspectLocustCached(program, undefined, cache, {});
    writeFileSync(program, readFileSync(program, 'utf8').replace('2.43.1', '2.46.7'));
    const upgraded = await inspectLocustCached(program, undefined, cache, {});
    expect(calls()).toBe(4);
    expect(upgraded.version).toBe('2.46.7');
  });

  test('never keeps a program that reports no version', async () => {
    const { program, calls, cache } = fakeLocust('');
    await inspectLocustCached(program, undefined, cache, {});
    await inspectLocustCached(program, undefined, cache, {});
    expect(calls()).toBe(4);
  });

  test('asks every time with CDK8S_LOCUST_CACHE=0', async () => {
    const { program, calls, cache } = fakeLocust('2.43.1');
    await inspectLocustCached(program, undefined, cache, { CDK8S_LOCUST_CACHE: '0' });
    await inspectLocustCached(program, undefined, cache, { CDK8S_LOCUST_CACHE: '0' });
    expect(calls()).toBe(4);
  });

  test('lives in the XDG cache folder when one is set', () => {
    expect(inspectionCacheFile({ XDG_CACHE_HOME: '/home/u/.cache-x' })).toBe('/home/u/.cache-x/cdk8s-locust/locust-programs.json');
  });
});
