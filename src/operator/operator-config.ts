import { Problem } from '../core/problems';
import { isQuantity, negativeQuantityProblem } from '../core/quantity';
import { isDns1123Subdomain } from '../core/kubernetes';

/**
 * The six resource values the operator configures per role: each is a Kubernetes quantity
 * string such as `250m` or `128Mi`.
 */
export interface ResourceSettings {
  /** @default - falls back to the next level (role, then unified operator setting) */
  readonly cpuRequest?: string;
  /** @default - falls back to the next level */
  readonly memoryRequest?: string;
  /** @default - falls back to the next level */
  readonly ephemeralStorageRequest?: string;
  /** @default - falls back to the next level */
  readonly cpuLimit?: string;
  /** @default - falls back to the next level */
  readonly memoryLimit?: string;
  /** @default - falls back to the next level */
  readonly ephemeralStorageLimit?: string;
}

/** The Prometheus metrics exporter sidecar the operator adds to the master pod. */
export interface MetricsExporterSettings {
  /** @default 'containersol/locust_exporter:v0.5.0' */
  readonly image?: string;
  /** Port the exporter listens on; also the Service's `prometheus-metrics` port. @default 9646 */
  readonly port?: number;
  /** @default 'IfNotPresent' (the operator's Helm chart; its binary defaults to Always) */
  readonly pullPolicy?: string;
  /**
   * @default - requests 100m CPU, 64Mi memory, 30M ephemeral storage; limits 250m, 128Mi, 50M
   * (the operator's Helm chart)
   */
  readonly resources?: ResourceSettings;
}

/** The Kafka variables the operator injects into every Locust container. */
export interface KafkaSettings {
  /** @default 'localhost:9092' */
  readonly bootstrapServers?: string;
  /** @default false */
  readonly securityEnabled?: boolean;
  /** @default 'SASL_PLAINTEXT' */
  readonly securityProtocol?: string;
  /** @default 'SCRAM-SHA-512' */
  readonly saslMechanism?: string;
  /** @default '' */
  readonly saslJaasConfig?: string;
  /** Copied into every pod as a plain value, as the operator does. @default '' */
  readonly username?: string;
  /** Copied into every pod as a plain value, as the operator does. @default '' */
  readonly password?: string;
}

/**
 * The operator's own configuration (its environment variables) that shapes the objects it
 * builds. Every default is the operator's Helm chart default, the documented install.
 */
export interface OperatorConfig {
  /**
   * Unified resources for both Locust containers (`POD_*`).
   * @default - requests 250m CPU, 128Mi memory, 30M ephemeral storage; limits 1000m, 1024Mi, 50M
   */
  readonly podResources?: ResourceSettings;
  /** Master-only overrides, value by value (`MASTER_POD_*`). @default - none */
  readonly masterResources?: ResourceSettings;
  /** Worker-only overrides, value by value (`WORKER_POD_*`). @default - none */
  readonly workerResources?: ResourceSettings;
  /** @default - the operator's Helm chart exporter settings */
  readonly metricsExporter?: MetricsExporterSettings;
  /** @default - the operator's Kafka defaults */
  readonly kafka?: KafkaSettings;
  /** Copy `spec.scheduling.affinity` into the pods (`ENABLE_AFFINITY_CR_INJECTION`). @default true */
  readonly affinityInjection?: boolean;
  /** Copy `spec.scheduling.tolerations` into the pods (`ENABLE_TAINT_TOLERATIONS_CR_INJECTION`). @default true */
  readonly tolerationsInjection?: boolean;
  /** Runtime class for pods whose spec does not name one (`DEFAULT_RUNTIME_CLASS_NAME`). @default - none */
  readonly defaultRuntimeClassName?: string;
  /** `ttlSecondsAfterFinished` of both Jobs (`JOB_TTL_SECONDS_AFTER_FINISHED`). @default - unset: finished Jobs stay */
  readonly jobTtlSecondsAfterFinished?: number;
}

/** An operator configuration with every default applied. */
export interface ResolvedOperatorConfig {
  /** Resources of both Locust containers, all six values set. */
  readonly podResources: Required<ResourceSettings>;
  /** Master-only overrides; values left out come from `podResources`. */
  readonly masterResources: ResourceSettings;
  /** Worker-only overrides; values left out come from `podResources`. */
  readonly workerResources: ResourceSettings;
  /** The exporter sidecar, every setting filled. */
  readonly metricsExporter: Required<Omit<MetricsExporterSettings, 'resources'>> & {
    /** Resources of the exporter sidecar: the chart's values with the configured ones on top. */
    readonly resources: ResourceSettings;
  };
  /** The Kafka settings, every one filled; empty strings stay empty, as in the operator. */
  readonly kafka: Required<KafkaSettings>;
  /** Whether `spec.scheduling.affinity` reaches the pods. */
  readonly affinityInjection: boolean;
  /** Whether `spec.scheduling.tolerations` reach the pods. */
  readonly tolerationsInjection: boolean;
  /** Runtime class for pods whose spec names none. @default - none */
  readonly defaultRuntimeClassName?: string;
  /** `ttlSecondsAfterFinished` of both Jobs. @default - unset: finished Jobs stay */
  readonly jobTtlSecondsAfterFinished?: number;
}

/** The operator configuration of a default Helm install: what `resolveOperatorConfig({})` returns. */
export const DEFAULT_OPERATOR_CONFIG: ResolvedOperatorConfig = {
  podResources: {
    cpuRequest: '250m',
    memoryRequest: '128Mi',
    ephemeralStorageRequest: '30M',
    cpuLimit: '1000m',
    memoryLimit: '1024Mi',
    ephemeralStorageLimit: '50M',
  },
  masterResources: {},
  workerResources: {},
  metricsExporter: {
    image: 'containersol/locust_exporter:v0.5.0',
    port: 9646,
    pullPolicy: 'IfNotPresent',
    resources: {
      cpuRequest: '100m',
      memoryRequest: '64Mi',
      ephemeralStorageRequest: '30M',
      cpuLimit: '250m',
      memoryLimit: '128Mi',
      ephemeralStorageLimit: '50M',
    },
  },
  kafka: {
    bootstrapServers: 'localhost:9092',
    securityEnabled: false,
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanism: 'SCRAM-SHA-512',
    saslJaasConfig: '',
    username: '',
    password: '',
  },
  affinityInjection: true,
  tolerationsInjection: true,
};

/** Drops empty strings: the operator treats an empty setting as unset. */
function present<T extends object>(values: T | undefined): Partial<T> {
  const result: Partial<T> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value !== undefined && value !== '') (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

/** Applies the defaults; an empty string counts as unset, as in the operator. */
export function resolveOperatorConfig(config: OperatorConfig = {}): ResolvedOperatorConfig {
  const d = DEFAULT_OPERATOR_CONFIG;
  const exporter = present(config.metricsExporter);
  return {
    podResources: { ...d.podResources, ...present(config.podResources) },
    masterResources: present(config.masterResources),
    workerResources: present(config.workerResources),
    metricsExporter: {
      ...d.metricsExporter,
      ...exporter,
      resources: { ...d.metricsExporter.resources, ...present(config.metricsExporter?.resources) },
    },
    kafka: { ...d.kafka, ...present(config.kafka) },
    affinityInjection: config.affinityInjection ?? d.affinityInjection,
    tolerationsInjection: config.tolerationsInjection ?? d.tolerationsInjection,
    defaultRuntimeClassName: config.defaultRuntimeClassName || undefined,
    jobTtlSecondsAfterFinished: config.jobTtlSecondsAfterFinished,
  };
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/**
 * Checks an operator configuration the way the operator checks its own at startup, and a little
 * more: where the operator would silently fall back to a default, this refuses the value.
 */
export function validateOperatorConfig(config: OperatorConfig = {}, prefix = 'operatorConfig'): Problem[] {
  const problems: Problem[] = [];
  const checkResources = (values: ResourceSettings | undefined, path: string) => {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (value !== undefined && value !== '' && !isQuantity(value)) {
        problems.push({ path: `${path}.${key}`, message: 'is not a valid quantity', value, fix: 'use a Kubernetes quantity such as 250m, 1, 128Mi or 1Gi' });
      } else if (value !== undefined && value !== '') {
        const negative = negativeQuantityProblem(`${path}.${key}`, value);
        if (negative) problems.push(negative);
      }
    }
  };
  checkResources(config.podResources, `${prefix}.podResources`);
  checkResources(config.masterResources, `${prefix}.masterResources`);
  checkResources(config.workerResources, `${prefix}.workerResources`);
  checkResources(config.metricsExporter?.resources, `${prefix}.metricsExporter.resources`);

  const port = config.metricsExporter?.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    problems.push({ path: `${prefix}.metricsExporter.port`, message: 'must be a port number between 1 and 65535', value: port, fix: 'use the port the exporter listens on, e.g. 9646' });
  }
  const pullPolicy = config.metricsExporter?.pullPolicy;
  if (pullPolicy !== undefined && pullPolicy !== '' && !PULL_POLICIES.includes(pullPolicy)) {
    problems.push({ path: `${prefix}.metricsExporter.pullPolicy`, message: `must be one of ${PULL_POLICIES.join(', ')}`, value: pullPolicy, fix: 'use Always, IfNotPresent or Never' });
  }
  const runtimeClass = config.defaultRuntimeClassName;
  if (runtimeClass && !isDns1123Subdomain(runtimeClass)) {
    problems.push({ path: `${prefix}.defaultRuntimeClassName`, message: 'must be a DNS-1123 subdomain', value: runtimeClass, fix: 'use the name of a RuntimeClass, e.g. gvisor' });
  }
  const ttl = config.jobTtlSecondsAfterFinished;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647)) {
    problems.push({ path: `${prefix}.jobTtlSecondsAfterFinished`, message: 'must be a whole number of seconds, 0 or more', value: ttl, fix: 'use e.g. 3600, or leave it unset to keep finished Jobs' });
  }
  return problems;
}
