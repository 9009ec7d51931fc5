import { readFileSync } from 'node:fs';
import { Problem } from '../core/problems';
import { REPORTS_MOUNT_PATH } from './reports';
import { RegressionConfig, RegressionLimits, validateRegressionLimits, withDefaultLimits } from './regression-limits';
import { readSummaryFile } from './summary';

/** Where the master sees a baseline summary from the repository. */
export const BASELINE_MOUNT_PATH = '/opt/cdk8s-locust/baseline';
/** The key, and file name, of the baseline summary in its ConfigMap. */
export const BASELINE_FILE_NAME = 'baseline.summary.json';

/** The run a test is compared with. */
export class RegressionBaseline {
  /**
   * A summary file of the repository (a `<name>.summary.json` a run wrote), read at synth and
   * emitted as a ConfigMap `<name>-baseline-<hash>` that the master mounts. A new baseline gives a
   * new ConfigMap, hence new Jobs. The path is relative to the folder `cdk8s synth` runs in.
   */
  public static fromFile(path: string): RegressionBaseline {
    return new RegressionBaseline('file', path);
  }

  /**
   * The newest passing summary of the same test in its reports volume (`reports` must be set):
   * every run is compared with the last good one. The first run has none, and the gate passes.
   */
  public static fromReports(): RegressionBaseline {
    return new RegressionBaseline('reports', undefined);
  }

  private constructor(
    /** Where the baseline comes from. */
    public readonly source: 'file' | 'reports',
    /** The summary file, for `fromFile`. */
    public readonly path: string | undefined,
  ) {}
}

/** Options of `LocustTestOptions.regression`: the baseline and how much worse than it a run may be. */
export interface RegressionOptions {
  /** The run to compare with: `RegressionBaseline.fromFile(...)` or `RegressionBaseline.fromReports()`. */
  readonly baseline: RegressionBaseline;
  /**
   * Limits for all requests and every endpoint.
   * @default - average and p95 at most 20% above the baseline, requests per second at most 10% below, fail ratio at most 1 point above
   */
  readonly limits?: RegressionLimits;
  /** Limits for all requests together, over `limits`. @default - `limits` */
  readonly totalLimits?: RegressionLimits;
  /** Limits of single endpoints, keyed `METHOD name` as Locust reports them (e.g. `GET /checkout`), over `limits`. @default - `limits` for every endpoint */
  readonly endpointLimits?: Readonly<Record<string, RegressionLimits>>;
}

/** The regression gate in the forms the master pod needs. */
export interface ResolvedRegression {
  /** The master's `CDK8S_LOCUST_BASELINE`: a file, or the reports folder. */
  readonly baselinePath: string;
  readonly config: RegressionConfig;
  /** The baseline summary's text, for its ConfigMap; only for a baseline from a file. @default - none */
  readonly baselineFile?: string;
}

/** Checks the regression option; `reports` tells whether the test keeps reports. */
export function resolveRegression(regression: RegressionOptions, reports: boolean): { regression?: ResolvedRegression; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!(regression.baseline instanceof RegressionBaseline)) {
    return { problems: [{ path: 'regression.baseline', message: 'must be a RegressionBaseline', value: regression.baseline, fix: 'use RegressionBaseline.fromFile("baselines/<test>.summary.json") or RegressionBaseline.fromReports()' }] };
  }
  if (regression.limits !== undefined) problems.push(...validateRegressionLimits(regression.limits, 'regression.limits'));
  if (regression.totalLimits !== undefined) problems.push(...validateRegressionLimits(regression.totalLimits, 'regression.totalLimits'));
  for (const [endpoint, limits] of Object.entries(regression.endpointLimits ?? {})) {
    if (!/^\S+ \S/.test(endpoint)) {
      problems.push({ path: 'regression.endpointLimits', message: 'has a key that is not METHOD name', value: endpoint, fix: 'key endpoints as Locust reports them, e.g. "GET /checkout"' });
    }
    problems.push(...validateRegressionLimits(limits, `regression.endpointLimits[${JSON.stringify(endpoint)}]`));
  }
  const config: RegressionConfig = {
    limits: withDefaultLimits(regression.limits),
    ...(regression.totalLimits ? { total: regression.totalLimits } : {}),
    ...(regression.endpointLimits ? { endpoints: regression.endpointLimits } : {}),
  };
  const { baseline } = regression;
  if (baseline.source === 'reports') {
    if (!reports) problems.push({ path: 'regression.baseline', message: 'is the reports volume, but the test keeps no reports', value: 'RegressionBaseline.fromReports()', fix: 'set reports: { volume } so that each run leaves its summary, or use RegressionBaseline.fromFile(...)' });
    return problems.length > 0 ? { problems } : { regression: { baselinePath: REPORTS_MOUNT_PATH, config }, problems };
  }
  const path = baseline.path ?? '';
  const read = readSummaryFile(path);
  if ('problem' in read) {
    problems.push({ path: 'regression.baseline', message: `is a file that ${read.problem}`, value: path, fix: read.fix });
    return { problems };
  }
  if (read.fromStatsCsv) {
    problems.push({ path: 'regression.baseline', message: 'is Locust\'s _stats.csv, which the master does not read', value: path, fix: 'give the <name>.summary.json a run wrote (cdk8s-locust compare reads CSV files)' });
  }
  if (problems.length > 0) return { problems };
  return { regression: { baselinePath: `${BASELINE_MOUNT_PATH}/${BASELINE_FILE_NAME}`, config, baselineFile: readFileSync(path, 'utf8') }, problems };
}
