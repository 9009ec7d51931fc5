/**
 * The cdk8s-plus objects the API takes, described by the members it reads rather than by
 * cdk8s-plus-28's classes. Each cdk8s-plus major is its own package with its own classes: an app
 * made by today's `cdk8s init` holds cdk8s-plus-33 objects, which TypeScript refuses where a
 * cdk8s-plus-28 class is named and which fail an `instanceof` check. The shapes below are shared by
 * every major from 28 on, so the objects of any of them are accepted.
 */

/**
 * A ConfigMap of any cdk8s-plus major: `new kplus.ConfigMap(...)` or
 * `kplus.ConfigMap.fromConfigMapName(...)`. Only its name is read.
 */
export interface ConfigMapReference {
  /** The ConfigMap's `metadata.name`. */
  readonly name: string;
}

/**
 * A Secret of any cdk8s-plus major: `new kplus.Secret(...)` or
 * `kplus.Secret.fromSecretName(...)`. Only its name is read.
 */
export interface SecretReference {
  /** The Secret's `metadata.name`. */
  readonly name: string;
}

/**
 * A volume of any cdk8s-plus major, e.g. `kplus.Volume.fromPersistentVolumeClaim(...)`: its name
 * and the Kubernetes `Volume` it stands for, which every major's `Volume` gives as `_toKube()`.
 */
export interface VolumeReference {
  /** The volume's name in the pod. */
  readonly name: string;
  /** The Kubernetes `Volume`, in the camel-case form of the cdk8s imports. */
  _toKube(): object;
}

/** Whether a value has the members of a `VolumeReference`: JavaScript callers pass anything. */
export function isVolumeReference(value: unknown): value is VolumeReference {
  return typeof value === 'object' && value !== null
    && typeof (value as { name?: unknown }).name === 'string'
    && typeof (value as { _toKube?: unknown })._toKube === 'function';
}
