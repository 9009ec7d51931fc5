import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The root of the repository. */
export const ROOT = resolve(__dirname, '..');
/** The command line as users run it: the compiled `lib/src/cli/main.js`. */
export const CLI_BIN = join(ROOT, 'lib', 'src', 'cli', 'main.js');

function newestSource(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
  }));
}

/** The package's ESM entry, which the build writes after compiling (scripts/write-esm-entry.mjs). */
export const ESM_ENTRY = join(ROOT, 'lib', 'esm', 'index.mjs');

/** Builds the package when a compiled entry is missing or older than any source file (give the hook 180 s). */
export function ensureBuilt(): void {
  const sources = newestSource(join(ROOT, 'src'));
  if ([CLI_BIN, ESM_ENTRY].every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}
