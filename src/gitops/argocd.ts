import { ApiObject } from 'cdk8s';
import { Problem } from '../core/problems';

/** Argo CD's annotation naming the sync wave of an object; lower waves are applied first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Argo CD's per-object sync options. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/**
 * A Job's pod template is immutable: `Replace=true` alone fails once the API server has added the
 * generated selector, so the Jobs are deleted and created again instead.
 */
export const JOB_SYNC_OPTIONS = 'Force=true,Replace=true';

/** How the objects of a LocustTest are laid out for an Argo CD Application. */
export interface ArgoCdOptions {
  /**
   * Sync wave of the Service and of the ConfigMaps this library emits. Both Jobs share the next
   * wave: Argo CD waits for each wave to be healthy, and a Job is healthy only once it has
   * succeeded, so a master Job in an earlier wave than its workers would wait forever.
   * @default 0 (the Jobs then sit in wave 1)
   */
  readonly syncWave?: number;
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
  const wave = options?.syncWave;
  if (wave === undefined || (Number.isSafeInteger(wave) && Number.isSafeInteger(wave + 1))) return [];
  return [{ path: 'argoCd.syncWave', message: 'must be an integer', value: wave, fix: 'use a whole number such as 0 or -1; the Jobs take the next wave' }];
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
