/**
 * Unknown-field check for synthesized Kubernetes objects. kubernetes-models validates types and
 * required fields but lets fields it does not know through; the API server would prune them (or,
 * with strict field validation, refuse the object). The allowed fields come from
 * test/generated/k8s-fields.json (`npm run generate:k8s-fields`), never from a hand-written list.
 */
import k8sFields from './generated/k8s-fields.json';

interface FieldMap {
  readonly source: string;
  readonly roots: Record<string, string>;
  readonly types: Record<string, Record<string, string>>;
}

const FIELDS = k8sFields as FieldMap;

/** The release of the Kubernetes models the field map was generated from. */
export const K8S_FIELDS_SOURCE = FIELDS.source;

/** Whether the field map covers `apiVersion/kind` (e.g. `batch/v1/Job`). */
export function hasFieldMap(kindKey: string): boolean {
  return Object.prototype.hasOwnProperty.call(FIELDS.roots, kindKey);
}

/** Field types whose contents are not described further by the models. */
const OPAQUE_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'any', 'IntOrString']);

/**
 * Paths of the fields of `doc` that the Kubernetes models do not define, e.g.
 * `spec.template.spec.containers[0].foo`. Empty for an object with only known fields.
 * Throws for a kind the field map does not cover, so a new kind cannot slip through unchecked.
 */
export function unknownFields(doc: { apiVersion?: unknown; kind?: unknown }): string[] {
  const root = FIELDS.roots[`${doc.apiVersion}/${doc.kind}`];
  if (!root) throw new Error(`no field map for ${doc.apiVersion} ${doc.kind}; add it to ROOTS in scripts/generate-k8s-fields.ts`);
  const found: string[] = [];
  walk(doc, root, '', found);
  return found;
}

function walk(value: unknown, type: string, path: string, found: string[]): void {
  if (value === null || value === undefined || OPAQUE_TYPES.has(type)) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, array[1], `${path}[${i}]`, found));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (isObject(value)) for (const [key, item] of Object.entries(value)) walk(item, map[1], `${path}[${JSON.stringify(key)}]`, found);
    return;
  }
  const fields = FIELDS.types[type];
  if (!fields) throw new Error(`field map has no type ${type} (at ${path || '<root>'}); rerun npm run generate:k8s-fields`);
  if (!isObject(value)) return; // a wrong shape is kubernetes-models' finding, not an unknown field
  for (const [key, item] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const fieldType = fields[key];
    if (fieldType === undefined) found.push(fieldPath);
    else walk(item, fieldType, fieldPath, found);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
