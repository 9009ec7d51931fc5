import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersion } from '../../src/core/version';

describe('packageVersion', () => {
  test('is the version of the package\'s own package.json, found by walking up from the source', () => {
    const ownVersion = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(packageVersion()).toBe(ownVersion);
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
