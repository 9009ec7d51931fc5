import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CronJobSpec, JobSpec, KubeCronJob, KubeJob } from '../../imports/k8s';
import { JsonObject } from '../spec/spec';
import { objectMetadata } from '../core/kubernetes';

/**
 * The imported `KubeJob`, writing its manifest exactly as built.
 *
 * `KubeJob.toJson()` filters the object through the Kubernetes 1.28 declarations that
 * cdk8s-plus-28 ships, which silently drops fields newer than 1.28 that the LocustTest schema
 * accepts and the operator copies (an env `fileKeyRef`, an `image` volume, `recursiveReadOnly`).
 * This class keeps everything else of `KubeJob` (`ApiObject.of`, `addJsonPatch`, metadata) and
 * serialises like a plain `ApiObject`: keys sorted, lists in order.
 */
export class AsBuiltJob extends KubeJob {
  public toJson(): any {
    return ApiObject.prototype.toJson.call(this);
  }
}

/** The imported `KubeCronJob`, written exactly as built, for the same reason as `AsBuiltJob`. */
export class AsBuiltCronJob extends KubeCronJob {
  public toJson(): any {
    return ApiObject.prototype.toJson.call(this);
  }
}

export function createJob(scope: Construct, id: string, name: string, namespace: string | undefined, spec: JsonObject): AsBuiltJob {
  // The spec is already plain JSON (quantities as strings), which the typed props describe as classes.
  return new AsBuiltJob(scope, id, { metadata: objectMetadata(name, namespace), spec: spec as unknown as JobSpec });
}

export function createCronJob(scope: Construct, id: string, name: string, namespace: string | undefined, spec: JsonObject): AsBuiltCronJob {
  return new AsBuiltCronJob(scope, id, { metadata: objectMetadata(name, namespace), spec: spec as unknown as CronJobSpec });
}
