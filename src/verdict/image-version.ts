import { imageReference } from '../core/kubernetes';
import { LOCUSTFILE_OPTION, lastOptionValue, locustfilesOf } from '../core/locust-args';

/** A Locust version read from an image tag, e.g. `2.12.1` from `locustio/locust:2.12.1`. */
export interface LocustVersion {
  readonly minor: number;
  readonly patch: number;
}

/** The 2.x version an image tag names, or undefined for `latest`, a digest or another scheme. */
export function imageLocustVersion(image: string): LocustVersion | undefined {
  const { tag } = imageReference(image);
  if (tag === undefined) return undefined;
  const match = /^v?2\.(\d+)(?:\.(\d+))?(?:$|[-+])/.exec(tag);
  return match ? { minor: Number(match[1]), patch: Number(match[2] ?? 0) } : undefined;
}

/**
 * Whether the image's Locust reads the master's locustfiles as a list with the module first: a
 * list from 2.11 on, and until 2.22 none ending in `locust.py`. An image without a version is
 * taken to read it.
 */
export function readsLocustfileList(image: string, masterArgs: readonly string[]): boolean {
  const version = imageLocustVersion(image);
  if (version === undefined) return true;
  if (version.minor < 11) return false;
  const arg = lastOptionValue(masterArgs, LOCUSTFILE_OPTION);
  return !(version.minor < 23 && arg !== undefined && locustfilesOf(arg).some((file) => file.endsWith('locust.py')));
}
