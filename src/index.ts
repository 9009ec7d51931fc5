// The public API, named one by one: helper functions and constants the builders share stay
// inside their modules, so that they can change without breaking users.

// The construct and how it is configured.
export { LocustTest, LocustTestProps, LocustTestObjectProps } from './locust-test';
export { LocustTestOptions, STRICT_ENV_VAR } from './options';
export { RenderMode } from './operator-mode';
export { ArgoCdOptions } from './argocd';
export { RUN_ID_ANNOTATION } from './run-id';
export { TestFiles, DirectoryOptions } from './locustfiles';
export { EnvSource, SecretMount } from './references';
export { MetricsMonitor, MonitorKind, MonitorOptions } from './monitoring';
export { Observability, ObservabilityMode, ObservabilityProps, ServicePortEntry } from './observability';
export { LocustJob } from './job';
export { LocustRole, sanitizeName, nodeName } from './names';

// The operator configuration the objects are built for.
export {
  OperatorConfig,
  ResourceSettings,
  MetricsExporterSettings,
  KafkaSettings,
  ResolvedOperatorConfig,
  DEFAULT_OPERATOR_CONFIG,
  resolveOperatorConfig,
  validateOperatorConfig,
} from './operator-config';
export {
  operatorConfigFromEnvironment,
  OperatorEnvironment,
  OperatorEnvironmentOptions,
  OPERATOR_ENVIRONMENT_VARIABLES,
} from './operator-config-env';

// Validation, warnings and how they are reported.
export { Problem, formatProblem, formatValue, LocustTestValidationError } from './problems';
export { Warning, WarningOptions, warningsFor, formatWarning } from './warnings';
export { validateLocustTest } from './validation';
export { validateSpecAgainstCrd } from './crd-validation';
export { synthOrReport } from './synth';

// The plain JSON form of a spec, and the typed form generated from the CRD.
export {
  wireSpecOf,
  WireSpec,
  WireMaster,
  WireWorker,
  WireRole,
  WireResources,
  WireOpenTelemetry,
  WireVolumeMount,
  JsonObject,
} from './spec';
export * as locust from '../imports/locust.io';
