// `cdk8s-locust/tooling`: for tools built on the library (a CI gate, an editor, another command
// line), the pieces the construct composes: its checks, the plain JSON forms, the operator
// configuration's defaults and environment, the names it writes and the verdict's wiring, and the
// names of nested props' shapes. An app needs none of it; `cdk8s-locust` is the API for apps.

// Checks, and the one-line form of what they find.
export { validateLocustTest } from './checks/validation';
export { validateSpecAgainstCrd } from './spec/crd-validation';
export { WarningOptions, warningsFor, formatWarning } from './checks/warnings';
export { formatProblem, formatValue } from './core/problems';

// The plain JSON form of a spec, and the typed form's conversion to it.
export { specJsonOf, WithYamlStrings, WithQuantityStrings, QuantityClass, ClosedSetEnum } from './spec/typed-spec';
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

// The operator configuration: defaults, checks, and an operator's environment.
export { ResolvedOperatorConfig, DEFAULT_OPERATOR_CONFIG, resolveOperatorConfig, validateOperatorConfig } from './operator/operator-config';
export {
  operatorConfigFromEnvironment,
  OperatorEnvironment,
  OperatorEnvironmentOptions,
  OPERATOR_ENVIRONMENT_VARIABLES,
} from './operator/operator-config-env';

// The observability decision as a plain value.
export { ObservabilityProps } from './construct/observability';
export { ObservabilityPlan, ServicePortEntry, planObservability } from './pod/observability';

// Names the objects carry.
export { LocustRole, sanitizeName, roleObjectName } from './core/names';
export { RUN_ID_ANNOTATION } from './gitops/run-id';
export { STRICT_ENV_VAR } from './construct/options';
export { STRICT_CONTEXT_KEY } from './construct/locust-test';

// The shapes of nested props, for code that names them; apps write them as object literals.
export { LocustTestMetadata } from './construct/metadata';
export { DirectoryOptions } from './test-files/test-files';
export { SecretMount } from './construct/references';
export { ConfigMapReference, SecretReference, VolumeReference } from './core/plus-objects';
export { DurationLike } from './core/duration';
export { MonitorOptions } from './service/monitoring';
export { PercentileThreshold } from './verdict/thresholds';
export { RegressionLimits } from './verdict/regression-limits';
export { ResourceSettings, MetricsExporterSettings, KafkaSettings } from './operator/operator-config';

// The verdict's wiring: the thresholds in numbers and their annotation, the module the master
// loads, the mount paths of reports and requirements.
export { ThresholdsJson, PercentileThresholdJson, ResolvedThresholds } from './verdict/thresholds';
export { THRESHOLDS_ANNOTATION, parseThresholdsAnnotation } from './verdict/thresholds-annotation';
export { THRESHOLDS_ENV_VAR, BREACH_EXIT_CODE, verdictModuleFileName, verdictModuleSource } from './verdict/verdict-module';
export { VERDICT_MOUNT_PATH } from './verdict/verdict';
export { REPORTS_MOUNT_PATH, reportFileBase } from './verdict/reports';
export { REQUIREMENTS_MOUNT_PATH } from './test-files/requirements';

// The dashboards' JSON, panels and the metric names they read, for another way of provisioning.
export { GRAFANA_DASHBOARD_LABEL, DASHBOARD_FILES } from './construct/grafana-dashboards';
export { locustDashboard, DashboardJson, DASHBOARD_UIDS } from './dashboards/dashboard';
export { PanelSpec, PanelQuery, panelsOf } from './dashboards/panels';
export { OTEL_METRICS, EXPORTER_METRICS } from './dashboards/metrics';

// Run summaries and the regression gate: the summary's form, schema and reader, and the rules
// that compare two runs (those of `cdk8s-locust compare` and of the master's gate).
export {
  RunSummary,
  SummaryFigures,
  SummaryEndpoint,
  SummaryThreshold,
  SummaryRegression,
  RegressionCheck,
  RegressionMetric,
  SummaryRead,
  readSummaryFile,
  summarySchemaErrors,
  summarySchemaPath,
} from './verdict/summary';
export { SUMMARY_LOG_PREFIX } from './verdict/summary-python';
export { RegressionConfig, DEFAULT_REGRESSION_LIMITS } from './verdict/regression-limits';
export { compareWithBaseline, describeCheck } from './verdict/regression';
export { BASELINE_MOUNT_PATH } from './verdict/regression-baseline';
