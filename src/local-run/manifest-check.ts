import type { ErrorObject } from 'ajv';
import { Problem } from '../core/problems';
import { KubeObject, LocalTest, objectLabel } from './select';

type Model = new (object: any) => { validate(): void };

/** The module of kubernetes-models holding each kind a local run reads. */
const MODEL_MODULES: Record<string, [string, string]> = {
  Job: ['kubernetes-models/batch/v1/Job', 'Job'],
  Service: ['kubernetes-models/v1/Service', 'Service'],
  ConfigMap: ['kubernetes-models/v1/ConfigMap', 'ConfigMap'],
  Secret: ['kubernetes-models/v1/Secret', 'Secret'],
};

/**
 * The Kubernetes schema of a kind, loaded on first use: the schemas take a quarter of a second to
 * load, which `render` and `validate`, importing the same module, should not pay.
 */
function modelOf(kind: string): Model | undefined {
  const found = MODEL_MODULES[kind];
  if (found === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(found[0]) as Record<string, Model>)[found[1]];
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list', object: 'a mapping', integer: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false',
};

/**
 * What the API server would refuse in the objects a local run reads, checked against the
 * Kubernetes schemas before anything is started: a hand-edited manifest (`env` as a mapping, a
 * file mode of `"rwx"`) is one line per field, never a crash in the middle of the run.
 */
export function manifestProblems(test: LocalTest): Problem[] {
  const objects = [test.masterJob, test.workerJob, test.service, ...test.sources];
  return objects.flatMap((object) => schemaProblems(object));
}

function schemaProblems(object: KubeObject): Problem[] {
  const Model = modelOf(String(object.kind));
  if (Model === undefined) return [];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: ErrorObject[] | null }).errors ?? [];
    if (errors.length === 0) return [{ path: objectLabel(object), message: 'does not match the Kubernetes schema', fix: 'render it again from its LocustTest' }];
    const seen = new Set<string>();
    return errors.flatMap((e) => {
      // An int-or-string field reports each alternative: the first complaint per field is enough.
      if (seen.has(e.instancePath)) return [];
      seen.add(e.instancePath);
      return [toProblem(object, e)];
    });
  }
}

function toProblem(object: KubeObject, error: ErrorObject): Problem {
  const path = `${objectLabel(object)} ${fieldPath(error.instancePath)}`.trimEnd();
  const fix = 'correct the manifest, or render it again from its LocustTest';
  if (error.keyword === 'type') {
    const type = String((error.params as { type?: unknown }).type).split(',')[0];
    return { path, message: `must be ${TYPE_NAMES[type] ?? type}`, value: valueAt(object, error.instancePath), fix };
  }
  if (error.keyword === 'required') {
    return { path: `${path}.${String((error.params as { missingProperty?: unknown }).missingProperty)}`, message: 'is required', fix };
  }
  return { path, message: error.message ?? 'is invalid', value: valueAt(object, error.instancePath), fix };
}

/** `/spec/template/spec/containers/0/env` -> `spec.template.spec.containers[0].env`. */
function fieldPath(instancePath: string): string {
  return instancePath.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, key) => (/^[0-9]+$/.test(key) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`), '');
}

function valueAt(object: KubeObject, instancePath: string): unknown {
  let value: unknown = object;
  for (const token of instancePath.split('/').slice(1)) {
    value = (value as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}
