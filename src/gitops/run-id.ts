import { Problem } from '../core/problems';
import { JsonObject } from '../spec/spec';

/**
 * Pod template annotation carrying the run id. The prefix has no dot on purpose: it is not a
 * DNS domain, so it cannot collide with an annotation of anyone who owns a real one (the
 * `locust.io` group belongs to the operators).
 */
export const RUN_ID_ANNOTATION = 'cdk8s-locust/run-id';

/** Kubernetes' limit on the total size of an object's annotations. */
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function validateRunId(runId: unknown): Problem[] {
  if (runId === undefined) return [];
  if (typeof runId !== 'string' || runId.trim() === '') {
    return [{ path: 'runId', message: 'must be a non-empty string', value: runId, fix: 'use an id that changes per run, e.g. a date such as 2026-11-22-1 or a commit hash' }];
  }
  if (Buffer.byteLength(runId, 'utf8') > MAX_ANNOTATIONS_BYTES / 2) {
    return [{ path: 'runId', message: 'is too long for an annotation value', value: runId, fix: 'use a short id, e.g. 2026-11-22-1' }];
  }
  return [];
}

/**
 * The Job spec with the run id on its pod template. Only the pod template changes, so a new id
 * makes Argo CD replace both Jobs (their templates are immutable) and leaves every other object
 * as it was.
 */
export function withRunId(jobSpec: JsonObject, runId: string): JsonObject {
  const template = jobSpec.template as { metadata?: JsonObject };
  const metadata = template.metadata ?? {};
  const annotations = { ...(metadata.annotations as Record<string, string> | undefined), [RUN_ID_ANNOTATION]: runId };
  return { ...jobSpec, template: { ...template, metadata: { ...metadata, annotations } } };
}
