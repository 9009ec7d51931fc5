import { ApiObject, Duration } from 'cdk8s';
import { DURATION_FIX, DurationLike, durationOf } from '../core/duration';
import { Problem } from '../core/problems';
import { JsonObject } from '../spec/spec';

/** Argo CD's annotation naming the sync wave of an object; lower waves are applied first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Argo CD's per-object sync options. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/**
 * A Job's pod template is immutable: `Replace=true` alone fails once the API server has added the
 * generated selector, so the Jobs are deleted and created again instead.
 */
export const JOB_SYNC_OPTIONS = 'Force=true,Replace=true';

/** Argo CD's annotation making an object a hook of a sync phase instead of a tracked resource. */
export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
/** Argo CD's annotation saying when a hook object is deleted. */
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
/**
 * The previous run's Jobs are deleted only when the next sync creates them again, so their pods
 * and logs stay until then.
 */
export const HOOK_DELETE_POLICY = 'BeforeHookCreation';
/** Name of the init container that holds both Locust pods back by `argoCd.startDelay`. */
export const START_DELAY_CONTAINER_NAME = 'start-delay';

/** The sync phase whose hooks both Jobs become. */
export enum ArgoCdHook {
  /**
   * Run during the sync phase, in the Jobs' wave: after the Service and ConfigMaps (and every
   * resource of an earlier wave) are healthy, but alongside what the same wave applies.
   */
  SYNC = 'Sync',
  /**
   * Run after every resource of the sync is applied and healthy: the load test of what was just
   * deployed. Old pods of a Deployment may still be terminating then (argo-cd #17408): see
   * `startDelay`.
   */
  POST_SYNC = 'PostSync',
}

/** How the objects of a LocustTest are laid out for an Argo CD Application. */
export interface ArgoCdOptions {
  /**
   * Sync wave of the Service and of the ConfigMaps this library emits. Both Jobs share the next
   * wave: Argo CD waits for each wave to be healthy, and a Job is healthy only once it has
   * succeeded, so a master Job in an earlier wave than its workers would wait forever.
   * @default 0 (the Jobs then sit in wave 1)
   */
  readonly syncWave?: number;

  /**
   * Make both Jobs hooks of this sync phase, so that every sync of the Application runs the test
   * once and the sync operation fails when the master fails. Hook Jobs are created anew by each
   * sync (`BeforeHookCreation`) and take no sync options; the Service and ConfigMaps stay
   * resources of the earlier wave.
   * @default - the Jobs are resources, replaced by Argo CD when they change (`Force=true,Replace=true`)
   */
  readonly hook?: ArgoCdHook;

  /**
   * With `hook`: how long both Locust pods wait, in an init container running `sleep` from the
   * test's image, before Locust starts. A PostSync hook can start while the old pods of a
   * Deployment synced just before are still terminating; a delay of at least their
   * `terminationGracePeriodSeconds` (Kubernetes' default: 30 s) lets them go first. Whole seconds:
   * `Duration.seconds(30)` or `'30s'`.
   * @default - no delay
   */
  readonly startDelay?: DurationLike;
}

/** The two waves of a test under Argo CD: supporting objects first, then both Jobs together. */
export interface SyncWaves {
  readonly resources: string;
  readonly jobs: string;
}

/** The waves for the given options; annotation values are strings. */
export function syncWaves(options: ArgoCdOptions): SyncWaves {
  const base = options.syncWave ?? 0;
  return { resources: String(base), jobs: String(base + 1) };
}

export function validateArgoCdOptions(options: ArgoCdOptions | undefined): Problem[] {
  if (options === undefined) return [];
  const problems: Problem[] = [];
  const wave = options.syncWave;
  if (wave !== undefined && !(Number.isSafeInteger(wave) && Number.isSafeInteger(wave + 1))) {
    problems.push({ path: 'argoCd.syncWave', message: 'must be an integer', value: wave, fix: 'use a whole number such as 0 or -1; the Jobs take the next wave' });
  }
  const hooks = Object.values(ArgoCdHook) as string[];
  if (options.hook !== undefined && !hooks.includes(options.hook)) {
    problems.push({ path: 'argoCd.hook', message: `must be one of ${hooks.join(', ')}`, value: options.hook, fix: 'use ArgoCdHook.POST_SYNC to test after each sync, or ArgoCdHook.SYNC' });
  }
  if (options.startDelay !== undefined) {
    const delay = durationOf(options.startDelay);
    const seconds = delay === undefined ? undefined : startDelaySeconds(delay);
    if (delay === undefined) {
      problems.push({ path: 'argoCd.startDelay', message: 'must be a duration', value: options.startDelay, fix: DURATION_FIX });
    } else if (options.hook === undefined) {
      problems.push({ path: 'argoCd.startDelay', message: 'only applies to hook Jobs', value: describeDuration(delay), fix: 'set argoCd.hook too, or drop startDelay' });
    } else if (seconds === undefined || seconds < 1) {
      problems.push({ path: 'argoCd.startDelay', message: 'must be a whole number of seconds, at least 1', value: describeDuration(delay), fix: 'use e.g. Duration.seconds(30), the default terminationGracePeriodSeconds of the pods to wait for' });
    }
  }
  return problems;
}

/** The delay in whole seconds, or undefined when it is not a finite whole number of seconds. */
function startDelaySeconds(delay: Duration): number | undefined {
  const seconds = delay.toSeconds({ integral: false });
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

function describeDuration(delay: Duration): string {
  return delay.toHumanString();
}

/** Puts a supporting object (Service, ConfigMap) in the earlier wave. */
export function annotateResource(object: ApiObject, waves: SyncWaves): void {
  object.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, waves.resources);
}

/**
 * Puts a Job in the Jobs' wave and lets Argo CD replace it. The annotations go on the Job's own
 * metadata: Argo CD reads sync options from the object it syncs, never from the pod template.
 */
export function annotateJob(job: ApiObject, waves: SyncWaves): void {
  job.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, waves.jobs);
  job.metadata.addAnnotation(SYNC_OPTIONS_ANNOTATION, JOB_SYNC_OPTIONS);
}

/**
 * Makes a Job a hook of the given phase, in the Jobs' wave. Both Jobs share that wave: hooks of
 * one phase run wave by wave too, and a master hook in an earlier wave than its workers would
 * never complete. No sync options: Argo CD creates hooks, it never replaces them.
 */
export function annotateHookJob(job: ApiObject, waves: SyncWaves, hook: ArgoCdHook): void {
  job.metadata.addAnnotation(HOOK_ANNOTATION, hook);
  job.metadata.addAnnotation(HOOK_DELETE_POLICY_ANNOTATION, HOOK_DELETE_POLICY);
  job.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, waves.jobs);
}

/**
 * The Job spec with an init container, first of the pod's, that sleeps for the delay before the
 * other containers start. It runs the Locust container's image with its pull policy, resources and
 * security context, so that it pulls nothing new and passes the same admission rules.
 */
export function withStartDelay(jobSpec: JsonObject, startDelay: DurationLike): JsonObject {
  // Validation has refused a delay that is not a duration.
  const delay = durationOf(startDelay) as Duration;
  const template = jobSpec.template as { metadata?: JsonObject; spec: JsonObject };
  const locust = (template.spec.containers as JsonObject[])[0];
  const wait: JsonObject = {
    name: START_DELAY_CONTAINER_NAME,
    image: locust.image,
    command: ['sleep', String(startDelaySeconds(delay))],
    resources: locust.resources,
    imagePullPolicy: locust.imagePullPolicy,
  };
  if (locust.securityContext !== undefined) wait.securityContext = locust.securityContext;
  const initContainers = [wait, ...((template.spec.initContainers as JsonObject[] | undefined) ?? [])];
  return { ...jobSpec, template: { ...template, spec: { ...template.spec, initContainers } } };
}
