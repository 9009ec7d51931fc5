import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeConfigMap } from '../../imports/k8s';
import { objectMetadata } from '../core/kubernetes';
import { sanitizeName } from '../core/names';
import { Problem } from '../core/problems';
import { packageVersion } from '../core/version';
import { contentHash } from '../test-files/test-files';
import { commandWords } from '../pod/command';
import { withEditedLocustPod } from '../pod/edit-pod';
import { JsonObject, SpecJson } from '../spec/spec';
import { LOCUSTFILE_OPTION, lastOptionValue, locustfilesOf, withLocustfileFirst } from '../core/locust-args';
import { readsLocustfileList } from './image-version';
import { BASELINE_FILE_NAME, BASELINE_MOUNT_PATH, RegressionOptions, ResolvedRegression, resolveRegression } from './regression-baseline';
import { regressionConfigJson } from './regression-limits';
import { BASELINE_ENV_VAR, REGRESSION_ENV_VAR } from './regression-python';
import { REPORTS_MOUNT_PATH, ReportOptions, ResolvedReports, resolveReports } from './reports';
import { RUN_ID_ENV_VAR, TEST_NAME_ENV_VAR } from './summary-python';
import { ResolvedThresholds, thresholdsEnvValue, ThresholdsJson } from './thresholds';
import { THRESHOLDS_ENV_VAR, verdictModuleFileName, verdictModuleSource } from './verdict-module';

/** Where the master sees the generated verdict module. */
export const VERDICT_MOUNT_PATH = '/opt/cdk8s-locust/verdict';
/** Volume of the master pod holding the verdict module's ConfigMap. */
const VERDICT_VOLUME_NAME = 'cdk8s-locust-verdict';
/** Volume of the master pod holding the baseline summary's ConfigMap. */
const BASELINE_VOLUME_NAME = 'cdk8s-locust-baseline';

/** The verdict and report options of one test, checked and in the forms the master pod needs. */
export interface ResolvedVerdict {
  readonly thresholds?: ThresholdsJson;
  readonly reports?: ResolvedReports;
  readonly regression?: ResolvedRegression;
  /** The test's name and run id, which the module writes into the summary; set when the module is loaded. */
  readonly summary?: { readonly testName: string; readonly runId?: string };
}

/** What resolving the options needs to know about the test. */
export interface VerdictRequest {
  readonly testName: string;
  readonly spec: SpecJson;
  readonly runId?: string;
  /** The thresholds, already read and checked on their own (`resolveThresholds`). @default - none */
  readonly thresholds?: ResolvedThresholds;
  readonly reports?: ReportOptions;
  readonly regression?: RegressionOptions;
}

/** The master's own arguments as the spec gives them: its command, then its extra arguments. */
export function specMasterArgs(spec: SpecJson): string[] {
  return [...commandWords(spec.master.command), ...(spec.master.extraArgs ?? [])];
}

/** Checks thresholds and reports against a spec that is otherwise valid: what they need of the master's command and volumes. */
export function resolveVerdict(request: VerdictRequest): { verdict: ResolvedVerdict; problems: Problem[] } {
  const problems: Problem[] = [];
  const args = specMasterArgs(request.spec);
  let thresholds: ThresholdsJson | undefined;
  if (request.thresholds !== undefined) {
    problems.push(...verdictLocustfileProblems(args));
    thresholds = request.thresholds.json;
  }
  let reports: ResolvedReports | undefined;
  if (request.reports !== undefined) {
    const volumeNames = (request.spec.volumes ?? []).map((volume) => String(volume.name));
    const resolved = resolveReports(request.reports, request.testName, request.runId, args, [...volumeNames, VERDICT_VOLUME_NAME, BASELINE_VOLUME_NAME]);
    problems.push(...resolved.problems);
    reports = resolved.reports;
  }
  let regression: ResolvedRegression | undefined;
  if (request.regression !== undefined) {
    const resolved = resolveRegression(request.regression, request.reports !== undefined);
    problems.push(...resolved.problems);
    // The gate lives in the module, which is loaded as a second locustfile: the same needs as thresholds.
    if (request.thresholds === undefined) problems.push(...verdictLocustfileProblems(args, 'a regression gate adds its check'));
    regression = resolved.regression;
  }
  // Reports get a summary when the module can be loaded: a master without a .py locustfile, or
  // with a Locust that cannot read the list the module makes, keeps the reports alone, as before.
  const loadsModule = thresholds !== undefined || regression !== undefined
    || (reports !== undefined && verdictLocustfileProblems(args).length === 0 && readsLocustfileList(request.spec.image, args));
  const summary = loadsModule ? { testName: request.testName, ...(request.runId !== undefined ? { runId: request.runId } : {}) } : undefined;
  return { verdict: { thresholds, reports, regression, summary }, problems };
}

/** The verdict module is loaded with `-f module.py,locustfile.py`, which needs a list of .py files. */
function verdictLocustfileProblems(args: readonly string[], who = 'thresholds add their check'): Problem[] {
  const arg = lastOptionValue(args, LOCUSTFILE_OPTION);
  const path = 'spec.master.command';
  if (arg === undefined) {
    return [{ path, message: `names no locustfile (-f or --locustfile); ${who} next to it`, value: args.join(' '), fix: 'add --locustfile /lotest/src/<file>.py to spec.master.command' }];
  }
  const notPython = locustfilesOf(arg).filter((file) => !file.endsWith('.py'));
  if (notPython.length === 0) return [];
  return [{ path, message: `names a locustfile that is not a .py file; ${who} as a second locustfile, and Locust reads a list of locustfiles only as .py files`, value: notPython, fix: 'name the locustfile with its .py extension (a directory cannot be combined)' }];
}

/** The generated module's file name for this library version. */
function verdictModuleFile(): string {
  return verdictModuleFileName(packageVersion());
}

/**
 * The ConfigMap holding the verdict module, named `<name>-verdict-<hash>` like the locustfile
 * ConfigMaps: a new module (a new library version) gives a new object.
 */
export function createVerdictConfigMap(scope: Construct, testName: string, namespace: string | undefined): ApiObject {
  const key = verdictModuleFile();
  const source = verdictModuleSource(packageVersion());
  const name = `${sanitizeName(testName)}-verdict-${contentHash([{ relativePath: key, content: Buffer.from(source, 'utf8') }])}`;
  return new KubeConfigMap(scope, 'Verdict', { metadata: objectMetadata(name, namespace), data: { [key]: source } });
}

/**
 * The ConfigMap holding the baseline summary, named `<name>-baseline-<hash>`: a new baseline
 * gives a new object, hence new Jobs.
 */
export function createBaselineConfigMap(scope: Construct, testName: string, namespace: string | undefined, content: string): ApiObject {
  const name = `${sanitizeName(testName)}-baseline-${contentHash([{ relativePath: BASELINE_FILE_NAME, content: Buffer.from(content, 'utf8') }])}`;
  return new KubeConfigMap(scope, 'Baseline', { metadata: objectMetadata(name, namespace), data: { [BASELINE_FILE_NAME]: content } });
}

/** The ConfigMaps a master with this verdict mounts. */
export interface VerdictConfigMaps {
  /** The module's. @default - the module is not loaded */
  readonly module?: string;
  /** The baseline summary's. @default - no baseline from a file */
  readonly baseline?: string;
}

/**
 * The master Job spec judging the thresholds, comparing with the baseline and writing the
 * reports and the summary: the module loaded first in `-f`, its settings in the environment,
 * the report flags appended after every other argument (Locust keeps the last occurrence), and
 * the volumes mounted. Other containers are left as they are.
 */
export function withVerdict(jobSpec: JsonObject, containerName: string, verdict: ResolvedVerdict, configMaps: VerdictConfigMaps): JsonObject {
  if (verdict.summary === undefined && verdict.reports === undefined) return jobSpec;
  return withEditedLocustPod(jobSpec, containerName, (container, pod) => {
    let args = container.args as string[];
    const env = [...(container.env as JsonObject[])];
    const mounts = [...((container.volumeMounts as JsonObject[] | undefined) ?? [])];
    const volumes = [...((pod.volumes as JsonObject[] | undefined) ?? [])];
    if (verdict.summary !== undefined && configMaps.module !== undefined) {
      args = withLocustfileFirst(args, `${VERDICT_MOUNT_PATH}/${verdictModuleFile()}`);
      if (verdict.thresholds !== undefined) env.push({ name: THRESHOLDS_ENV_VAR, value: thresholdsEnvValue(verdict.thresholds) });
      env.push({ name: TEST_NAME_ENV_VAR, value: verdict.summary.testName });
      if (verdict.summary.runId !== undefined) env.push({ name: RUN_ID_ENV_VAR, value: verdict.summary.runId });
      volumes.push({ name: VERDICT_VOLUME_NAME, configMap: { name: configMaps.module } });
      mounts.push({ name: VERDICT_VOLUME_NAME, mountPath: VERDICT_MOUNT_PATH, readOnly: true });
    }
    if (verdict.regression !== undefined) {
      env.push({ name: BASELINE_ENV_VAR, value: verdict.regression.baselinePath });
      env.push({ name: REGRESSION_ENV_VAR, value: regressionConfigJson(verdict.regression.config) });
      if (configMaps.baseline !== undefined) {
        volumes.push({ name: BASELINE_VOLUME_NAME, configMap: { name: configMaps.baseline } });
        mounts.push({ name: BASELINE_VOLUME_NAME, mountPath: BASELINE_MOUNT_PATH, readOnly: true });
      }
    }
    if (verdict.reports !== undefined) {
      args = [...args, ...verdict.reports.args];
      volumes.push(verdict.reports.volume);
      mounts.push({ name: verdict.reports.volume.name, mountPath: REPORTS_MOUNT_PATH });
    }
    return { container: { ...container, args, env, volumeMounts: mounts }, pod: { ...pod, volumes } };
  });
}
