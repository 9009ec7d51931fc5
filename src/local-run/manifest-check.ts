import type { ErrorObject } from 'ajv';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Problem } from '../core/problems';
import { KubeObject, LocalTest, objectLabel } from './select';

/** The Kubernetes schema of each kind a local run reads, from kubernetes-models. */
const MODELS: Record<string, (object: KubeObject) => { validate(): void }> = {
  Job: (object) => new Job(object as any),
  Service: (object) => new Service(object as any),
  ConfigMap: (object) => new ConfigMap(object as any),
  Secret: (object) => new Secret(object as any),
};

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
  const model = MODELS[String(object.kind)];
  if (model === undefined) return [];
  try {
    model(object).validate();
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
    return { path: `${path}${path.endsWith(' ') ? '' : '.'}${String((error.params as { missingProperty?: unknown }).missingProperty)}`, message: 'is required', fix };
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
