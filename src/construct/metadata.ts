import { ApiObject } from 'cdk8s';
import { labelValueProblems, metadataKeyProblems } from '../checks/validation';
import { annotationsSizeProblems } from '../checks/pod-field-rules';
import { LABEL_APP, LABEL_MANAGED_BY, LABEL_POD_NAME, LABEL_TEST_NAME } from '../core/names';
import { formatValue, Problem } from '../core/problems';

/**
 * Labels and annotations for every object a LocustTest writes, in the manner of the `metadata`
 * prop of cdk8s-plus constructs: cost-allocation labels, owner annotations and the like.
 */
export interface LocustTestMetadata {
  /**
   * Labels of every object the test writes (Service, Jobs or CronJobs, the ConfigMaps it emits,
   * the monitor, the custom resource in operator mode) and of its pod templates, where cost
   * allocation tools read them. `spec.master.labels` and `spec.worker.labels` win on the pods.
   * A key the library writes itself (`app`, `performance-test-name`,
   * `performance-test-pod-name`, `managed-by`, or one it adds to an object) is a problem: the
   * Service selects the pods by those labels.
   * @default - only the labels the library writes
   */
  readonly labels?: Record<string, string>;

  /**
   * Annotations of every object the test writes, not of the pod templates (those are
   * `spec.master.annotations` and `spec.worker.annotations`). A key the library writes on an
   * object itself, such as an Argo CD sync wave under `argoCd`, is a problem.
   * @default - only the annotations the library writes
   */
  readonly annotations?: Record<string, string>;
}

/** The operator's pod labels: the workload's selector and identity, never the user's to set here. */
const POD_LABEL_KEYS = [LABEL_APP, LABEL_TEST_NAME, LABEL_POD_NAME, LABEL_MANAGED_BY];

/** What is wrong with the prop itself, before any object exists. */
export function validateMetadata(metadata: LocustTestMetadata | undefined): Problem[] {
  if (metadata === undefined) return [];
  const problems: Problem[] = [];
  for (const [field, map] of [['labels', metadata.labels], ['annotations', metadata.annotations]] as const) {
    for (const [key, value] of Object.entries(map ?? {})) {
      if (typeof value !== 'string') problems.push({ path: `metadata.${field}[${JSON.stringify(key)}]`, message: 'must be a string', value, fix: `quote the value, e.g. ${formatValue(String(value))}` });
    }
  }
  const labels = metadata.labels ?? {};
  problems.push(...metadataKeyProblems(labels, 'metadata.labels', 'label'));
  problems.push(...labelValueProblems(Object.fromEntries(Object.entries(labels).filter(([, value]) => typeof value === 'string')), 'metadata.labels'));
  problems.push(...metadataKeyProblems(metadata.annotations, 'metadata.annotations', 'annotation'));
  problems.push(...annotationsSizeProblems(metadata.annotations, 'metadata.annotations'));
  for (const key of Object.keys(labels).filter((k) => POD_LABEL_KEYS.includes(k)).sort()) {
    problems.push({ path: `metadata.labels[${JSON.stringify(key)}]`, message: 'is a label the operator writes on the pods, which the Service and the test rely on', value: labels[key], fix: 'use another key, e.g. example.com/team' });
  }
  return problems;
}

/**
 * Adds the labels and annotations to each object's own metadata (the pod templates get the
 * labels earlier, from the workload builder's `podLabels`). Returns a problem for every key an
 * object already carries (written by the library, which must keep it), and leaves that key as
 * the library wrote it.
 */
export function annotateWithMetadata(objects: readonly ApiObject[], metadata: LocustTestMetadata | undefined): Problem[] {
  if (metadata === undefined) return [];
  const problems: Problem[] = [];
  for (const object of objects) {
    const written = object.metadata.toJson() as { labels?: Record<string, string>; annotations?: Record<string, string> };
    const labels = written.labels ?? {};
    const annotations = written.annotations ?? {};
    const what = `${object.kind} ${object.name}`;
    for (const [key, value] of Object.entries(metadata.labels ?? {}).sort()) {
      if (key in labels) problems.push(collision('labels', key, value, what));
      else object.metadata.addLabel(key, value);
    }
    for (const [key, value] of Object.entries(metadata.annotations ?? {}).sort()) {
      if (key in annotations) problems.push(collision('annotations', key, value, what));
      else object.metadata.addAnnotation(key, value);
    }
  }
  return problems;
}

function collision(field: 'labels' | 'annotations', key: string, value: string, object: string): Problem {
  return { path: `metadata.${field}[${JSON.stringify(key)}]`, message: `is written by the library on ${object}, which needs its own value`, value, fix: 'use another key, or drop the option that writes it' };
}
