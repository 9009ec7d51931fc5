import { masterArgs, workerArgs } from './command';
import { locustEnv, locustEnvFrom } from './env';
import { podAnnotations, podLabels } from './labels';
import { LocustRole, MASTER_PORT, MASTER_BIND_PORT_PLUS_ONE, WEB_UI_PORT, WORKER_PORT, roleObjectName } from '../core/names';
import { ObservabilityPlan } from './observability';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { locustResources } from './resources';
import { JsonObject, SpecJson } from '../spec/spec';
import { containerVolumeMounts, podVolumes } from './volumes';

/** Everything the builders need to know about one LocustTest. */
export interface WorkloadContext {
  readonly name: string;
  readonly spec: SpecJson;
  readonly config: ResolvedOperatorConfig;
  /** The observability decision, with what it adds to the pods and the Service. */
  readonly observability: ObservabilityPlan;
  /** Seconds the master waits for its workers before giving up. @default - as long as it takes (the operator's) */
  readonly expectWorkersMaxWait?: number;
  /** Labels of both pods beyond the operator's (the construct's `metadata.labels`); the role's own labels win. */
  readonly podLabels?: Record<string, string>;
}

/** The two Jobs the operator creates, as plain manifests without apiVersion/kind/metadata. */
export interface WorkloadSpecs {
  readonly masterJobSpec: JsonObject;
  readonly workerJobSpec: JsonObject;
}

/** Sets `key` only when the value is present and not an empty list or map (Go's omitempty). */
function setIfPresent(target: JsonObject, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value) && value.length === 0) return;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return;
  target[key] = value;
}

/** Runtime class: the spec's when present (an empty one opts out), else the operator default. */
function runtimeClassName(spec: SpecJson, config: ResolvedOperatorConfig): string | undefined {
  const scheduling = spec.scheduling ?? {};
  if ('runtimeClassName' in scheduling && scheduling.runtimeClassName !== undefined) {
    return scheduling.runtimeClassName || undefined;
  }
  return config.defaultRuntimeClassName;
}

function locustContainerSpec(ctx: WorkloadContext, role: LocustRole): JsonObject {
  const { name, spec, config, observability } = ctx;
  const isMaster = role === LocustRole.MASTER;
  const flags = observability.commandFlags;
  const container: JsonObject = {
    name: roleObjectName(name, role),
    image: spec.image,
    args: isMaster ? masterArgs(spec, flags, ctx.expectWorkersMaxWait) : workerArgs(name, spec, flags),
    ports: (isMaster ? [MASTER_PORT, MASTER_BIND_PORT_PLUS_ONE, WEB_UI_PORT] : [WORKER_PORT]).map((port) => ({ containerPort: port })),
  };
  setIfPresent(container, 'envFrom', locustEnvFrom(spec));
  container.env = locustEnv(spec, config.kafka, observability.locustEnv);
  container.resources = locustResources(spec[role].resources, role, config);
  setIfPresent(container, 'volumeMounts', containerVolumeMounts(name, spec, role));
  container.imagePullPolicy = spec.imagePullPolicy || 'IfNotPresent';
  setIfPresent(container, 'securityContext', spec.security?.containerSecurityContext);
  return container;
}

function podTemplate(ctx: WorkloadContext, role: LocustRole): JsonObject {
  const { name, spec, config, observability } = ctx;
  const isMaster = role === LocustRole.MASTER;
  const scheduling = spec.scheduling ?? {};

  const metadata: JsonObject = { labels: podLabels(name, role, { ...ctx.podLabels, ...spec[role].labels }) };
  setIfPresent(metadata, 'annotations', podAnnotations(isMaster ? observability.masterAnnotations : {}, spec[role].annotations));

  const podSpec: JsonObject = {};
  setIfPresent(podSpec, 'volumes', podVolumes(name, spec, role));
  if (isMaster) setIfPresent(podSpec, 'initContainers', observability.masterInitContainers);
  podSpec.containers = [locustContainerSpec(ctx, role)];
  podSpec.restartPolicy = 'Never';
  setIfPresent(podSpec, 'nodeSelector', scheduling.nodeSelector);
  podSpec.securityContext = spec.security?.podSecurityContext ?? { seccompProfile: { type: 'RuntimeDefault' } };
  setIfPresent(podSpec, 'imagePullSecrets', spec.imagePullSecrets);
  if (config.affinityInjection) setIfPresent(podSpec, 'affinity', scheduling.affinity);
  if (config.tolerationsInjection) setIfPresent(podSpec, 'tolerations', scheduling.tolerations);
  setIfPresent(podSpec, 'runtimeClassName', runtimeClassName(spec, config));
  return { metadata, spec: podSpec };
}

function jobSpec(ctx: WorkloadContext, role: LocustRole): JsonObject {
  const job: JsonObject = {
    parallelism: role === LocustRole.MASTER ? 1 : ctx.spec.worker.replicas,
    backoffLimit: 0,
    template: podTemplate(ctx, role),
  };
  setIfPresent(job, 'ttlSecondsAfterFinished', ctx.config.jobTtlSecondsAfterFinished);
  return job;
}

/** Builds the specs of the master Job and worker Job for a valid LocustTest. */
export function buildWorkload(ctx: WorkloadContext): WorkloadSpecs {
  return {
    masterJobSpec: jobSpec(ctx, LocustRole.MASTER),
    workerJobSpec: jobSpec(ctx, LocustRole.WORKER),
  };
}
