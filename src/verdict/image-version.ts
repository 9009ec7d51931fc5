import { LOCUSTFILE_OPTION, lastOptionValue, locustfilesOf } from '../core/locust-args';
import { imageLocustVersion } from '../core/locust-version';

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
