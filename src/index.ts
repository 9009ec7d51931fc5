// The public API, named one by one: helper functions and constants the builders share stay
// inside their modules, so that they can change without breaking users.

// The construct and how it is configured.
export { LocustTest, LocustTestProps, LocustTestObjectProps } from './construct/locust-test';
export { LocustTestOptions, STRICT_ENV_VAR } from './construct/options';
export { LocustTestMetadata } from './construct/metadata';
export { RenderMode } from './gitops/operator-mode';
export { ArgoCdOptions, ArgoCdHook } from './gitops/argocd';
export { RUN_ID_ANNOTATION } from './gitops/run-id';
export { TestFiles, DirectoryOptions } from './gitops/test-files';
export { EnvSource, SecretMount } from './construct/references';
export { MetricsMonitor, MonitorKind, MonitorOptions } from './gitops/monitoring';
export { Observability, ObservabilityProps } from './construct/observability';
export { ObservabilityMode, ObservabilityPlan, ServicePortEntry, planObservability } from './pod/observability';
export { LocustJob, LocustCronJob } from './pod/job';
export { LocustRole, sanitizeName, roleObjectName } from './core/names';

// The verdict: thresholds the master judges, reports it keeps, requirements it installs.
export { Thresholds, PercentileThreshold, ThresholdsJson, PercentileThresholdJson, ResolvedThresholds } from './verdict/thresholds';
export { THRESHOLDS_ANNOTATION, parseThresholdsAnnotation } from './verdict/thresholds-annotation';
export { THRESHOLDS_ENV_VAR, BREACH_EXIT_CODE, verdictModuleFileName, verdictModuleSource } from './verdict/verdict-module';
export { VERDICT_MOUNT_PATH } from './verdict/verdict';
export { ReportOptions, REPORTS_MOUNT_PATH, reportFileBase } from './verdict/reports';
export { REQUIREMENTS_MOUNT_PATH } from './gitops/requirements';
export { RegressionBaseline, RegressionOptions, BASELINE_MOUNT_PATH } from './verdict/regression-baseline';
export { RegressionLimits, RegressionConfig, DEFAULT_REGRESSION_LIMITS } from './verdict/regression-limits';
export { compareWithBaseline, describeCheck } from './verdict/regression';
export {
  RunSummary,
  SummaryFigures,
  SummaryEndpoint,
  SummaryThreshold,
  SummaryRegression,
  RegressionCheck,
  RegressionMetric,
  readSummaryFile,
  SummaryRead,
  summarySchemaErrors,
  summarySchemaPath,
} from './verdict/summary';
export { SUMMARY_LOG_PREFIX } from './verdict/summary-python';

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
} from './operator/operator-config';
export {
  operatorConfigFromEnvironment,
  OperatorEnvironment,
  OperatorEnvironmentOptions,
  OPERATOR_ENVIRONMENT_VARIABLES,
} from './operator/operator-config-env';

// Validation, warnings and how they are reported.
export { Problem, formatProblem, formatValue, LocustTestValidationError } from './core/problems';
export { Warning, WarningOptions, warningsFor, formatWarning } from './checks/warnings';
export { validateLocustTest } from './checks/validation';
export { validateSpecAgainstCrd } from './spec/crd-validation';
export { synthOrReport } from './construct/synth';

// The plain JSON form of a spec, and the typed form generated from the CRD.
export { specJsonOf, LocustTestTypedSpec, WithQuantityStrings, QuantityClass } from './spec/typed-spec';
export {
  SpecJson,
  MasterSpecJson,
  WorkerSpecJson,
  RoleSpecJson,
  ResourcesJson,
  OpenTelemetryJson,
  VolumeMountJson,
  JsonObject,
} from './spec/spec';
export * as locust from '../imports/locust.io';
