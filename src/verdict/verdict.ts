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
import { REPORTS_MOUNT_PATH, ReportOptions, ResolvedReports, resolveReports } from './reports';
import { ResolvedThresholds, thresholdsEnvValue, ThresholdsJson } from './thresholds';
import { THRESHOLDS_ENV_VAR, verdictModuleFileName, verdictModuleSource } from './verdict-module';

/** Where the master sees the generated verdict module. */
export const VERDICT_MOUNT_PATH = '/opt/cdk8s-locust/verdict';
/** Volume of the master pod holding the verdict module's ConfigMap. */
const VERDICT_VOLUME_NAME = 'cdk8s-locust-verdict';

/** The verdict and report options of one test, checked and in the forms the master pod needs. */
export interface ResolvedVerdict {
  readonly thresholds?: ThresholdsJson;
  readonly reports?: ResolvedReports;
}

/** What resolving the options needs to know about the test. */
export interface VerdictRequest {
  readonly testName: string;
  readonly spec: SpecJson;
  readonly runId?: string;
  /** The thresholds, already read and checked on their own (`resolveThresholds`). @default - none */
  readonly thresholds?: ResolvedThresholds;
  readonly reports?: ReportOptions;
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
    const resolved = resolveReports(request.reports, request.testName, request.runId, args, [...volumeNames, VERDICT_VOLUME_NAME]);
    problems.push(...resolved.problems);
    reports = resolved.reports;
  }
  return { verdict: { thresholds, reports }, problems };
}

/** The verdict module is loaded with `-f module.py,locustfile.py`, which needs a list of .py files. */
function verdictLocustfileProblems(args: readonly string[]): Problem[] {
  const arg = lastOptionValue(args, LOCUSTFILE_OPTION);
  const path = 'spec.master.command';
  if (arg === undefined) {
    return [{ path, message: 'names no locustfile (-f or --locustfile), next to which thresholds load their check', value: args.join(' '), fix: 'add --locustfile /lotest/src/<file>.py to spec.master.command' }];
  }
  const notPython = locustfilesOf(arg).filter((file) => !file.endsWith('.py'));
  if (notPython.length === 0) return [];
  return [{ path, message: 'names a locustfile that is not a .py file; thresholds add their check as a second locustfile, and Locust reads a list of locustfiles only as .py files', value: notPython, fix: 'name the locustfile with its .py extension (a directory cannot be combined)' }];
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
 * The master Job spec judging the thresholds and writing the reports: the module loaded first in
 * `-f`, the thresholds in its environment, the report flags appended after every other argument
 * (Locust keeps the last occurrence), and the two volumes mounted. Other containers are left as they are.
 */
export function withVerdict(jobSpec: JsonObject, containerName: string, verdict: ResolvedVerdict, configMapName: string | undefined): JsonObject {
  if (verdict.thresholds === undefined && verdict.reports === undefined) return jobSpec;
  return withEditedLocustPod(jobSpec, containerName, (container, pod) => {
    let args = container.args as string[];
    const env = [...(container.env as JsonObject[])];
    const mounts = [...((container.volumeMounts as JsonObject[] | undefined) ?? [])];
    const volumes = [...((pod.volumes as JsonObject[] | undefined) ?? [])];
    if (verdict.thresholds !== undefined && configMapName !== undefined) {
      args = withLocustfileFirst(args, `${VERDICT_MOUNT_PATH}/${verdictModuleFile()}`);
      env.push({ name: THRESHOLDS_ENV_VAR, value: thresholdsEnvValue(verdict.thresholds) });
      volumes.push({ name: VERDICT_VOLUME_NAME, configMap: { name: configMapName } });
      mounts.push({ name: VERDICT_VOLUME_NAME, mountPath: VERDICT_MOUNT_PATH, readOnly: true });
    }
    if (verdict.reports !== undefined) {
      args = [...args, ...verdict.reports.args];
      volumes.push(verdict.reports.volume);
      mounts.push({ name: verdict.reports.volume.name, mountPath: REPORTS_MOUNT_PATH });
    }
    return { container: { ...container, args, env, volumeMounts: mounts }, pod: { ...pod, volumes } };
  });
}
