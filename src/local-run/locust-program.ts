import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { Problem } from '../core/problems';

/** The `locust` a local run starts: where it is, its version and the options its `--help` lists. */
export interface LocustProgram {
  readonly path: string;
  /** As `locust --version` prints it; empty when it prints none. */
  readonly version: string;
  readonly options: ReadonlySet<string>;
}

/** Where OpenTelemetry appeared in Locust, for the message when the local one lacks it. */
const OTEL_SINCE = '2.42.4';

/** The first executable `name` in the folders of `path` (a PATH value), as a shell finds it. */
export function findOnPath(name: string, path: string): string | undefined {
  for (const folder of path.split(delimiter).filter((entry) => entry !== '')) {
    // not there, or not executable: keep looking, as a shell does
    const found = executable(join(folder, name));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An executable regular file at `path`, or undefined. */
function executable(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/**
 * The Locust program a run starts: `command` as a shell finds it, a path when it holds a `/`
 * (relative to the working directory), else a name looked up in `path` (a PATH value).
 * Several Locust installs (virtualenvs, versions) live side by side; this picks one.
 */
export function findLocust(command: string, path: string): { path: string } | { problem: Problem } {
  if (command.includes('/')) {
    const found = executable(resolve(command));
    return found !== undefined ? { path: found }
      : { problem: { path: '--locust', message: 'is not an executable file', value: command, fix: 'give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH' } };
  }
  const found = findOnPath(command, path);
  if (found !== undefined) return { path: found };
  return {
    problem: command === 'locust'
      ? { path: 'locust', message: 'is not on PATH', value: path, fix: 'install Locust (pip install locust, or Debian\'s python3-locust), or name the program with --locust, and run again' }
      : { path: '--locust', message: 'is not on PATH', value: command, fix: 'give the path of a locust program, e.g. .venv/bin/locust, or a name on PATH' },
  };
}

function output(path: string, args: string[], signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    execFile(path, args, { timeout: 30_000, encoding: 'utf8', signal }, (_error, stdout, stderr) => resolve(`${stdout ?? ''}${stderr ?? ''}`));
  });
}

/**
 * Asks the program for its version and options; both take a second or so, so they run together.
 * Aborting stops both (what they printed so far is all there is).
 */
export async function inspectLocust(path: string, signal?: AbortSignal): Promise<LocustProgram> {
  const [version, help] = await Promise.all([output(path, ['--version'], signal), output(path, ['--help'], signal)]);
  return {
    path,
    // `locust 2.43.1 from /usr/lib/...`; an unset version prints `locust  from ...`.
    version: /^locust\s+(\S*)\s+from\b/m.exec(version)?.[1] ?? /^locust\s+(\S+)/m.exec(version)?.[1] ?? '',
    options: new Set(help.match(/--[A-Za-z0-9][A-Za-z0-9-]*/g) ?? []),
  };
}

/** One problem per flag of the test that the local Locust does not know, naming the flag and the version found. */
export function unsupportedFlags(program: LocustProgram, flags: readonly string[], image: string): Problem[] {
  const found = `${program.path}, version ${program.version === '' ? 'unknown (locust --version prints none)' : program.version}`;
  return flags.filter((flag) => !program.options.has(flag)).map((flag) => ({
    path: flag,
    message: `is not an option of the local locust (${found})`,
    fix: flag === '--otel'
      ? `OpenTelemetry mode needs Locust ${OTEL_SINCE} or later with the OpenTelemetry SDK: pip install 'locust[otel]>=${OTEL_SINCE}'`
      : `install the Locust the test was written for (the image is ${image})`,
  }));
}

/**
 * The Python interpreter of a `locust` script, from its `#!` line (`#!/usr/bin/python3`, or
 * `#!/usr/bin/env python3`): the one that has Locust, which the image's `python` stands for when
 * a local run installs requirements. A `locust` that is no script gives `python3`.
 */
export function pythonOfLocust(locustPath: string): string {
  const firstLine = readFileSync(locustPath).subarray(0, 256).toString('utf8').split('\n')[0];
  if (!firstLine.startsWith('#!')) return 'python3';
  const words = firstLine.slice(2).trim().split(/\s+/);
  return words[0].endsWith('/env') && words.length > 1 ? words[1] : words[0];
}
