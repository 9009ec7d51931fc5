/**
 * The JSON form of a LocustTest v2 spec: plain JSON, exactly as it appears in a LocustTest
 * custom resource after parsing YAML. The builders read this form only.
 *
 * The typed form users write in TypeScript (`LocustTestTypedSpec`, from `imports/locust.io`)
 * may hold quantities as small wrapper classes and renames a few fields; `specJsonOf`
 * (typed-spec.ts) turns it into this form, so that the construct and the command line share one
 * code path from here on.
 * Embedded Kubernetes objects (affinity, volumes, security contexts, ...) are copied verbatim,
 * so they stay untyped here.
 */
/** A JSON object as parsed from YAML: the form of embedded Kubernetes objects this library copies verbatim. */
export type JsonObject = { [key: string]: unknown };

/** Whether a parsed JSON value is an object (a YAML mapping), not a list, a scalar or null. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compute resources of one Locust container (`spec.master.resources`, `spec.worker.resources`).
 * Values left out are filled from the operator configuration, value by value.
 */
export interface ResourcesJson {
  /** Minimum resources, by name (`cpu`, `memory`, `ephemeral-storage`). @default - the operator configuration's requests */
  readonly requests?: Record<string, string | number>;
  /** Maximum resources, by name. @default - the operator configuration's limits */
  readonly limits?: Record<string, string | number>;
  /** Dynamic resource claims, copied to the container unchanged. @default - none */
  readonly claims?: JsonObject[];
}

/** What the master and the workers have in common. */
export interface RoleSpecJson {
  /** Locust arguments (the locustfile and its options); split on whitespace into the container's args. */
  readonly command: string;
  /** Resources of this role's Locust container. @default - the operator configuration's resources */
  readonly resources?: ResourcesJson;
  /** Labels added to this role's pods; the labels the workload selects on win. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations added to this role's pods. @default - none */
  readonly annotations?: Record<string, string>;
  /** Arguments appended unchanged after the ones the operator generates. @default - none */
  readonly extraArgs?: string[];
}

/** `spec.master`: the single pod that coordinates the workers and serves the web UI. */
export interface MasterSpecJson extends RoleSpecJson {
  /** Start the test once the master is up (`--autostart`). @default true */
  readonly autostart?: boolean;
  /** Quit the master after the test ends (`--autoquit`). @default - enabled, after 60 seconds */
  readonly autoquit?: {
    /** Pass `--autoquit` to the master. @default true */
    readonly enabled?: boolean;
    /** Seconds the master waits after the test before it quits. @default 60 */
    readonly timeout?: number;
  };
}

/** `spec.worker`: the pods that generate the load. */
export interface WorkerSpecJson extends RoleSpecJson {
  /** Number of worker pods, the Job's parallelism (1 to 500). */
  readonly replicas: number;
}

/** `spec.observability.openTelemetry`: Locust's native OpenTelemetry export instead of the exporter sidecar. */
export interface OpenTelemetryJson {
  /** Turn OpenTelemetry on (`--otel`), which also drops the exporter sidecar. @default false */
  readonly enabled?: boolean;
  /** OTLP receiver address, e.g. `otel-collector.monitoring:4317`; required when enabled. @default - none */
  readonly endpoint?: string;
  /** OTLP transport, `grpc` or `http/protobuf`. @default 'grpc' */
  readonly protocol?: string;
  /** Talk to the endpoint without TLS; only `true` is written to the pods. @default false */
  readonly insecure?: boolean;
  /** Further `OTEL_*` variables for the SDK, written sorted by name. @default - none */
  readonly extraEnvVars?: Record<string, string>;
}

/** An entry of `spec.volumeMounts`: a Kubernetes VolumeMount plus the pods that get it. */
export interface VolumeMountJson extends JsonObject {
  /** Name of a volume in `spec.volumes`. */
  readonly name: string;
  /** Path in the Locust containers where the volume appears. */
  readonly mountPath: string;
  /** Which pods get the mount: `master`, `worker` or `both`. @default 'both' */
  readonly target?: string;
}

/**
 * The JSON form of a LocustTest spec: the plain JSON a `locust.io/v2` custom resource carries.
 * Optional fields left out take the LocustTest CRD's defaults when the objects are built.
 */
export interface SpecJson {
  /** Image that runs Locust in the master and worker pods, e.g. `locustio/locust:2.43.1`. */
  readonly image: string;
  /** Pull policy of the Locust image: `Always`, `IfNotPresent` or `Never`. @default 'IfNotPresent' */
  readonly imagePullPolicy?: string;
  /** Secrets used to pull the image, on both pods. @default - none */
  readonly imagePullSecrets?: Array<{
    /** Name of an image pull Secret in the test's namespace. @default '' */
    readonly name?: string;
  }>;
  /** The master pod. */
  readonly master: MasterSpecJson;
  /** The worker pods. */
  readonly worker: WorkerSpecJson;
  /** ConfigMaps holding the locustfile and its libraries. @default - no ConfigMap mounted */
  readonly testFiles?: {
    /** ConfigMap with the locustfile, mounted at `srcMountPath`. @default - none */
    readonly configMapRef?: string;
    /** ConfigMap with Python modules the locustfile imports, mounted at `libMountPath`. @default - none */
    readonly libConfigMapRef?: string;
    /** Where `configMapRef` is mounted. @default '/lotest/src' */
    readonly srcMountPath?: string;
    /** Where `libConfigMapRef` is mounted. @default '/opt/locust/lib' */
    readonly libMountPath?: string;
  };
  /** Where the pods may run. @default - anywhere the scheduler chooses */
  readonly scheduling?: {
    /** Kubernetes Affinity of both pods; copied only when the operator configuration allows it. @default - none */
    readonly affinity?: JsonObject;
    /** Kubernetes Tolerations of both pods; copied only when the operator configuration allows it. @default - none */
    readonly tolerations?: JsonObject[];
    /** Node labels both pods require. @default - none */
    readonly nodeSelector?: Record<string, string>;
    /** RuntimeClass of both pods; an empty string means the cluster's default. @default - the operator configuration's default runtime class */
    readonly runtimeClassName?: string;
  };
  /** Environment of the Locust containers. @default - only the variables the operator adds */
  readonly env?: {
    /** ConfigMaps whose keys all become variables. @default - none */
    readonly configMapRefs?: Array<{
      /** The ConfigMap to load. */
      readonly name: string;
      /** Text put in front of every key. @default - no prefix */
      readonly prefix?: string;
    }>;
    /** Secrets whose keys all become variables. @default - none */
    readonly secretRefs?: Array<{
      /** The Secret to load. */
      readonly name: string;
      /** Text put in front of every key. @default - no prefix */
      readonly prefix?: string;
    }>;
    /** Kubernetes EnvVar entries, appended after the operator's own. @default - none */
    readonly variables?: JsonObject[];
    /** Secrets mounted as directories of files. @default - none */
    readonly secretMounts?: Array<{
      /** The Secret whose keys become files. */
      readonly name: string;
      /** Directory where the files appear. */
      readonly mountPath: string;
      /** Mount the Secret read-only. @default true */
      readonly readOnly?: boolean;
    }>;
  };
  /** Kubernetes Volumes added to both pods, mounted through `volumeMounts`. @default - none */
  readonly volumes?: Array<JsonObject & {
    /** Volume name that `volumeMounts` refer to. */
    readonly name: string;
  }>;
  /** Mounts of `volumes` in the Locust containers. @default - none */
  readonly volumeMounts?: VolumeMountJson[];
  /** Security settings of the pods and the Locust containers. @default - the operator's pod security context only */
  readonly security?: {
    /** Kubernetes PodSecurityContext of both pods. @default - `seccompProfile` `RuntimeDefault`, as the operator sets */
    readonly podSecurityContext?: JsonObject;
    /** Kubernetes SecurityContext of the Locust containers. @default - none */
    readonly containerSecurityContext?: JsonObject;
  };
  /** How the test reports its metrics. @default - the metrics exporter sidecar */
  readonly observability?: {
    /** Native OpenTelemetry export. @default - OpenTelemetry off */
    readonly openTelemetry?: OpenTelemetryJson;
  };
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
