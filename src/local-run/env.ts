import { Problem } from '../core/problems';
import { isObject, KubeObject, listAt } from './select';
import { Sources } from './sources';

/** What the downward API would give the pod; on this machine the pod is 127.0.0.1. */
export interface PodIdentity {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * Expands `$(NAME)` references as the kubelet does in env values, command and args: a defined
 * variable is replaced, an undefined one is kept as written, and `$$` escapes a `$`.
 */
export function expandReferences(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    return env.get(name) ?? match;
  });
}

function fieldValue(fieldPath: string, pod: PodIdentity): string | undefined {
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelOrAnnotation) return (labelOrAnnotation[1] === 'labels' ? pod.labels : pod.annotations)[labelOrAnnotation[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name': return pod.name;
    case 'metadata.namespace': return pod.namespace ?? 'default';
    case 'status.podIP':
    case 'status.hostIP': return '127.0.0.1';
    case 'spec.nodeName': return 'localhost';
    default: return undefined;
  }
}

/**
 * The container's environment as the kubelet builds it: `envFrom` first, then `env` in order
 * (a later name wins), each value expanded against the variables defined before it. ConfigMaps
 * and Secrets come from the input; a missing one that is not optional is a problem.
 */
export function resolveEnv(container: KubeObject, where: string, pod: PodIdentity, sources: Sources): { env: Map<string, string>; problems: Problem[] } {
  const env = new Map<string, string>();
  const problems: Problem[] = [];
  const missing = (path: string, kind: string, name: unknown) => problems.push({
    path: `${where}.${path}`,
    message: `names a ${kind} that is not in the input`,
    value: name,
    fix: `give run the file that defines the ${kind}, or mark the reference optional`,
  });

  listAt(container, 'envFrom', where, problems).forEach((from: KubeObject, i: number) => {
    const ref = from.configMapRef ?? from.secretRef;
    if (ref !== undefined && !isObject(ref)) {
      problems.push({ path: `${where}.envFrom[${i}]`, message: 'must name its ConfigMap or Secret as {name: ...}', value: from, fix: 'write configMapRef: {name: NAME} or secretRef: {name: NAME}' });
      return;
    }
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const object = ref ? sources.find(kind, ref.name) : undefined;
    if (object === undefined) {
      if (ref && ref.optional !== true) missing(`envFrom[${i}].${from.configMapRef ? 'configMapRef' : 'secretRef'}.name`, kind, ref.name);
      return;
    }
    for (const [key, value] of Sources.entries(object)) env.set(`${from.prefix ?? ''}${key}`, value.toString('utf8'));
  });

  listAt(container, 'env', where, problems).forEach((variable: KubeObject, i: number) => {
    const path = `env[${i}]`;
    if (typeof variable.name !== 'string' || variable.name === '') {
      problems.push({ path: `${where}.${path}.name`, message: 'must be the name of the variable', value: variable.name, fix: 'give every entry of env a name' });
      return;
    }
    if (variable.valueFrom === undefined) {
      if (variable.value !== undefined && typeof variable.value !== 'string') {
        problems.push({ path: `${where}.${path}.value`, message: `must be a string, not a ${typeof variable.value}`, value: variable.value, fix: 'quote the value in YAML, e.g. value: "5"' });
        return;
      }
      env.set(variable.name, expandReferences(variable.value ?? '', env));
      return;
    }
    if (!isObject(variable.valueFrom)) {
      problems.push({ path: `${where}.${path}.valueFrom`, message: 'must be a map with configMapKeyRef, secretKeyRef or fieldRef', value: variable.valueFrom, fix: 'write valueFrom: {secretKeyRef: {name: NAME, key: KEY}}, or use value' });
      return;
    }
    const { configMapKeyRef, secretKeyRef, fieldRef } = variable.valueFrom;
    const keyRef = configMapKeyRef ?? secretKeyRef;
    if (keyRef !== undefined && !isObject(keyRef)) {
      problems.push({ path: `${where}.${path}.valueFrom`, message: 'must name its ConfigMap or Secret key as {name: ..., key: ...}', value: variable.valueFrom, fix: 'write secretKeyRef: {name: NAME, key: KEY}' });
      return;
    }
    if (keyRef) {
      const kind = configMapKeyRef ? 'ConfigMap' : 'Secret';
      const refPath = `${path}.valueFrom.${configMapKeyRef ? 'configMapKeyRef' : 'secretKeyRef'}`;
      const object = sources.find(kind, keyRef.name);
      const value = object ? Sources.entries(object).get(keyRef.key) : undefined;
      if (value !== undefined) env.set(variable.name, value.toString('utf8'));
      else if (keyRef.optional !== true) {
        if (object === undefined) missing(`${refPath}.name`, kind, keyRef.name);
        else problems.push({ path: `${where}.${refPath}.key`, message: `is not a key of ${kind} ${String(keyRef.name)}`, value: keyRef.key, fix: `add the key to the ${kind}, or mark the reference optional` });
      }
      return;
    }
    const value = fieldRef ? fieldValue(String(fieldRef.fieldPath), pod) : undefined;
    if (value !== undefined) {
      env.set(variable.name, value);
      return;
    }
    problems.push({
      path: `${where}.${path}.valueFrom`,
      message: 'cannot be resolved on this machine',
      value: variable.valueFrom,
      fix: 'a local run resolves values, ConfigMap and Secret keys, and the fields metadata.name, metadata.namespace, metadata.labels, metadata.annotations, status.podIP, status.hostIP and spec.nodeName',
    });
  });
  return { env, problems };
}
