/**
 * The wire form of a LocustTest v2 spec: plain JSON, exactly as it appears in a LocustTest
 * custom resource after parsing YAML. The builders read this form only.
 *
 * The typed form users write in TypeScript (`LocustTestSpec` from `imports/locust.io`) holds
 * quantities as small wrapper classes and renames a few fields; `wireSpecOf` turns it into this
 * form, so that the construct and the command line share one code path from here on.
 * Embedded Kubernetes objects (affinity, volumes, security contexts, ...) are copied verbatim,
 * so they stay untyped here.
 */
import { LocustTestSpec, toJson_LocustTestSpec } from '../imports/locust.io';

export type JsonObject = { [key: string]: unknown };

export interface WireResources {
  readonly requests?: Record<string, string | number>;
  readonly limits?: Record<string, string | number>;
  readonly claims?: JsonObject[];
}

export interface WireRole {
  readonly command: string;
  readonly resources?: WireResources;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly extraArgs?: string[];
}

export interface WireMaster extends WireRole {
  readonly autostart?: boolean;
  readonly autoquit?: { readonly enabled?: boolean; readonly timeout?: number };
}

export interface WireWorker extends WireRole {
  readonly replicas: number;
}

export interface WireOpenTelemetry {
  readonly enabled?: boolean;
  readonly endpoint?: string;
  readonly protocol?: string;
  readonly insecure?: boolean;
  readonly extraEnvVars?: Record<string, string>;
}

export interface WireVolumeMount extends JsonObject {
  readonly name: string;
  readonly mountPath: string;
  readonly target?: string;
}

export interface WireSpec {
  readonly image: string;
  readonly imagePullPolicy?: string;
  readonly imagePullSecrets?: Array<{ readonly name?: string }>;
  readonly master: WireMaster;
  readonly worker: WireWorker;
  readonly testFiles?: {
    readonly configMapRef?: string;
    readonly libConfigMapRef?: string;
    readonly srcMountPath?: string;
    readonly libMountPath?: string;
  };
  readonly scheduling?: {
    readonly affinity?: JsonObject;
    readonly tolerations?: JsonObject[];
    readonly nodeSelector?: Record<string, string>;
    readonly runtimeClassName?: string;
  };
  readonly env?: {
    readonly configMapRefs?: Array<{ readonly name: string; readonly prefix?: string }>;
    readonly secretRefs?: Array<{ readonly name: string; readonly prefix?: string }>;
    readonly variables?: JsonObject[];
    readonly secretMounts?: Array<{ readonly name: string; readonly mountPath: string; readonly readOnly?: boolean }>;
  };
  readonly volumes?: Array<JsonObject & { readonly name: string }>;
  readonly volumeMounts?: WireVolumeMount[];
  readonly security?: {
    readonly podSecurityContext?: JsonObject;
    readonly containerSecurityContext?: JsonObject;
  };
  readonly observability?: { readonly openTelemetry?: WireOpenTelemetry };
}

/**
 * The wire form of a typed spec. The generated converter maps the TypeScript property names
 * back to the Kubernetes ones (`scaleIo` to `scaleIO`, `diskUri` to `diskURI`) and unwraps
 * quantities, so a typed spec and the same spec read from YAML give identical wire JSON.
 */
export function wireSpecOf(spec: LocustTestSpec): JsonObject {
  return toJson_LocustTestSpec(spec) as JsonObject;
}

/**
 * A deep copy made only of plain objects, arrays and scalars. Specs from outside (YAML, JSON,
 * a JavaScript caller) may hold objects without `Object.prototype`, which cdk8s cannot
 * serialise; after this copy every later step sees ordinary JSON it may also change freely.
 */
export function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainCopy);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainCopy(item)]));
}
