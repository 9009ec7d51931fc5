// The public API: the constructs, their props and enums, and what users pass in. What tools built
// on the library need beyond that (the checks, the plain JSON forms, the operator configuration's
// defaults, the verdict's wiring) is exported from `cdk8s-locust/tooling`; everything else stays
// inside its module, so that it can change without breaking users.

// The construct and how it is configured.
export { LocustTest, LocustTestProps, LocustTestObjectProps, STRICT_CONTEXT_KEY } from './construct/locust-test';
export { LocustTestOptions } from './construct/options';
export { LocustTestMetadata } from './construct/metadata';
export { RenderMode } from './gitops/operator-mode';
export { PodSecurity } from './pod/pod-security';
export { ArgoCdOptions, ArgoCdHook } from './gitops/argocd';
export { TestFiles, DirectoryOptions } from './test-files/test-files';
export { EnvSource, SecretMount } from './construct/references';
export { ConfigMapReference, SecretReference, VolumeReference } from './core/plus-objects';
export { DurationLike } from './core/duration';
export { MetricsMonitor, MonitorKind, MonitorOptions } from './service/monitoring';
export { Observability } from './construct/observability';
export { ObservabilityMode } from './pod/observability';

// The verdict: thresholds the master judges and the reports it keeps.
export { Thresholds, PercentileThreshold } from './verdict/thresholds';
export { ReportOptions } from './verdict/reports';

// The regression gate: the run a test is compared with, and how much worse it may be.
export { RegressionBaseline, RegressionOptions } from './verdict/regression-baseline';
export { RegressionLimits } from './verdict/regression-limits';

// The operator configuration the objects are built for.
export { OperatorConfig, ResourceSettings, MetricsExporterSettings, KafkaSettings } from './operator/operator-config';

// Problems and warnings, and how an app reports them.
export { Problem, LocustTestValidationError } from './core/problems';
export { Warning } from './checks/warnings';
export { synthOrReport } from './construct/synth';

// Grafana dashboards of both observability modes, as a ConfigMap for the Grafana sidecar.
export { GrafanaDashboards, GrafanaDashboardsProps } from './construct/grafana-dashboards';
export { DashboardMode } from './dashboards/panels';

// The spec, typed from the CRD.
export { LocustTestTypedSpec } from './spec/typed-spec';
export * as locust from '../imports/locust.io';
