import { LocustRole } from '../core/names';
import { formatValue, Problem } from '../core/problems';
import { negativeQuantityProblem, quantityValue } from '../core/quantity';
import { isDns1123Subdomain, isLabelValue, qualifiedNameProblem } from '../core/kubernetes';
import { didYouMean } from '../core/suggest';
import { byteOrder } from '../core/text';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { JsonObject, SpecJson } from '../spec/spec';

/**
 * What the API server refuses in the fields of a pod that a LocustTest spec fills, written once
 * here: the rules of Kubernetes' `pkg/apis/core/validation` (and `apimachinery`'s) that a JSON
 * schema cannot state, each function naming the Go function it mirrors. docs/validation.md
 * lists them. The spec has passed the CRD schema, so its types are those of the schema.
 */
export function podFieldProblems(spec: SpecJson, config: ResolvedOperatorConfig): Problem[] {
  return [
    ...[LocustRole.MASTER, LocustRole.WORKER].flatMap((role) => resourceProblems(spec, role)),
    ...[LocustRole.MASTER, LocustRole.WORKER].flatMap((role) => annotationsSizeProblems(spec[role].annotations, `spec.${role}.annotations`)),
    ...(spec.volumes ?? []).flatMap((volume, i) => volumeProblems(volume as JsonObject, `spec.volumes[${i}]`)),
    ...securityContextProblems(spec),
    ...mountPathProblems(spec),
    ...envSourceProblems(spec),
    ...(config.affinityInjection ? affinityProblems(spec.scheduling?.affinity as JsonObject | undefined) : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Resources: ValidateResourceRequirements, validateContainerResourceName, ValidateResourceQuantityValue.
// ---------------------------------------------------------------------------------------------

/** The resource names a container may request without a domain (`IsStandardContainerResourceName`). */
const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const HUGE_PAGES = /^hugepages-/;

/**
 * Extended resources (`nvidia.com/gpu`): a domain that is not Kubernetes' own, and not a quota
 * name (`IsExtendedResourceName`). They cannot be overcommitted or split.
 */
function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.')) return false;
  return qualifiedNameProblem(name) === undefined;
}

function resourceProblems(spec: SpecJson, role: LocustRole): Problem[] {
  const problems: Problem[] = [];
  const resources = spec[role].resources ?? {};
  const requests: Record<string, string | number> = resources.requests ?? {};
  const limits: Record<string, string | number> = resources.limits ?? {};
  const base = `spec.${role}.resources`;
  const at = (field: string, name: string) => `${base}.${field}[${JSON.stringify(name)}]`;
  for (const [field, values] of [['limits', limits], ['requests', requests]] as const) {
    for (const name of Object.keys(values).sort(byteOrder)) {
      const path = at(field, name);
      const value = values[name];
      const wrongName = resourceNameProblem(name);
      if (wrongName) {
        problems.push({ path, message: wrongName, value: name, fix: `${didYouMean(name, CONTAINER_RESOURCES)}use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu` });
        continue;
      }
      const negative = negativeQuantityProblem(path, value);
      if (negative) problems.push(negative);
      else if (isExtendedResourceName(name) && !Number.isInteger(quantityValue(value))) {
        problems.push({ path, message: 'must be a whole number: an extended resource cannot be split', value, fix: `use a whole number, e.g. ${Math.max(1, Math.ceil(quantityValue(value)))}` });
      }
    }
  }
  for (const name of Object.keys(requests).sort(byteOrder)) {
    const request = requests[name];
    const limit = limits[name];
    if (resourceNameProblem(name) || quantityValue(request) < 0) continue;
    if (isExtendedResourceName(name) || HUGE_PAGES.test(name)) {
      // Extended resources and huge pages cannot be overcommitted (`IsOvercommitAllowed`): the request is the limit.
      if (limit === undefined) {
        problems.push({ path: at('requests', name), message: `needs a limit: ${name} cannot be overcommitted`, value: request, fix: `set ${at('limits', name)} to ${formatValue(request)} as well` });
      } else if (quantityValue(request) !== quantityValue(limit)) {
        problems.push({ path: at('requests', name), message: `must equal the ${name} limit ${String(limit)}: ${name} cannot be overcommitted`, value: request, fix: `set the request and the limit to the same number, or drop the request (it defaults to the limit)` });
      }
    } else if (limit !== undefined && quantityValue(request) > quantityValue(limit)) {
      problems.push({ path: at('requests', name), message: `must be less than or equal to the ${name} limit ${String(limit)}`, value: request, fix: `lower the request or raise ${at('limits', name)}` });
    }
  }
  // claims is a list keyed by name: the API server refuses two entries with one name.
  const claimNames = new Set<unknown>();
  (resources.claims ?? []).forEach((claim, i) => {
    if (claimNames.has(claim.name)) problems.push({ path: `${base}.claims[${i}].name`, message: 'repeats the name of an earlier claim', value: claim.name, fix: 'give every claim its own name' });
    claimNames.add(claim.name);
  });
  return problems;
}

/** Why the API server refuses a container resource name, or undefined when it takes it. */
function resourceNameProblem(name: string): string | undefined {
  if (CONTAINER_RESOURCES.includes(name) || HUGE_PAGES.test(name) || isExtendedResourceName(name)) return undefined;
  if (name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.')) {
    return `is not a valid extended resource name: it ${qualifiedNameProblem(name)}`;
  }
  return 'is not a resource a container can request';
}

// ---------------------------------------------------------------------------------------------
// Annotations: ValidateAnnotations (apimachinery), TotalAnnotationSizeLimitB.
// ---------------------------------------------------------------------------------------------

/** Kubernetes' bound on the keys and values of one object's annotations together. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Annotations of `map` (at `path`) over the API server's total size, as one problem. */
export function annotationsSizeProblems(map: Record<string, unknown> | undefined, path: string): Problem[] {
  let size = 0;
  for (const [key, value] of Object.entries(map ?? {})) size += Buffer.byteLength(key) + Buffer.byteLength(String(value));
  if (size <= MAX_ANNOTATIONS_BYTES) return [];
  return [{ path, message: `hold ${size} bytes of keys and values, more than the ${MAX_ANNOTATIONS_BYTES / 1024} KiB the API server accepts on one object`, value: `${Object.keys(map ?? {}).length} annotations`, fix: 'move large values into a ConfigMap and keep a short reference in the annotation' }];
}

// ---------------------------------------------------------------------------------------------
// Volumes: validateVolumeSource, validateKeyToPath, validateLocalNonReservedPath, validateVolumeMode,
// validateDownwardAPIVolumeFile.
// ---------------------------------------------------------------------------------------------

/** File modes the API server takes for a projected file: 0 to 0777 (decimal 511). */
const MAX_FILE_MODE = 0o777;

function volumeProblems(volume: JsonObject, path: string): Problem[] {
  const problems: Problem[] = [];
  const emptyDir = volume.emptyDir as JsonObject | undefined;
  if (emptyDir?.sizeLimit !== undefined) {
    const negative = negativeQuantityProblem(`${path}.emptyDir.sizeLimit`, emptyDir.sizeLimit as string | number);
    if (negative) problems.push(negative);
  }
  const claimResources = ((volume.ephemeral as JsonObject | undefined)?.volumeClaimTemplate as JsonObject | undefined)?.spec as JsonObject | undefined;
  for (const field of ['requests', 'limits']) {
    const values = ((claimResources?.resources as JsonObject | undefined)?.[field] ?? {}) as Record<string, string | number>;
    for (const name of Object.keys(values).sort(byteOrder)) {
      const negative = negativeQuantityProblem(`${path}.ephemeral.volumeClaimTemplate.spec.resources.${field}[${JSON.stringify(name)}]`, values[name]);
      if (negative) problems.push(negative);
    }
  }
  const named: [string, string][] = [['configMap', 'name'], ['secret', 'secretName'], ['persistentVolumeClaim', 'claimName']];
  for (const [kind, field] of named) {
    const source = volume[kind] as JsonObject | undefined;
    if (source === undefined) continue;
    const name = source[field];
    if (typeof name !== 'string' || name === '' || !isDns1123Subdomain(name)) {
      problems.push({ path: `${path}.${kind}.${field}`, message: name === undefined || name === '' ? 'is required' : 'must be a DNS-1123 subdomain, the name of an object', value: name, fix: `name the ${kind === 'persistentVolumeClaim' ? 'PersistentVolumeClaim' : kind === 'secret' ? 'Secret' : 'ConfigMap'} to mount` });
    }
  }
  const hostPath = (volume.hostPath as JsonObject | undefined)?.path;
  if (typeof hostPath === 'string' && hostPath.split('/').includes('..')) {
    problems.push({ path: `${path}.hostPath.path`, message: "must not contain '..'", value: hostPath, fix: 'give the path on the node without ..' });
  }
  for (const kind of ['configMap', 'secret'] as const) {
    const source = volume[kind] as JsonObject | undefined;
    if (source === undefined) continue;
    problems.push(...modeProblems(source.defaultMode, `${path}.${kind}.defaultMode`));
    problems.push(...keyToPathProblems(source.items, `${path}.${kind}.items`));
  }
  const downwardApi = volume.downwardAPI as JsonObject | undefined;
  if (downwardApi !== undefined) {
    problems.push(...modeProblems(downwardApi.defaultMode, `${path}.downwardAPI.defaultMode`));
    problems.push(...downwardApiFileProblems(downwardApi.items, `${path}.downwardAPI.items`));
  }
  const projected = volume.projected as JsonObject | undefined;
  if (projected !== undefined) {
    problems.push(...modeProblems(projected.defaultMode, `${path}.projected.defaultMode`));
    ((projected.sources ?? []) as JsonObject[]).forEach((source, i) => {
      const at = `${path}.projected.sources[${i}]`;
      for (const kind of ['configMap', 'secret'] as const) {
        problems.push(...keyToPathProblems((source[kind] as JsonObject | undefined)?.items, `${at}.${kind}.items`));
      }
      problems.push(...downwardApiFileProblems((source.downwardAPI as JsonObject | undefined)?.items, `${at}.downwardAPI.items`));
      const token = source.serviceAccountToken as JsonObject | undefined;
      if (token !== undefined) problems.push(...localPathProblems(token.path, `${at}.serviceAccountToken.path`));
    });
  }
  return problems;
}

function modeProblems(mode: unknown, path: string): Problem[] {
  if (typeof mode !== 'number' || (mode >= 0 && mode <= MAX_FILE_MODE)) return [];
  return [{ path, message: `must be a file mode between 0 and 0777 (decimal ${MAX_FILE_MODE})`, value: mode, fix: 'write it in octal in YAML, e.g. 0644 (decimal 420), or 0755 (493)' }];
}

function keyToPathProblems(items: unknown, path: string): Problem[] {
  return ((items ?? []) as JsonObject[]).flatMap((item, i) => [
    ...(item.key === '' ? [{ path: `${path}[${i}].key`, message: 'must not be empty', value: item.key, fix: 'name the key of the ConfigMap or Secret to project' }] : []),
    ...localPathProblems(item.path, `${path}[${i}].path`),
    ...modeProblems(item.mode, `${path}[${i}].mode`),
  ]);
}

function downwardApiFileProblems(items: unknown, path: string): Problem[] {
  return ((items ?? []) as JsonObject[]).flatMap((item, i) => [
    ...localPathProblems(item.path, `${path}[${i}].path`),
    ...modeProblems(item.mode, `${path}[${i}].mode`),
  ]);
}

/** A file inside the volume: relative, without a `..` element, not starting with `..`. */
function localPathProblems(value: unknown, path: string): Problem[] {
  if (typeof value !== 'string') return [];
  const fix = 'give a path relative to the mount, such as config/settings.py';
  if (value === '') return [{ path, message: 'must not be empty', value, fix }];
  if (value.startsWith('/')) return [{ path, message: 'must be a relative path: the file is written inside the volume', value, fix }];
  if (value.split('/').includes('..') || value.startsWith('..')) return [{ path, message: "must not contain '..': the file must stay inside the volume", value, fix }];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Mount paths: ValidateVolumeMounts (mountPath is required).
// ---------------------------------------------------------------------------------------------

/**
 * The mount paths the spec gives to the pods as written: an empty one is refused by the API
 * server (`Required value`). An empty `testFiles.srcMountPath` or `libMountPath` is not among
 * them: the operator mounts its default path there.
 */
function mountPathProblems(spec: SpecJson): Problem[] {
  const given: { path: string; value: unknown }[] = [
    ...(spec.env?.secretMounts ?? []).map((mount, i) => ({ path: `spec.env.secretMounts[${i}].mountPath`, value: mount.mountPath })),
    ...(spec.volumeMounts ?? []).map((mount, i) => ({ path: `spec.volumeMounts[${i}].mountPath`, value: mount.mountPath })),
  ];
  return given.filter(({ value }) => value === '').map(({ path, value }) => ({
    path, message: 'must not be empty: the API server requires a mount path', value, fix: 'give the absolute path to mount at, e.g. /data',
  }));
}

// ---------------------------------------------------------------------------------------------
// Environment sources: validateEnvVarValueFrom, validateConfigMapKeySelector,
// validateSecretKeySelector, validateObjectFieldSelector, IsConfigMapKey.
// ---------------------------------------------------------------------------------------------

/** The pod fields a `fieldRef` may read in a container's environment (`validEnvDownwardAPIFieldPathExpressions`). */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const LABEL_OR_ANNOTATION_PATH = /^metadata\.(labels|annotations)\['.+'\]$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

function envSourceProblems(spec: SpecJson): Problem[] {
  const problems: Problem[] = [];
  (spec.env?.variables ?? []).forEach((variable: JsonObject, i) => {
    const from = variable.valueFrom as JsonObject | undefined;
    const path = `spec.env.variables[${i}].valueFrom`;
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = from?.[kind] as JsonObject | undefined;
      if (ref === undefined) continue;
      if (typeof ref.name !== 'string' || ref.name === '') problems.push({ path: `${path}.${kind}.name`, message: 'is required', value: ref.name, fix: `name the ${kind === 'secretKeyRef' ? 'Secret' : 'ConfigMap'} that holds the value` });
      if (typeof ref.key === 'string' && (ref.key.length > 253 || !CONFIG_KEY.test(ref.key))) {
        problems.push({ path: `${path}.${kind}.key`, message: 'is not a valid key: letters, digits, -, _ and . only', value: ref.key, fix: 'give the key as it is in the object, e.g. password' });
      }
    }
    const fieldPath = (from?.fieldRef as JsonObject | undefined)?.fieldPath;
    if (typeof fieldPath === 'string' && !ENV_FIELD_PATHS.includes(fieldPath) && !LABEL_OR_ANNOTATION_PATH.test(fieldPath)) {
      problems.push({ path: `${path}.fieldRef.fieldPath`, message: `is not a pod field an environment variable can read (${ENV_FIELD_PATHS.join(', ')}, metadata.labels['KEY'], metadata.annotations['KEY'])`, value: fieldPath, fix: `${didYouMean(fieldPath, ENV_FIELD_PATHS)}use one of those fields` });
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Security contexts: ValidatePodSecurityContext, ValidateSecurityContext, IsValidUserID,
// IsValidGroupID, validateSysctls.
// ---------------------------------------------------------------------------------------------

/** User and group ids the API server takes: 0 to 2^31-1. */
const MAX_ID = 2147483647;
/** `IsValidSysctlName`: dot- or slash-separated segments of lowercase letters, digits, `-` and `_`. */
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const MAX_SYSCTL_NAME_LENGTH = 253;

function idProblem(value: unknown, path: string, what: 'user' | 'group'): Problem[] {
  if (typeof value !== 'number' || (value >= 0 && value <= MAX_ID)) return [];
  return [{ path, message: `must be a ${what} id between 0 and ${MAX_ID}`, value, fix: `use the ${what} id the image runs as, e.g. 1000` }];
}

function securityContextProblems(spec: SpecJson): Problem[] {
  const problems: Problem[] = [];
  const pod = (spec.security?.podSecurityContext ?? {}) as JsonObject;
  const container = (spec.security?.containerSecurityContext ?? {}) as JsonObject;
  const podPath = 'spec.security.podSecurityContext';
  const containerPath = 'spec.security.containerSecurityContext';
  problems.push(...idProblem(pod.runAsUser, `${podPath}.runAsUser`, 'user'));
  problems.push(...idProblem(pod.runAsGroup, `${podPath}.runAsGroup`, 'group'));
  problems.push(...idProblem(pod.fsGroup, `${podPath}.fsGroup`, 'group'));
  ((pod.supplementalGroups ?? []) as unknown[]).forEach((group, i) => problems.push(...idProblem(group, `${podPath}.supplementalGroups[${i}]`, 'group')));
  problems.push(...idProblem(container.runAsUser, `${containerPath}.runAsUser`, 'user'));
  problems.push(...idProblem(container.runAsGroup, `${containerPath}.runAsGroup`, 'group'));
  const seen = new Set<string>();
  ((pod.sysctls ?? []) as JsonObject[]).forEach((sysctl, i) => {
    const name = String(sysctl.name);
    const path = `${podPath}.sysctls[${i}].name`;
    if (name.length > MAX_SYSCTL_NAME_LENGTH || !SYSCTL_NAME.test(name)) {
      problems.push({ path, message: `is not a sysctl name: lowercase letters, digits, - and _ in segments separated by . or /, at most ${MAX_SYSCTL_NAME_LENGTH} characters`, value: name, fix: 'use the kernel parameter as sysctl names it, e.g. net.ipv4.ip_local_port_range' });
    } else if (seen.has(name)) {
      problems.push({ path, message: 'repeats a sysctl set earlier in the list', value: name, fix: 'set every sysctl once' });
    }
    seen.add(name);
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Affinity: validateAffinity, ValidateNodeSelector, ValidateNodeSelectorRequirement,
// validateNodeFieldSelectorRequirement, validatePreferredSchedulingTerms, validatePodAffinityTerm.
// ---------------------------------------------------------------------------------------------

const NODE_SELECTOR_OPERATORS = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'];

function affinityProblems(affinity: JsonObject | undefined): Problem[] {
  if (affinity === undefined) return [];
  const problems: Problem[] = [];
  const base = 'spec.scheduling.affinity';
  const node = affinity.nodeAffinity as JsonObject | undefined;
  const required = node?.requiredDuringSchedulingIgnoredDuringExecution as JsonObject | undefined;
  if (required !== undefined) {
    const path = `${base}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const terms = (required.nodeSelectorTerms ?? []) as JsonObject[];
    if (terms.length === 0) {
      problems.push({ path, message: 'must have at least one node selector term', value: terms, fix: 'add a term with matchExpressions, or drop requiredDuringSchedulingIgnoredDuringExecution' });
    }
    terms.forEach((term, i) => problems.push(...nodeSelectorTermProblems(term, `${path}[${i}]`)));
  }
  ((node?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as JsonObject[]).forEach((preferred, i) => {
    const path = `${base}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    problems.push(...weightProblems(preferred.weight, `${path}.weight`));
    problems.push(...nodeSelectorTermProblems((preferred.preference ?? {}) as JsonObject, `${path}.preference`));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const terms = (affinity[kind] ?? {}) as JsonObject;
    ((terms.requiredDuringSchedulingIgnoredDuringExecution ?? []) as JsonObject[]).forEach((term, i) => {
      problems.push(...topologyKeyProblems(term.topologyKey, `${base}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}].topologyKey`));
    });
    ((terms.preferredDuringSchedulingIgnoredDuringExecution ?? []) as JsonObject[]).forEach((weighted, i) => {
      const path = `${base}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      problems.push(...weightProblems(weighted.weight, `${path}.weight`));
      problems.push(...topologyKeyProblems((weighted.podAffinityTerm as JsonObject | undefined)?.topologyKey, `${path}.podAffinityTerm.topologyKey`));
    });
  }
  return problems;
}

function nodeSelectorTermProblems(term: JsonObject, path: string): Problem[] {
  const problems: Problem[] = [];
  ((term.matchExpressions ?? []) as JsonObject[]).forEach((requirement, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const operator = String(requirement.operator);
    const values = (requirement.values ?? []) as string[];
    const key = String(requirement.key);
    const wrongKey = qualifiedNameProblem(key);
    if (wrongKey) problems.push({ path: `${at}.key`, message: `is not a valid label key: it ${wrongKey}`, value: key, fix: 'use a node label key, e.g. node-pool or topology.kubernetes.io/zone' });
    if (!NODE_SELECTOR_OPERATORS.includes(operator)) {
      problems.push({ path: `${at}.operator`, message: `must be one of ${NODE_SELECTOR_OPERATORS.join(', ')}`, value: requirement.operator, fix: `${didYouMean(operator, NODE_SELECTOR_OPERATORS)}use In with a list of values, or Exists` });
    } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      problems.push({ path: `${at}.values`, message: `must not be empty with the operator ${operator}`, value: values, fix: 'list the label values to match, or use Exists' });
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      problems.push({ path: `${at}.values`, message: `must be empty with the operator ${operator}`, value: values, fix: 'drop the values, or use In' });
    } else if ((operator === 'Gt' || operator === 'Lt') && (values.length !== 1 || !/^-?[0-9]+$/.test(values[0]))) {
      problems.push({ path: `${at}.values`, message: `must be one whole number with the operator ${operator}`, value: values, fix: 'give one value such as "4"' });
    }
    for (const [j, value] of values.entries()) {
      if (!isLabelValue(value) && operator !== 'Gt' && operator !== 'Lt') problems.push({ path: `${at}.values[${j}]`, message: 'is not a valid label value', value, fix: 'use the value of the node label' });
    }
  });
  ((term.matchFields ?? []) as JsonObject[]).forEach((requirement, i) => {
    const at = `${path}.matchFields[${i}]`;
    if (requirement.key !== 'metadata.name') problems.push({ path: `${at}.key`, message: 'must be metadata.name, the one node field a pod can select on', value: requirement.key, fix: 'use matchExpressions for node labels' });
    const values = (requirement.values ?? []) as string[];
    if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') {
      problems.push({ path: `${at}.operator`, message: 'must be In or NotIn', value: requirement.operator, fix: 'use In with the node name' });
    } else if (values.length !== 1 || !isDns1123Subdomain(values[0])) {
      problems.push({ path: `${at}.values`, message: 'must hold exactly one node name', value: values, fix: 'give one node name, or use matchExpressions' });
    }
  });
  return problems;
}

function weightProblems(weight: unknown, path: string): Problem[] {
  if (typeof weight !== 'number' || (weight >= 1 && weight <= 100)) return [];
  return [{ path, message: 'must be between 1 and 100', value: weight, fix: 'use a weight from 1 to 100' }];
}

function topologyKeyProblems(key: unknown, path: string): Problem[] {
  if (typeof key !== 'string') return [];
  if (key === '') return [{ path, message: 'must not be empty', value: key, fix: 'use a node label that names a domain, e.g. kubernetes.io/hostname' }];
  const wrong = qualifiedNameProblem(key);
  return wrong ? [{ path, message: `is not a valid label key: it ${wrong}`, value: key, fix: 'use a node label that names a domain, e.g. kubernetes.io/hostname' }] : [];
}
