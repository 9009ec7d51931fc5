import { ConfigMapReference, SecretReference } from '../core/plus-objects';
import { JsonObject } from '../spec/spec';

/** A Secret mounted as files into every Locust container (`spec.env.secretMounts`). */
export interface SecretMount {
  /**
   * The Secret, e.g. `kplus.Secret.fromSecretName(this, 'Api', 'api-token')` or one the app
   * defines, from any cdk8s-plus major.
   */
  readonly secret: SecretReference;
  /** Where the Secret's keys appear as files. */
  readonly mountPath: string;
  /** @default true (the LocustTest CRD's default) */
  readonly readOnly?: boolean;
}

/**
 * A ConfigMap or Secret whose keys become environment variables of every Locust container
 * (`spec.env.configMapRefs` / `secretRefs`).
 */
export class EnvSource {
  /** Every key of the ConfigMap (of any cdk8s-plus major), optionally prefixed. */
  public static fromConfigMap(configMap: ConfigMapReference, prefix?: string): EnvSource {
    return new EnvSource('configMapRefs', configMap.name, prefix);
  }

  /** Every key of the Secret (of any cdk8s-plus major), optionally prefixed. */
  public static fromSecret(secret: SecretReference, prefix?: string): EnvSource {
    return new EnvSource('secretRefs', secret.name, prefix);
  }

  private constructor(
    /** @internal */ public readonly _field: 'configMapRefs' | 'secretRefs',
    /** @internal */ public readonly _name: string,
    /** @internal */ public readonly _prefix?: string,
  ) {}
}

/**
 * The spec's `env` with the typed references appended after the spec's own entries, in the order
 * given. The result is validated like any spec, so a wrong mount path is reported as usual.
 */
export function withReferences(spec: JsonObject, envFrom: readonly EnvSource[], secretMounts: readonly SecretMount[]): JsonObject {
  if (envFrom.length === 0 && secretMounts.length === 0) return spec;
  const env = { ...(spec.env as JsonObject | undefined) };
  for (const source of envFrom) {
    const ref = source._prefix === undefined ? { name: source._name } : { name: source._name, prefix: source._prefix };
    env[source._field] = [...((env[source._field] as JsonObject[] | undefined) ?? []), ref];
  }
  if (secretMounts.length > 0) {
    const mounts = secretMounts.map((m) => ({ name: m.secret.name, mountPath: m.mountPath, ...(m.readOnly === undefined ? {} : { readOnly: m.readOnly }) }));
    env.secretMounts = [...((env.secretMounts as JsonObject[] | undefined) ?? []), ...mounts];
  }
  return { ...spec, env };
}
