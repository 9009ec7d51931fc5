import { chmodSync, closeSync, constants, lstatSync, mkdirSync, openSync, realpathSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { PodEntry } from './volumes';

/**
 * Where a local run writes: under one folder, checked after resolution. The plan already refuses
 * paths that could leave it (relative mount paths, `..` in items); this is the last guard, at the
 * moment of writing, so that no later change of the plan can write elsewhere.
 */
export class ContainedFolder {
  /** The folder with its symbolic links resolved (macOS's temporary folder is one). */
  public readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  /** The absolute path of `path`, refused unless it is the folder or under it. */
  public inside(path: string): string {
    const resolved = resolve(path);
    const rest = relative(this.root, resolved);
    if (rest === '' || (!isAbsolute(rest) && rest !== '..' && !rest.startsWith(`..${sep}`))) return resolved;
    throw new Error(`refused to write ${resolved}: it is outside the run's folder ${this.root}`);
  }

  /**
   * Makes the folder `path` and its parents one at a time, each checked before the next is made:
   * a link made inside the folder (by a process of the run) that points out of it is refused
   * before anything is created through it.
   */
  public mkdir(path: string): string {
    const resolved = this.inside(path);
    let current = this.root;
    for (const part of relative(this.root, resolved).split(sep).filter((name) => name !== '')) {
      current = join(current, part);
      const stat = lstatSync(current, { throwIfNoEntry: false });
      if (stat === undefined) mkdirSync(current);
      else if (stat.isSymbolicLink()) this.inside(realpathSync(current));
    }
    return resolved;
  }

  /** Writes a file under the folder, never through a symbolic link, with its mode. */
  public writeFile(path: string, content: Buffer, mode: number): void {
    const resolved = this.inside(path);
    this.mkdir(dirname(resolved));
    if (lstatSync(resolved, { throwIfNoEntry: false })?.isSymbolicLink()) throw new Error(`refused to write ${resolved}: it is a symbolic link`);
    const fd = openSync(resolved, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    chmodSync(resolved, mode);
  }

  /** Writes what a process's mounts hold, at their place under the folder. */
  public writeEntries(entries: readonly PodEntry[]): void {
    for (const entry of entries) {
      if (entry.kind === 'directory') this.mkdir(entry.path);
      else this.writeFile(entry.path, entry.content, entry.mode);
    }
  }
}

/**
 * Why a container path cannot be given a place in the run's folder, or undefined when it can:
 * it must be absolute, as the kubelet and the container runtime read it, and plain.
 */
export function containerPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'must be an absolute path';
  if (!posix.isAbsolute(path)) return 'is not an absolute path';
  if (path.includes('\0')) return 'holds a NUL character';
  return undefined;
}

/**
 * A container path in the one form the run maps: normalised, without a trailing `/`, so that a
 * mount at `/lotest/src/` and a working directory of `/app/` map the paths under them as the same
 * paths without the slash do.
 */
export function normalContainerPath(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/**
 * Why a path inside a volume (a ConfigMap item's `path`, a mount's `subPath`) is refused, as the
 * API server refuses it, or undefined: relative, without a `..` element.
 */
export function volumePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'must be a relative path';
  if (posix.isAbsolute(path)) return 'must be a relative path, not an absolute one';
  if (path.split('/').includes('..')) return "must not contain '..'";
  if (path.includes('\0')) return 'holds a NUL character';
  return undefined;
}
