import { setsFlag } from '../core/locust-args';
import { LABEL_POD_NAME, LABEL_TEST_NAME } from '../core/names';
import { Problem } from '../core/problems';

/** A Kubernetes object as read from the manifests: plain JSON. */
export type KubeObject = Record<string, any>;

/** The objects of one test that a local run starts or reads. */
export interface LocalTest {
  /** The `performance-test-name` label of both pod templates: the LocustTest's name. */
  readonly name: string;
  readonly namespace?: string;
  readonly masterJob: KubeObject;
  readonly workerJob: KubeObject;
  /** The Service selecting the master pod: workers reach the master by its name. */
  readonly service: KubeObject;
  /** Every ConfigMap and Secret of the input, for the volumes and env that name them. */
  readonly sources: readonly KubeObject[];
}

/**
 * The list `object[key]` of a manifest, as a list of objects: a missing list is empty, anything
 * else (a map where a list belongs, a list of plain values) is a problem naming the field, so that
 * hand-edited manifests get a message rather than a crash.
 */
export function listAt(object: unknown, key: string, where: string, problems: Problem[]): KubeObject[] {
  const value = isObject(object) ? object[key] : undefined;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path: `${where}.${key}`, message: `must be a list, not ${describeKind(value)}`, value, fix: `write ${key} as a YAML list (each entry starting with -)` });
    return [];
  }
  const bad = value.findIndex((entry) => !isObject(entry));
  if (bad >= 0) {
    problems.push({ path: `${where}.${key}[${bad}]`, message: `must be an object, not ${describeKind(value[bad])}`, value: value[bad], fix: `give every entry of ${key} its fields` });
    return [];
  }
  return value as KubeObject[];
}

/** Whether a value is a plain object (a YAML map). */
export function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}

/** `Job checkout-load-master`: how messages name an object. */
export function objectLabel(object: KubeObject): string {
  return `${String(object.kind)} ${String(object.metadata?.name)}`;
}

function isJob(object: KubeObject): boolean {
  return object.kind === 'Job' && object.apiVersion === 'batch/v1';
}

/**
 * The Jobs of the input. A CronJob counts as the Job it creates on each run (its job template,
 * under the CronJob's name), so that one run of a scheduled test runs locally like any test.
 */
function jobsOf(objects: readonly KubeObject[]): KubeObject[] {
  return objects.flatMap((object) => {
    if (isJob(object)) return [object];
    if (object.kind === 'CronJob' && object.apiVersion === 'batch/v1') {
      return [{ apiVersion: 'batch/v1', kind: 'Job', metadata: object.metadata, spec: object.spec?.jobTemplate?.spec }];
    }
    return [];
  });
}

/** The labels of a Job's pod template. */
function templateLabelsOf(job: KubeObject): Record<string, string> {
  const labels: unknown = job.spec?.template?.metadata?.labels;
  return isObject(labels) ? labels : {};
}

/**
 * The container Locust runs in: the one named like its Job, as the operator names it, else the
 * first. Other containers (a user's own sidecars) are not run locally.
 */
export function mainContainerOf(job: KubeObject): KubeObject | undefined {
  const containers: unknown = job.spec?.template?.spec?.containers;
  if (!Array.isArray(containers)) return undefined;
  const objects = containers.filter(isObject);
  return objects.find((container) => container.name === job.metadata?.name) ?? objects[0];
}

function role(job: KubeObject): 'master' | 'worker' | undefined {
  const args: unknown = mainContainerOf(job)?.args;
  if (!Array.isArray(args)) return undefined;
  if (setsFlag(args, '--master')) return 'master';
  if (setsFlag(args, '--worker')) return 'worker';
  return undefined;
}

/** Names of the tests in the objects, sorted: a master Job and a worker Job carrying the same test label. */
export function testNames(objects: readonly KubeObject[]): string[] {
  const roles = new Map<string, Set<string>>();
  for (const job of jobsOf(objects)) {
    const name = templateLabelsOf(job)[LABEL_TEST_NAME];
    const jobRole = role(job);
    if (typeof name !== 'string' || jobRole === undefined) continue;
    const key = `${job.metadata?.namespace ?? ''}/${name}`;
    roles.set(key, (roles.get(key) ?? new Set()).add(jobRole));
  }
  return [...roles].filter(([, found]) => found.size === 2).map(([key]) => key.slice(key.indexOf('/') + 1)).sort();
}

/**
 * The test to run: the one named, or the only one. A problem lists the tests found, so that the
 * user can pick one with `--test`.
 */
export function selectTest(objects: readonly KubeObject[], wanted?: string): { test: LocalTest } | { problem: Problem } {
  const names = testNames(objects);
  const found = names.length > 0 ? names.join(', ') : 'none';
  if (wanted === undefined && names.length !== 1) {
    return names.length === 0
      ? { problem: { path: 'input', message: 'holds no Locust test: no master Job and worker Job labelled performance-test-name', fix: 'give the rendered manifests (dist/*.k8s.yaml) or LocustTest resources' } }
      : { problem: { path: '--test', message: `is required: the input holds several tests (${found})`, fix: 'name the one to run with --test NAME' } };
  }
  const name = wanted ?? names[0];
  if (!names.includes(name)) {
    return { problem: { path: '--test', message: `names no test of the input (found: ${found})`, value: name, fix: 'use one of the names found' } };
  }
  const jobs = jobsOf(objects).filter((job) => templateLabelsOf(job)[LABEL_TEST_NAME] === name);
  const masterJob = jobs.find((job) => role(job) === 'master')!;
  const workerJob = jobs.find((job) => role(job) === 'worker')!;
  const namespace: string | undefined = masterJob.metadata?.namespace;
  const masterPod = templateLabelsOf(masterJob)[LABEL_POD_NAME];
  const service = objects.find((object) => object.kind === 'Service'
    && object.metadata?.namespace === namespace
    && masterPod !== undefined
    && object.spec?.selector?.[LABEL_POD_NAME] === masterPod);
  if (service === undefined) {
    return { problem: { path: objectLabel(masterJob), message: 'has no Service selecting its pod in the input, so workers could not reach it', fix: 'give every file the test was rendered into' } };
  }
  const sources = objects.filter((object) => object.apiVersion === 'v1' && (object.kind === 'ConfigMap' || object.kind === 'Secret'));
  return { test: { name, namespace, masterJob, workerJob, service, sources } };
}
