import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, where package.json and the build output (lib/) live. */
export const ROOT = resolve(__dirname, '..');

/** The files of the build that tests run: the command line and the ESM entry. */
const BUILT = [join(ROOT, 'lib', 'src', 'cli', 'main.js'), join(ROOT, 'lib', 'esm', 'index.mjs')];

function newestSource(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
  }));
}

/** Runs `npm run build` when a built file is missing or older than any source file. */
export function ensureBuilt(): void {
  const sources = newestSource(join(ROOT, 'src'));
  if (BUILT.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}
