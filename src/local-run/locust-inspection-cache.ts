import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspectLocust, LocustProgram } from './locust-program';

/**
 * Asking `locust` for its version and options starts Python and imports Locust twice, about a
 * second on a busy machine: most of what a run adds to starting Locust by hand. The answers of a
 * program are kept in a cache file and used again while the program's file is unchanged (same
 * real path, size, modification and change times); an install or upgrade replaces the file and
 * the program is asked again. A program that reports no version is never kept: its installation
 * may still be in progress (Debian's package gets its version written afterwards).
 */

/** Set to `0` to ask the program every time. */
export const INSPECTION_CACHE_ENV_VAR = 'CDK8S_LOCUST_CACHE';

interface CachedProgram {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly version: string;
  readonly options: string[];
}

/** `$XDG_CACHE_HOME/cdk8s-locust/locust-programs.json`, else under `~/.cache`. */
export function inspectionCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'cdk8s-locust', 'locust-programs.json');
}

function readCache(file: string): Record<string, CachedProgram> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, CachedProgram> : {};
  } catch {
    return {};
  }
}

/** The program's version and options, from the cache while its file is unchanged, else asked and kept. */
export async function inspectLocustCached(path: string, signal?: AbortSignal, cacheFile = inspectionCacheFile(), env: NodeJS.ProcessEnv = process.env): Promise<LocustProgram> {
  if (env[INSPECTION_CACHE_ENV_VAR] === '0') return inspectLocust(path, signal);
  let key: string;
  let stat: { size: number; mtimeMs: number; ctimeMs: number };
  try {
    key = realpathSync(path);
    stat = statSync(key);
  } catch {
    return inspectLocust(path, signal);
  }
  const cache = readCache(cacheFile);
  const cached = cache[key];
  if (cached !== undefined && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs && cached.ctimeMs === stat.ctimeMs && Array.isArray(cached.options)) {
    return { path, version: String(cached.version), options: new Set(cached.options) };
  }
  const program = await inspectLocust(path, signal);
  // An inspection stopped half-way (the time bound, an interrupt) is never kept.
  if (program.version === '' || signal?.aborted) return program;
  cache[key] = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, version: program.version, options: [...program.options].sort() };
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Written whole, then renamed: two runs at once never read half a file.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(cache, null, 2)}\n`);
    renameSync(partial, cacheFile);
  } catch {
    // A cache that cannot be written (read-only home) only costs the next run the same second.
  }
  return program;
}
