import { validateSpecAgainstCrd } from '../spec/crd-validation';
import { LIB_VOLUME_NAME, LocustRole, SECRET_VOLUME_PREFIX, roleObjectName } from '../core/names';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { ObservabilityMode } from '../pod/observability';
import { Problem } from '../core/problems';
import { byteOrder } from '../core/text';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, qualifiedNameProblem } from '../core/kubernetes';
import { podFieldProblems } from './pod-field-rules';
import { JsonObject, SpecJson } from '../spec/spec';
import { containerVolumeMounts, libMountPath, mountTargets, podVolumes, srcMountPath } from '../pod/volumes';

/**
 * Everything the library checks before it writes a LocustTest, in one place and one moment:
 *
 * 1. the object's name and namespace;
 * 2. the spec against the project's LocustTest CRD schema (what the API server enforces);
 * 3. when the schema is satisfied, the operator's webhook rules, applied always (the operator
 *    runs them only when its webhook is enabled, which it is not by default);
 * 4. what the API server would reject in the generated Service and Jobs.
 *
 * Stages 3 and 4 read the spec's structure, so they run only on a spec whose shape the schema
 * accepted; every problem of the stage that fails is reported. The OpenTelemetry rules follow
 * `observability`, the mode the Observability construct decided.
 */
export function validateLocustTest(name: unknown, namespace: unknown, spec: unknown, config: ResolvedOperatorConfig, observability: ObservabilityMode): Problem[] {
  const problems = [...nameProblems(name, namespace)];
  const schemaProblems = validateSpecAgainstCrd(spec);
  if (schemaProblems.length > 0 || problems.length > 0) return [...problems, ...schemaProblems];
  const json = spec as SpecJson;
  return [...webhookRules(name as string, json, observability), ...apiServerRules(name as string, json, config, observability)];
}

const NOT_A_LABEL_VALUE = 'is not a valid label value: 63 characters or fewer, letters, digits, -, _ and ., starting and ending with a letter or digit';
// Kubernetes' classic rule for environment variable names; clusters before 1.32 accept no more.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** Longest CR name whose `-master` / `-worker` names still fit a 63-character DNS-1035 label. */
export const MAX_NAME_LENGTH = 56;

function nameProblems(name: unknown, namespace: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof name !== 'string' || name === '') {
    problems.push({ path: 'metadata.name', message: 'is required', value: name, fix: 'name the LocustTest, e.g. checkout-load' });
  } else {
    if (name.length > MAX_NAME_LENGTH) {
      problems.push({ path: 'metadata.name', message: `is too long: the generated Job and Service names would exceed 63 characters (at most ${MAX_NAME_LENGTH})`, value: name, fix: `shorten the name to ${MAX_NAME_LENGTH} characters or fewer` });
    } else if (!isDns1123Subdomain(name)) {
      problems.push({ path: 'metadata.name', message: 'must be a DNS-1123 subdomain (lowercase letters, digits, - and .)', value: name, fix: 'use lowercase letters, digits and dashes, e.g. checkout-load' });
    } else if (!isDns1035Label(roleObjectName(name, LocustRole.MASTER))) {
      problems.push({ path: 'metadata.name', message: `gives the Service name ${roleObjectName(name, LocustRole.MASTER)}, which is not a DNS-1035 label (it must start with a letter)`, value: name, fix: 'start the name with a lowercase letter' });
    }
  }
  if (namespace !== undefined && (typeof namespace !== 'string' || !isDns1123Label(namespace))) {
    problems.push({ path: 'metadata.namespace', message: 'must be a DNS-1123 label', value: namespace, fix: 'use an existing namespace name, e.g. load-tests' });
  }
  return problems;
}

/** Two paths conflict when, one trailing slash trimmed, they are equal or one contains the other. */
export function pathsConflict(a: string, b: string): boolean {
  const x = a.endsWith('/') ? a.slice(0, -1) : a;
  const y = b.endsWith('/') ? b.slice(0, -1) : b;
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/** Mount paths the workload uses for test files; both when neither ConfigMap is set. */
function reservedPaths(spec: SpecJson): string[] {
  const files = spec.testFiles ?? {};
  if (!files.configMapRef && !files.libConfigMapRef) return [srcMountPath(spec), libMountPath(spec)];
  return [
    ...(files.configMapRef ? [srcMountPath(spec)] : []),
    ...(files.libConfigMapRef ? [libMountPath(spec)] : []),
  ];
}

/** The operator's validating webhook, every rule, every problem (the webhook stops at the first). */
function webhookRules(name: string, spec: SpecJson, observability: ObservabilityMode): Problem[] {
  const problems: Problem[] = [];
  const reserved = reservedPaths(spec);
  const conflict = (path: string) => reserved.find((r) => pathsConflict(path, r));

  (spec.env?.secretMounts ?? []).forEach((mount, i) => {
    const hit = conflict(mount.mountPath);
    if (hit) problems.push({ path: `spec.env.secretMounts[${i}].mountPath`, message: `conflicts with the test files mounted at ${hit}`, value: mount.mountPath, fix: 'mount the secret elsewhere, e.g. /etc/locust/secrets' });
  });

  const generated = [roleObjectName(name, LocustRole.MASTER), roleObjectName(name, LocustRole.WORKER)];
  (spec.volumes ?? []).forEach((volume, i) => {
    const path = `spec.volumes[${i}].name`;
    if (volume.name.startsWith(SECRET_VOLUME_PREFIX)) {
      problems.push({ path, message: `uses the prefix ${SECRET_VOLUME_PREFIX} reserved for secret mounts`, value: volume.name, fix: 'rename the volume, or use spec.env.secretMounts for secrets' });
    } else if (volume.name === LIB_VOLUME_NAME) {
      problems.push({ path, message: `is reserved for the lib ConfigMap volume`, value: volume.name, fix: 'rename the volume' });
    } else if (generated.includes(volume.name)) {
      problems.push({ path, message: 'is the name of a generated locustfile volume', value: volume.name, fix: 'rename the volume' });
    }
  });

  const volumeNames = new Set((spec.volumes ?? []).map((v) => v.name));
  (spec.volumeMounts ?? []).forEach((mount, i) => {
    const hit = conflict(mount.mountPath);
    if (hit) problems.push({ path: `spec.volumeMounts[${i}].mountPath`, message: `conflicts with the test files mounted at ${hit}`, value: mount.mountPath, fix: 'mount the volume elsewhere, e.g. /data' });
    if (!volumeNames.has(mount.name)) problems.push({ path: `spec.volumeMounts[${i}].name`, message: 'references a volume that spec.volumes does not define', value: mount.name, fix: 'add the volume to spec.volumes or correct the name' });
  });

  const endpoint = spec.observability?.openTelemetry?.endpoint;
  if (observability === ObservabilityMode.OPEN_TELEMETRY && !endpoint) {
    problems.push({ path: 'spec.observability.openTelemetry.endpoint', message: 'is required when OpenTelemetry is enabled', value: endpoint, fix: 'set it to your OTLP collector, e.g. http://otel-collector.monitoring:4317' });
  }
  return problems;
}

/** What the API server would refuse in the generated objects, checked per pod. */
function apiServerRules(name: string, spec: SpecJson, config: ResolvedOperatorConfig, observability: ObservabilityMode): Problem[] {
  return [
    ...imageProblems(spec),
    ...labelsAndAnnotations(spec),
    ...environment(spec, observability),
    ...podStorage(name, spec),
    ...podFieldProblems(spec, config),
    ...tolerations(spec, config),
  ];
}

/** The API server refuses a pod without an image, and no registry holds a name with whitespace in it. */
function imageProblems(spec: SpecJson): Problem[] {
  const fix = 'set it to a Locust image reference, e.g. locustio/locust:2.43.1';
  if (spec.image.trim() === '') return [{ path: 'spec.image', message: 'must not be empty', value: spec.image, fix }];
  if (/\s/.test(spec.image)) return [{ path: 'spec.image', message: 'must not contain whitespace', value: spec.image, fix }];
  return [];
}

function labelsAndAnnotations(spec: SpecJson): Problem[] {
  const problems: Problem[] = [];
  for (const role of [LocustRole.MASTER, LocustRole.WORKER]) {
    problems.push(...metadataKeyProblems(spec[role].labels, `spec.${role}.labels`, 'label'));
    problems.push(...labelValueProblems(spec[role].labels, `spec.${role}.labels`));
    problems.push(...metadataKeyProblems(spec[role].annotations, `spec.${role}.annotations`, 'annotation'));
  }
  problems.push(...metadataKeyProblems(spec.scheduling?.nodeSelector, 'spec.scheduling.nodeSelector', 'label'));
  problems.push(...labelValueProblems(spec.scheduling?.nodeSelector, 'spec.scheduling.nodeSelector'));
  return problems;
}

/** Label or annotation keys of `map` (at `path`) that the API server refuses, in key order. */
export function metadataKeyProblems(map: Record<string, string> | undefined, path: string, what: 'label' | 'annotation'): Problem[] {
  return Object.keys(map ?? {}).sort().flatMap((key) => {
    const wrong = qualifiedNameProblem(key);
    return wrong ? [{ path: `${path}[${JSON.stringify(key)}]`, message: `is not a valid ${what} key: it ${wrong}`, value: key, fix: `use a key such as team or example.com/${what}` }] : [];
  });
}

/** Label values of `map` (at `path`) that the API server refuses, in key order. */
export function labelValueProblems(map: Record<string, string> | undefined, path: string): Problem[] {
  return Object.entries(map ?? {}).sort(([a], [b]) => byteOrder(a, b)).flatMap(([key, value]) =>
    isLabelValue(value) ? [] : [{ path: `${path}[${JSON.stringify(key)}]`, message: NOT_A_LABEL_VALUE, value, fix: 'shorten or simplify the value' }]);
}

function environment(spec: SpecJson, observability: ObservabilityMode): Problem[] {
  const problems: Problem[] = [];
  const envNameFix = 'use letters, digits, _, - and ., not starting with a digit, e.g. TARGET_HOST';
  (spec.env?.variables ?? []).forEach((variable, i) => {
    const path = `spec.env.variables[${i}]`;
    if (!ENV_VAR_NAME.test(String(variable.name))) problems.push({ path: `${path}.name`, message: 'is not a valid environment variable name', value: variable.name, fix: envNameFix });
    const valueFrom = variable.valueFrom as JsonObject | undefined;
    if (valueFrom !== undefined) {
      if (variable.value !== undefined && variable.value !== '') problems.push({ path: `${path}.valueFrom`, message: 'cannot be combined with a non-empty value', value: variable.value, fix: 'keep either value or valueFrom' });
      const sources = Object.keys(valueFrom).filter((k) => valueFrom[k] !== undefined);
      if (sources.length !== 1) problems.push({ path: `${path}.valueFrom`, message: 'must name exactly one source', value: sources, fix: 'use one of configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef or fileKeyRef' });
    }
  });
  for (const kind of ['configMapRefs', 'secretRefs'] as const) {
    (spec.env?.[kind] ?? []).forEach((ref, i) => {
      if (ref.prefix && !ENV_VAR_NAME.test(ref.prefix)) problems.push({ path: `spec.env.${kind}[${i}].prefix`, message: 'is not a valid environment variable name prefix', value: ref.prefix, fix: envNameFix });
    });
  }
  // The OpenTelemetry variables reach the containers only in OpenTelemetry mode.
  const extra = observability === ObservabilityMode.OPEN_TELEMETRY ? spec.observability?.openTelemetry?.extraEnvVars ?? {} : {};
  for (const key of Object.keys(extra).sort()) {
    if (!ENV_VAR_NAME.test(key)) problems.push({ path: `spec.observability.openTelemetry.extraEnvVars[${JSON.stringify(key)}]`, message: 'is not a valid environment variable name', value: key, fix: 'use names such as OTEL_SERVICE_NAME' });
  }
  return problems;
}

/**
 * The field that produced the `occurrence`-th pod volume of this name (0 for the first), so that
 * a duplicate points at the entry that repeats the name rather than at the first one.
 */
function volumeSource(volumeName: string, occurrence: number, spec: SpecJson, role: LocustRole): string {
  const candidates = [
    ...(spec.env?.secretMounts ?? []).map((m, i) => [`${SECRET_VOLUME_PREFIX}${m.name}`, `spec.env.secretMounts[${i}].name`]),
    ...(spec.volumes ?? []).map((v, i) => [v.name, `spec.volumes[${i}].name`]),
  ].filter(([candidate, path]) => candidate === volumeName && (!path.startsWith('spec.volumes') || isMountedAt(volumeName, spec, role)));
  return candidates[Math.min(occurrence, candidates.length - 1)]?.[1] ?? 'spec.testFiles';
}

function isMountedAt(volumeName: string, spec: SpecJson, role: LocustRole): boolean {
  return (spec.volumeMounts ?? []).some((m) => m.name === volumeName && mountTargets(m, role));
}

/** The field that produced the `occurrence`-th mount at this path, as for volumes. */
function mountSource(mountPath: string, occurrence: number, spec: SpecJson, role: LocustRole): string {
  const files = spec.testFiles;
  const candidates = [
    ...(files?.configMapRef && srcMountPath(spec) === mountPath ? ['spec.testFiles.srcMountPath'] : []),
    ...(files?.libConfigMapRef && libMountPath(spec) === mountPath ? ['spec.testFiles.libMountPath'] : []),
    ...(spec.env?.secretMounts ?? []).flatMap((m, i) => (m.mountPath === mountPath ? [`spec.env.secretMounts[${i}].mountPath`] : [])),
    ...(spec.volumeMounts ?? []).flatMap((m, i) => (m.mountPath === mountPath && mountTargets(m, role) ? [`spec.volumeMounts[${i}].mountPath`] : [])),
  ];
  return candidates[Math.min(occurrence, candidates.length - 1)] ?? 'spec.testFiles';
}

/** How many times `key` was seen before this call (0 the first time), counting this one. */
function occurrenceOf(counts: Map<string, number>, key: string): number {
  const occurrence = counts.get(key) ?? 0;
  counts.set(key, occurrence + 1);
  return occurrence;
}

function podStorage(name: string, spec: SpecJson): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const report = (problem: Problem) => {
    const key = `${problem.path} ${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  };
  for (const role of [LocustRole.MASTER, LocustRole.WORKER]) {
    const volumeCounts = new Map<string, number>();
    for (const volume of podVolumes(name, spec, role)) {
      const volumeName = String(volume.name);
      const occurrence = occurrenceOf(volumeCounts, volumeName);
      const path = volumeSource(volumeName, occurrence, spec, role);
      if (!isDns1123Label(volumeName)) {
        report({ path, message: `gives the ${role} pod a volume named ${volumeName}, which is not a DNS-1123 label`, value: volumeName, fix: 'use lowercase letters, digits and dashes, at most 63 characters in the volume name' });
      }
      if (occurrence > 0) report({ path, message: `gives the ${role} pod a second volume named ${volumeName}`, value: volumeName, fix: 'give every volume and secret mount its own name' });
      const sources = Object.keys(volume).filter((k) => k !== 'name');
      if (sources.length > 1) report({ path: path.replace(/\.name$/, ''), message: 'must have exactly one volume source', value: sources, fix: 'keep one of the sources' });
    }
    const mountCounts = new Map<string, number>();
    for (const mount of containerVolumeMounts(name, spec, role)) {
      const mountPath = String(mount.mountPath);
      const occurrence = occurrenceOf(mountCounts, mountPath);
      const path = mountSource(mountPath, occurrence, spec, role);
      if (occurrence > 0) report({ path, message: `is mounted twice in the ${role} container`, value: mountPath, fix: 'give every mount its own path' });
      const subPath = mount.subPath;
      if (typeof subPath === 'string' && (subPath.startsWith('/') || subPath.split('/').includes('..'))) {
        report({ path: path.replace(/\.mountPath$/, '.subPath'), message: "must be a relative path without '..'", value: subPath, fix: 'use a path relative to the volume root' });
      }
    }
  }
  return problems;
}

const TOLERATION_OPERATORS = ['Exists', 'Equal'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Toleration semantics the API server checks; only for tolerations that reach the pods. */
function tolerations(spec: SpecJson, config: ResolvedOperatorConfig): Problem[] {
  if (!config.tolerationsInjection) return [];
  const problems: Problem[] = [];
  (spec.scheduling?.tolerations ?? []).forEach((t, i) => {
    const path = `spec.scheduling.tolerations[${i}]`;
    const operator = t.operator as string | undefined;
    if (operator && !TOLERATION_OPERATORS.includes(operator)) problems.push({ path: `${path}.operator`, message: 'must be Exists or Equal', value: operator, fix: 'use Exists or Equal' });
    if (operator === 'Exists' && t.value) problems.push({ path: `${path}.value`, message: 'must be empty when operator is Exists', value: t.value, fix: 'remove the value or use operator Equal' });
    const key = t.key as string | undefined;
    const keyProblem = key ? qualifiedNameProblem(key) : undefined;
    if (keyProblem) problems.push({ path: `${path}.key`, message: `is not a valid label key: it ${keyProblem}`, value: key, fix: 'use the key of the taint, e.g. dedicated' });
    const value = t.value as string | undefined;
    if (operator !== 'Exists' && value && !isLabelValue(value)) problems.push({ path: `${path}.value`, message: NOT_A_LABEL_VALUE, value, fix: 'use the value of the taint, e.g. load-tests' });
    if (!t.key && operator !== 'Exists') problems.push({ path: `${path}.operator`, message: 'must be Exists when key is empty', value: operator, fix: 'set a key or use operator Exists' });
    const effect = t.effect as string | undefined;
    if (effect && !TAINT_EFFECTS.includes(effect)) problems.push({ path: `${path}.effect`, message: `must be one of ${TAINT_EFFECTS.join(', ')}`, value: effect, fix: 'use NoSchedule, PreferNoSchedule or NoExecute' });
    if (t.tolerationSeconds !== undefined && effect !== 'NoExecute') problems.push({ path: `${path}.tolerationSeconds`, message: 'is only allowed with effect NoExecute', value: t.tolerationSeconds, fix: 'remove tolerationSeconds or set effect NoExecute' });
  });
  return problems;
}

