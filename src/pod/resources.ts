import { ResolvedOperatorConfig, ResourceSettings } from '../operator/operator-config';
import { LocustRole } from '../core/names';
import { JsonObject, ResourcesJson } from '../spec/spec';

/** `{limits, requests}` from the six settings, leaving out any that are empty. */
export function resourcesFromSettings(settings: ResourceSettings): JsonObject {
  const pick = (entries: Array<[string, string | undefined]>) => {
    const result: Record<string, string> = {};
    for (const [key, value] of entries) if (value) result[key] = value;
    return Object.keys(result).length ? result : undefined;
  };
  const limits = pick([
    ['cpu', settings.cpuLimit],
    ['memory', settings.memoryLimit],
    ['ephemeral-storage', settings.ephemeralStorageLimit],
  ]);
  const requests = pick([
    ['cpu', settings.cpuRequest],
    ['memory', settings.memoryRequest],
    ['ephemeral-storage', settings.ephemeralStorageRequest],
  ]);
  const result: JsonObject = {};
  if (limits) result.limits = limits;
  if (requests) result.requests = requests;
  return result;
}

const hasEntries = (map: object | undefined) => map !== undefined && Object.keys(map).length > 0;

/**
 * Resources of a Locust container, by the operator's precedence: the spec's own resources
 * replace everything when they have requests or limits (claims alone do not count); otherwise
 * each value comes from the role setting, then the unified one.
 */
export function locustResources(specResources: ResourcesJson | undefined, role: LocustRole, config: ResolvedOperatorConfig): JsonObject {
  if (specResources && (hasEntries(specResources.requests) || hasEntries(specResources.limits))) {
    return { ...specResources };
  }
  const roleSettings: ResourceSettings = role === LocustRole.MASTER ? config.masterResources : config.workerResources;
  // Value by value, and an empty role value falls back too (a spread would let '' win).
  const merged: Record<string, string | undefined> = { ...config.podResources };
  for (const [key, value] of Object.entries(roleSettings)) if (value) merged[key] = value;
  return resourcesFromSettings(merged);
}
