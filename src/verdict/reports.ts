import { toJson_Volume, Volume } from '../../imports/k8s';
import { sanitizeName } from '../core/names';
import { isVolumeReference, VolumeReference } from '../core/plus-objects';
import { Problem } from '../core/problems';
import { flagOf } from '../core/locust-args';
import { JsonObject, SpecJson } from '../spec/spec';

/** Where the master sees the report volume. */
export const REPORTS_MOUNT_PATH = '/opt/cdk8s-locust/reports';

/** Options of `LocustTestOptions.reports`: Locust's HTML report and CSV stats, kept on a volume. */
export interface ReportOptions {
  /**
   * The volume the master writes the reports into, mounted at `/opt/cdk8s-locust/reports`, e.g.
   * `Volume.fromPersistentVolumeClaim(...)` of any cdk8s-plus major. Locust's image runs as
   * uid 1000, which must be able to write there (for most PersistentVolumes, `fsGroup: 1000` in
   * `spec.security.podSecurityContext`).
   */
  readonly volume: VolumeReference;

  /**
   * Also write the stats of every request name every few seconds into
   * `<base>_stats_history.csv` (`--csv-full-history`), not only the aggregated row.
   * @default false
   */
  readonly fullHistory?: boolean;
}

/** The report in the forms the pod patch needs: the volume as JSON and the master's flags. */
export interface ResolvedReports {
  readonly volume: JsonObject;
  readonly args: string[];
}

/** Flags the reports set themselves, which the spec must then leave alone. */
const REPORT_FLAGS = ['--html', '--csv', '--csv-full-history'];

/**
 * `<test name>` or `<test name>-<run id>`: the start of every report file. Characters outside
 * letters, digits, `.`, `_` and `-` become `-`, so a run id cannot leave the folder, and no
 * `{u}`-style placeholder that Locust 2.33+ substitutes in `--html` names can appear.
 */
export function reportFileBase(testName: string, runId: string | undefined): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '-');
  return runId === undefined ? safe(sanitizeName(testName)) : `${safe(sanitizeName(testName))}-${safe(runId)}`;
}

/** The master's report flags: `--html` and `--csv` into the mount path, plus the history if asked. */
function reportArgs(base: string, fullHistory: boolean): string[] {
  const args = [`--html=${REPORTS_MOUNT_PATH}/${base}.html`, `--csv=${REPORTS_MOUNT_PATH}/${base}`];
  if (fullHistory) args.push('--csv-full-history');
  return args;
}

/** The reports option resolved against the test, or the problems that stop it. */
export function resolveReports(reports: ReportOptions, testName: string, runId: string | undefined, masterArgs: readonly string[], volumeNames: readonly string[]): { reports?: ResolvedReports; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isVolumeReference(reports.volume)) {
    return { problems: [{ path: 'reports.volume', message: 'must be a cdk8s-plus Volume', value: typeof reports.volume, fix: 'pass e.g. Volume.fromPersistentVolumeClaim(this, "Reports", claim)' }] };
  }
  // Another major's Volume has the same fields: the conversion reads them by name.
  const volume = toJson_Volume(reports.volume._toKube() as Volume) as JsonObject;
  if (volumeNames.includes(reports.volume.name)) {
    problems.push({ path: 'reports.volume', message: 'has the name of another volume of the master pod', value: reports.volume.name, fix: 'give the report volume its own name (the name option of the Volume factory)' });
  }
  for (const arg of masterArgs) {
    const flag = flagOf(arg, REPORT_FLAGS);
    if (flag) problems.push({ path: 'spec.master', message: `passes ${flag}, which reports sets itself`, value: arg, fix: `remove ${flag} from spec.master.command and extraArgs, and let reports name the files` });
  }
  if (problems.length > 0) return { problems };
  return { reports: { volume, args: reportArgs(reportFileBase(testName, runId), reports.fullHistory === true) }, problems };
}

/**
 * A claim written into by a pod without `fsGroup`: most PersistentVolumes are owned by root, the
 * Locust image runs as uid 1000, and the master then fails to write the reports only at the end
 * of the run.
 */
export function reportsWarnings(spec: SpecJson, reports: ResolvedReports): Problem[] {
  const claim = reports.volume.persistentVolumeClaim as JsonObject | undefined;
  if (claim === undefined || spec.security?.podSecurityContext?.fsGroup !== undefined) return [];
  return [{
    path: 'spec.security.podSecurityContext.fsGroup',
    message: `is not set, so the Locust image's uid 1000 may not write to the reports claim ${String(claim.claimName)}`,
    value: spec.security?.podSecurityContext ?? {},
    fix: 'set spec.security.podSecurityContext.fsGroup to 1000 (the group of the Locust image), or to the group the volume grants writing to',
  }];
}
