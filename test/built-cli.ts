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

/** Builds the package when the compiled command is older than any source file (give the hook 180 s). */
export function ensureBuilt(): void {
  if (existsSync(CLI_BIN) && statSync(CLI_BIN).mtimeMs >= newestSource(join(ROOT, 'src'))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}
