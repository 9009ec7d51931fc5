import { LABEL_APP, LABEL_MANAGED_BY, LABEL_POD_NAME, LABEL_TEST_NAME, LocustRole, MANAGED_BY_VALUE, roleObjectName } from '../core/names';

/** Label keys a user cannot override: the Service selector and the operator marker depend on them. */
export const PROTECTED_LABEL_KEYS: readonly string[] = [LABEL_POD_NAME, LABEL_MANAGED_BY];

/**
 * Pod template labels: the operator's four, then the role's user labels on top, except for the
 * protected keys, whose user values are dropped.
 */
export function podLabels(testName: string, role: LocustRole, userLabels: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = {
    [LABEL_APP]: testName,
    [LABEL_TEST_NAME]: testName,
    [LABEL_POD_NAME]: roleObjectName(testName, role),
    [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
  };
  for (const [key, value] of Object.entries(userLabels)) {
    if (!PROTECTED_LABEL_KEYS.includes(key)) labels[key] = value;
  }
  return labels;
}

/** Pod template annotations: the workload's own first, then the user's, which win on every key. */
export function podAnnotations(own: Record<string, string>, userAnnotations: Record<string, string> = {}): Record<string, string> | undefined {
  const annotations = { ...own, ...userAnnotations };
  return Object.keys(annotations).length ? annotations : undefined;
}
