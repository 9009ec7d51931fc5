import { imageLocustVersion } from '../core/locust-version';
import { Problem } from '../core/problems';
import { SpecJson } from '../spec/spec';
import { LOCUSTFILE_OPTION, RUN_TIME_OPTION, lastOptionValue, locustfilesOf } from '../core/locust-args';
import { specMasterArgs } from './verdict';

/**
 * Locust versions known to defeat thresholds or reports, from their source: a list of
 * locustfiles is read from 2.11 on; until 2.22 a list refuses files ending in `locust.py`; 2.33.0
 * crashes writing the HTML report when `--run-time` is not given (fixed in 2.33.1), before the
 * `quitting` event, so neither the report nor the verdict is written.
 */
export function verdictWarnings(spec: SpecJson, options: { thresholds: boolean; reports: boolean }): Problem[] {
  const version = imageLocustVersion(spec.image);
  if (version === undefined) return [];
  const warnings: Problem[] = [];
  const args = specMasterArgs(spec);
  if (options.thresholds && version.minor < 11) {
    warnings.push({ path: 'spec.image', message: 'runs a Locust older than 2.11, which cannot load a list of locustfiles, so the verdict module (thresholds, regression gate) stops the master at start', value: spec.image, fix: 'use locustio/locust 2.11 or later' });
  }
  const arg = lastOptionValue(args, LOCUSTFILE_OPTION);
  const refused = arg === undefined ? [] : locustfilesOf(arg).filter((file) => file.endsWith('locust.py'));
  if (options.thresholds && version.minor >= 11 && version.minor < 23 && refused.length > 0) {
    warnings.push({ path: 'spec.master.command', message: 'names a locustfile ending in locust.py, which Locust before 2.23 refuses in a list of locustfiles such as the one thresholds and the regression gate make', value: refused, fix: 'rename the locustfile (e.g. load_test.py), or use locustio/locust 2.23 or later' });
  }
  if (options.reports && version.minor === 33 && version.patch === 0 && lastOptionValue(args, RUN_TIME_OPTION) === undefined) {
    warnings.push({ path: 'spec.image', message: 'runs Locust 2.33.0, which crashes writing the HTML report of a run without --run-time, so neither the report nor a verdict is written', value: spec.image, fix: 'use locustio/locust 2.33.1 or later, or give --run-time in spec.master.command' });
  }
  return warnings;
}
