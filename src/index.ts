// The public API: the constructs, their props and enums, and what users pass in. The shapes of
// nested props (`metadata`, `secretMounts`, `regression.limits`, the operator's settings...) are
// written as object literals and need no name here; code that wants to name them finds them in
// `cdk8s-locust/tooling`, with what tools built on the library need (the checks, the plain JSON
// forms, the operator configuration's defaults, the verdict's wiring). Everything else stays
// inside its module, so that it can change without breaking users. test/public-api.test.ts lists
// these names: a new one is a decision, not an accident.

// The construct and how it is configured.
export { LocustTest, LocustTestProps, LocustTestObjectProps } from './construct/locust-test';
export { LocustTestOptions } from './construct/options';
export { RenderMode } from './gitops/operator-mode';
export { PodSecurity } from './pod/pod-security';
export { ArgoCdOptions, ArgoCdHook } from './gitops/argocd';
export { TestFiles } from './test-files/test-files';
export { EnvSource } from './construct/references';
export { MetricsMonitor, MonitorKind } from './service/monitoring';
export { Observability } from './construct/observability';
export { ObservabilityMode } from './pod/observability';

// The verdict: thresholds the master judges and the reports it keeps.
export { Thresholds } from './verdict/thresholds';
export { ReportOptions } from './verdict/reports';

// The regression gate: the run a test is compared with, and how much worse it may be.
export { RegressionBaseline, RegressionOptions } from './verdict/regression-baseline';

// The operator configuration the objects are built for.
export { OperatorConfig } from './operator/operator-config';

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
