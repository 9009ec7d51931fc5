import { OperatorConfig, validateOperatorConfig } from './operator-config';
import { Problem } from '../core/problems';
import { didYouMean } from '../core/suggest';

/** How the operator reads one environment variable. */
type Kind = 'quantity' | 'boolean' | 'integer' | 'string';

interface Setting {
  readonly kind: Kind;
  /** Where the value goes in `OperatorConfig`, e.g. `['podResources', 'cpuRequest']`. */
  readonly path: readonly string[];
}

const RESOURCE_VARS: Record<string, string> = {
  CPU_REQUEST: 'cpuRequest',
  MEM_REQUEST: 'memoryRequest',
  EPHEMERAL_REQUEST: 'ephemeralStorageRequest',
  CPU_LIMIT: 'cpuLimit',
  MEM_LIMIT: 'memoryLimit',
  EPHEMERAL_LIMIT: 'ephemeralStorageLimit',
};

function resourceSettings(prefix: string, path: readonly string[]): Record<string, Setting> {
  const settings: Record<string, Setting> = {};
  for (const [suffix, key] of Object.entries(RESOURCE_VARS)) {
    settings[`${prefix}${suffix}`] = { kind: 'quantity', path: [...path, key] };
  }
  return settings;
}

/** Every environment variable of the operator that shapes the objects it builds, and where it lands. */
const SETTINGS: Record<string, Setting> = {
  ...resourceSettings('POD_', ['podResources']),
  ...resourceSettings('MASTER_POD_', ['masterResources']),
  ...resourceSettings('WORKER_POD_', ['workerResources']),
  ...resourceSettings('METRICS_EXPORTER_', ['metricsExporter', 'resources']),
  METRICS_EXPORTER_IMAGE: { kind: 'string', path: ['metricsExporter', 'image'] },
  METRICS_EXPORTER_PORT: { kind: 'integer', path: ['metricsExporter', 'port'] },
  METRICS_EXPORTER_IMAGE_PULL_POLICY: { kind: 'string', path: ['metricsExporter', 'pullPolicy'] },
  KAFKA_BOOTSTRAP_SERVERS: { kind: 'string', path: ['kafka', 'bootstrapServers'] },
  KAFKA_SECURITY_ENABLED: { kind: 'boolean', path: ['kafka', 'securityEnabled'] },
  KAFKA_SECURITY_PROTOCOL_CONFIG: { kind: 'string', path: ['kafka', 'securityProtocol'] },
  KAFKA_SASL_MECHANISM: { kind: 'string', path: ['kafka', 'saslMechanism'] },
  KAFKA_SASL_JAAS_CONFIG: { kind: 'string', path: ['kafka', 'saslJaasConfig'] },
  KAFKA_USERNAME: { kind: 'string', path: ['kafka', 'username'] },
  KAFKA_PASSWORD: { kind: 'string', path: ['kafka', 'password'] },
  ENABLE_AFFINITY_CR_INJECTION: { kind: 'boolean', path: ['affinityInjection'] },
  ENABLE_TAINT_TOLERATIONS_CR_INJECTION: { kind: 'boolean', path: ['tolerationsInjection'] },
  DEFAULT_RUNTIME_CLASS_NAME: { kind: 'string', path: ['defaultRuntimeClassName'] },
  JOB_TTL_SECONDS_AFTER_FINISHED: { kind: 'integer', path: ['jobTtlSecondsAfterFinished'] },
};

/** The operator's environment variable names this library understands, sorted. */
export const OPERATOR_ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(SETTINGS).sort();

// Go's strconv.ParseBool, which the operator uses for its flags.
const TRUE_SPELLINGS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_SPELLINGS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
const INT32_MAX = 2147483647;

type Parsed = { readonly value: unknown } | { readonly problem: Omit<Problem, 'path'> };

function parseBoolean(raw: unknown): Parsed {
  if (typeof raw === 'boolean') return { value: raw };
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text === 'string' && TRUE_SPELLINGS.includes(text)) return { value: true };
  if (typeof text === 'string' && FALSE_SPELLINGS.includes(text)) return { value: false };
  return { problem: { message: 'is not a boolean', value: raw, fix: `use true or false (the operator also reads ${[...TRUE_SPELLINGS, ...FALSE_SPELLINGS].join(', ')})` } };
}

function parseInteger(raw: unknown): Parsed {
  // The operator parses base-10 int32 with strconv.Atoi: an optional sign, digits only.
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text === 'string' && /^[+-]?[0-9]+$/.test(text)) {
    const value = Number(text);
    if (Math.abs(value) <= INT32_MAX) return { value };
  }
  return { problem: { message: 'is not a whole number', value: raw, fix: 'use a base-10 integer such as 9646 or 3600' } };
}

function parseString(raw: unknown, kind: 'quantity' | 'string'): Parsed {
  // An environment variable is always text; a YAML number such as `1` or `8080` means its digits.
  if (typeof raw === 'string') return { value: raw };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: String(raw) };
  return kind === 'quantity'
    ? { problem: { message: 'is not a quantity', value: raw, fix: 'use a Kubernetes quantity such as 250m, 1, 128Mi or 1Gi' } }
    : { problem: { message: 'is not a string', value: raw, fix: 'write the value as text, quoted if needed' } };
}

function parse(kind: Kind, raw: unknown): Parsed {
  switch (kind) {
    case 'boolean': return parseBoolean(raw);
    case 'integer': return parseInteger(raw);
    default: return parseString(raw, kind);
  }
}

function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] = node[key] ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Options of `operatorConfigFromEnvironment`. */
export interface OperatorEnvironmentOptions {
  /**
   * Skip names that are not operator settings instead of reporting them, e.g. to read
   * `process.env` as a whole.
   * @default false
   */
  readonly ignoreUnknownNames?: boolean;
}

/** An operator configuration read from environment variables, and what was wrong with them. */
export interface OperatorEnvironment {
  /** The settings that were read; meaningful only when `problems` is empty. */
  readonly config: OperatorConfig;
  /** One problem per unknown name or invalid value, the path being the variable's name; empty when valid. */
  readonly problems: readonly Problem[];
}

/**
 * Builds an `OperatorConfig` from the operator's environment variable names and values
 * (`POD_CPU_REQUEST`, `ENABLE_AFFINITY_CR_INJECTION`, ...), read as the operator reads them:
 * an empty value (or null) means unset, booleans take Go's `strconv.ParseBool` spellings,
 * integers are base 10. Unlike the operator, which falls back to a default with a warning,
 * an invalid value is a problem. Names that are absent keep the library's defaults.
 */
export function operatorConfigFromEnvironment(variables: unknown, options: OperatorEnvironmentOptions = {}): OperatorEnvironment {
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
    const problem = { path: 'operator configuration', message: 'must be a mapping of environment variable names to values', value: variables, fix: 'write one NAME: value per line, e.g. POD_CPU_REQUEST: 500m' };
    return { config: {}, problems: [problem] };
  }
  const config: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const name of Object.keys(variables).sort()) {
    const raw = (variables as Record<string, unknown>)[name];
    const setting = Object.prototype.hasOwnProperty.call(SETTINGS, name) ? SETTINGS[name] : undefined;
    if (!setting) {
      if (!options.ignoreUnknownNames) {
        const near = didYouMean(name, OPERATOR_ENVIRONMENT_VARIABLES);
        problems.push({ path: name, message: 'is not an operator setting this library knows', fix: near === '' ? `use one of ${OPERATOR_ENVIRONMENT_VARIABLES.join(', ')}` : `${near}rename it` });
      }
      continue;
    }
    if (raw === '' || raw === null || raw === undefined) continue;
    const parsed = parse(setting.kind, raw);
    if ('problem' in parsed) problems.push({ path: name, ...parsed.problem });
    else assign(config, setting.path, parsed.value);
  }
  problems.push(...validateOperatorConfig(config, 'operatorConfig').map((problem) => ({ ...problem, path: environmentNameOf(problem.path) })));
  return { config: config as OperatorConfig, problems };
}

/** `operatorConfig.metricsExporter.port` -> `METRICS_EXPORTER_PORT`, so that messages name what the user wrote. */
function environmentNameOf(configPath: string): string {
  const found = Object.entries(SETTINGS).find(([, setting]) => `operatorConfig.${setting.path.join('.')}` === configPath);
  return found ? found[0] : configPath;
}
