import { Cron } from 'cdk8s';
import { ArgoCdOptions } from '../gitops/argocd';
import { TestFiles } from '../test-files/test-files';
import { MetricsMonitor } from '../service/monitoring';
import { RenderMode } from '../gitops/operator-mode';
import { EnvSource, SecretMount } from './references';
import { LocustTestMetadata } from './metadata';
import { RegressionOptions } from '../verdict/regression-baseline';
import { ReportOptions } from '../verdict/reports';
import { PodSecurity } from '../pod/pod-security';
import { Thresholds } from '../verdict/thresholds';

/** Environment variable that turns on strict mode (`1`) where no context value `cdk8s-locust:strict` is set. */
export const STRICT_ENV_VAR = 'CDK8S_LOCUST_STRICT';

/** How a LocustTest is rendered and composed; shared by the typed props and `fromObject`. */
export interface LocustTestOptions {
  /**
   * Labels and annotations for every object the test writes, e.g. cost-allocation labels; the
   * labels also go on the pod templates.
   * @default - only what the library and the operator write
   */
  readonly metadata?: LocustTestMetadata;

  /**
   * Write the workload (Service and Jobs), or the LocustTest custom resource for the operator.
   * @default RenderMode.WORKLOAD
   */
  readonly mode?: RenderMode;

  /**
   * Lay the objects out for Argo CD: Jobs replaced with `Force=true,Replace=true`, and sync
   * waves that apply the Service and ConfigMaps before both Jobs. `{}` turns it on with wave 0.
   * @default - no Argo CD annotations
   */
  readonly argoCd?: ArgoCdOptions;

  /**
   * An id of this run, written as the `cdk8s-locust/run-id` annotation on both Jobs' pod
   * templates only. Changing it changes nothing but the Jobs, which Argo CD (with `argoCd`) then
   * replaces: the way to run the same test again from Git.
   * @default - no run id
   */
  readonly runId?: string;

  /**
   * Run the test on a schedule: the master and the worker become two CronJobs with this schedule
   * (`concurrencyPolicy: Forbid`, a 300 s starting deadline, 3 successful and 1 failed runs kept),
   * each creating the Job the test would otherwise be; the master Service stays. The master then
   * waits at most 600 s for its workers (`--expect-workers-max-wait=600`). Not with `argoCd.hook`
   * nor `runId`. Times are in the time zone of the cluster's controller manager.
   * @default - no schedule: the Jobs run once
   */
  readonly schedule?: Cron;

  /**
   * Where the locustfiles come from; fills `spec.testFiles.configMapRef` and `libConfigMapRef`,
   * which must then be left unset in the spec.
   * @default - the spec's own `testFiles`
   */
  readonly testFiles?: TestFiles;

  /**
   * ConfigMaps and Secrets whose keys become environment variables, appended to
   * `spec.env.configMapRefs` / `secretRefs`.
   * @default - none beyond the spec's
   */
  readonly envFrom?: EnvSource[];

  /** Secrets mounted as files, appended to `spec.env.secretMounts`. @default - none beyond the spec's */
  readonly secretMounts?: SecretMount[];

  /**
   * Expose Locust's web UI port 8089 (named `web-ui`) as the last port of the master Service. The
   * operator's Service has no such port: this is an opt-in difference.
   * @default false
   */
  readonly webUi?: boolean;

  /**
   * A Prometheus Operator object scraping the metrics-exporter sidecar; only with OpenTelemetry off.
   * @default - no monitor object
   */
  readonly monitor?: MetricsMonitor;

  /**
   * Pass/fail limits the master judges over the whole run when the test ends: on a breach it logs
   * `threshold breached: ...` and exits 1, so the master Job fails (Argo CD: Degraded); when all
   * hold it exits 0 (Healthy), even if some requests failed within `maxFailRatio`. A generated
   * module, in a ConfigMap of its own, is loaded before the master's locustfile.
   * @default - Locust's own verdict: the master exits 1 when any request failed
   */
  readonly thresholds?: Thresholds;

  /**
   * Keep Locust's HTML report and CSV stats on a volume: the master writes
   * `<name>[-<runId>].html` and `<name>[-<runId>]_stats.csv` (and the other CSV files) to the
   * volume, mounted at `/opt/cdk8s-locust/reports`, and the run's summary as
   * `<name>[-<runId>].summary.json`.
   * @default - no report is written
   */
  readonly reports?: ReportOptions;

  /**
   * Compare each run with a baseline summary and fail it on a regression: the master logs
   * `regression: <metric> of <endpoint> ...` per breach and exits 1. With no baseline yet (the
   * first run with `RegressionBaseline.fromReports()`) the gate passes and says so.
   * @default - no comparison with earlier runs
   */
  readonly regression?: RegressionOptions;

  /**
   * The Pod Security Standards profile the pods are written for. `PodSecurity.RESTRICTED` hardens
   * every container and init container of both Jobs (non-root uid 1000, no privilege escalation,
   * every capability dropped, the runtime's seccomp profile), leaves the service-account token
   * unmounted and binds the web UI to 127.0.0.1 unless `webUi` exposes it: for namespaces that
   * enforce the restricted profile. Not in operator mode, where the operator writes the pods.
   * @default PodSecurity.BASELINE - the operator's pods
   */
  readonly podSecurity?: PodSecurity;

  /**
   * Turn every warning into a validation error, for CI. Warnings are otherwise printed at synth.
   * @default - the context value `cdk8s-locust:strict` (`app.node.setContext('cdk8s-locust:strict', true)`);
   * without it, true when the environment variable CDK8S_LOCUST_STRICT is `1`, else false
   */
  readonly strict?: boolean;
}
