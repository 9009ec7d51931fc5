import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in the package's own package.json, found by walking up from this file: the same
 * lookup works from the compiled `lib/src/cli` and from `src/cli` under ts-node.
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return String(JSON.parse(readFileSync(candidate, 'utf8')).version);
    if (dirname(dir) === dir) return 'unknown';
  }
}
