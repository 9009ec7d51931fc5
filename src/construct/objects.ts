import { ApiObject, Cron } from 'cdk8s';
import { KubeCronJob, KubeJob, KubeService } from '../../imports/k8s';
import { annotateHookJob, annotateJob, annotateResource, ArgoCdOptions, SYNC_WAVE_ANNOTATION, syncWaves, withStartDelay } from '../gitops/argocd';
import { createCronJob, createJob } from './jobs';
import { createService } from '../service/service';
import type { LocustTest } from './locust-test';
import { createMonitor, MetricsMonitor, MonitorKind, SERVICE_MONITOR_LABEL } from '../service/monitoring';
import { LocustRole, roleObjectName } from '../core/names';
import { ObservabilityPlan } from '../pod/observability';
import { createLocustTestResource } from '../gitops/operator-mode';
import { JsonObject } from '../spec/spec';
import { withRunId } from '../gitops/run-id';
import { cronJobSpec, EXPECT_WORKERS_MAX_WAIT_SECONDS } from '../gitops/schedule';
import { withVolumeItems } from '../test-files/test-files';
import { buildWorkload } from '../pod/workload';
import { createBaselineConfigMap, createVerdictConfigMap, ResolvedVerdict, withVerdict } from '../verdict/verdict';
import { withRequirements } from '../test-files/requirements';
import { withRestrictedPodSecurity } from '../pod/pod-security';

/** What the construct renders beyond the spec, resolved and validated. */
export interface RenderContext {
  /** The observability decision, with what it adds to the pods and the Service. */
  readonly observability: ObservabilityPlan;
  readonly argoCd?: ArgoCdOptions;
  readonly runId?: string;
  readonly schedule?: Cron;
  readonly webUi: boolean;
  readonly monitor?: MetricsMonitor;
  /** ConfigMaps emitted from the repository, annotated for Argo CD with the Service. */
  readonly configMaps: readonly ApiObject[];
  readonly volumeItems: Record<string, JsonObject[]>;
  /** Labels of the pod templates beyond the operator's (`metadata.labels`). */
  readonly podLabels?: Record<string, string>;
  /** Thresholds and reports of the master, checked. */
  readonly verdict: ResolvedVerdict;
  /** Path of the requirements file inside the locustfile directory, when one is installed. */
  readonly requirementsFile?: string;
  /** Whether the pods are hardened for the restricted Pod Security Standard. */
  readonly restricted: boolean;
}

/** The objects of workload mode: the Service, and the Jobs or (with a schedule) the CronJobs. */
export interface RenderedWorkload {
  readonly service: KubeService;
  readonly masterJob?: KubeJob;
  readonly workerJob?: KubeJob;
  readonly masterCronJob?: KubeCronJob;
  readonly workerCronJob?: KubeCronJob;
  readonly monitor?: ApiObject;
}

/** Writes the Service, both Jobs (or CronJobs) and the optional monitor, in the operator's order. */
export function renderWorkload(test: LocustTest, ctx: RenderContext): RenderedWorkload {
  const specs = buildWorkload({
    name: test.name,
    spec: test.specJson,
    config: test.operatorConfig,
    observability: ctx.observability,
    expectWorkersMaxWait: ctx.schedule === undefined ? undefined : EXPECT_WORKERS_MAX_WAIT_SECONDS,
    podLabels: ctx.podLabels,
  });
  const master = roleObjectName(test.name, LocustRole.MASTER);
  const worker = roleObjectName(test.name, LocustRole.WORKER);
  const verdictConfigMap = ctx.verdict.summary === undefined ? undefined : createVerdictConfigMap(test, test.name, test.namespace);
  const baselineFile = ctx.verdict.regression?.baselineFile;
  const baselineConfigMap = baselineFile === undefined ? undefined : createBaselineConfigMap(test, test.name, test.namespace, baselineFile);
  const jobSpec = (spec: JsonObject, role: LocustRole) => {
    let result = withVolumeItems(spec, ctx.volumeItems);
    if (ctx.requirementsFile !== undefined) result = withRequirements(result, test.name, test.specJson, role, ctx.requirementsFile);
    if (role === LocustRole.MASTER) result = withVerdict(result, master, ctx.verdict, { module: verdictConfigMap?.name, baseline: baselineConfigMap?.name });
    if (ctx.runId !== undefined) result = withRunId(result, ctx.runId);
    if (ctx.argoCd?.startDelay !== undefined) result = withStartDelay(result, ctx.argoCd.startDelay);
    // Last, so that every container the steps above added is hardened too.
    if (ctx.restricted) result = withRestrictedPodSecurity(result, { webUiContainer: role === LocustRole.MASTER && !ctx.webUi ? master : undefined });
    return result;
  };
  const service = createService(test, 'MasterService', { name: test.name, namespace: test.namespace, observability: ctx.observability, webUi: ctx.webUi });
  if (ctx.monitor?.kind === MonitorKind.SERVICE_MONITOR) service.metadata.addLabel(SERVICE_MONITOR_LABEL, master);
  const waves = ctx.argoCd ? syncWaves(ctx.argoCd) : undefined;
  if (waves) [service, ...ctx.configMaps, ...[verdictConfigMap, baselineConfigMap].filter((object) => object !== undefined)].forEach((object) => annotateResource(object, waves));

  if (ctx.schedule !== undefined) {
    const schedule = ctx.schedule;
    const masterCronJob = createCronJob(test, 'MasterCronJob', master, test.namespace, cronJobSpec(schedule, jobSpec(specs.masterJobSpec, LocustRole.MASTER)));
    const workerCronJob = createCronJob(test, 'WorkerCronJob', worker, test.namespace, cronJobSpec(schedule, jobSpec(specs.workerJobSpec, LocustRole.WORKER)));
    // A CronJob's job template can change in place (only later runs see it): no sync options.
    if (waves) [masterCronJob, workerCronJob].forEach((cronJob) => cronJob.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, waves.jobs));
    return { service, masterCronJob, workerCronJob, monitor: monitorOf(test, ctx) };
  }
  const masterJob = createJob(test, 'MasterJob', master, test.namespace, jobSpec(specs.masterJobSpec, LocustRole.MASTER));
  const workerJob = createJob(test, 'WorkerJob', worker, test.namespace, jobSpec(specs.workerJobSpec, LocustRole.WORKER));
  if (waves) {
    const hook = ctx.argoCd?.hook;
    [masterJob, workerJob].forEach((job) => (hook === undefined ? annotateJob(job, waves) : annotateHookJob(job, waves, hook)));
  }
  return { service, masterJob, workerJob, monitor: monitorOf(test, ctx) };
}

/**
 * Writes the LocustTest custom resource (and the optional PodMonitor). Under Argo CD the
 * ConfigMaps go in the earlier wave so that the operator finds them; the resource takes the Jobs'
 * wave and no sync options, since the operator, not Argo CD, creates the Jobs.
 */
export function renderOperatorResource(test: LocustTest, ctx: RenderContext): { resource: ApiObject; monitor?: ApiObject } {
  const resource = createLocustTestResource(test, 'Resource', test.name, test.namespace, test.specJson);
  const monitor = monitorOf(test, ctx);
  if (ctx.argoCd) {
    const waves = syncWaves(ctx.argoCd);
    ctx.configMaps.forEach((object) => annotateResource(object, waves));
    resource.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, waves.jobs);
  }
  return { resource, monitor };
}

/** The PodMonitor or ServiceMonitor scraping the exporter sidecar, when one was asked for. */
function monitorOf(test: LocustTest, ctx: RenderContext): ApiObject | undefined {
  if (!ctx.monitor) return undefined;
  return createMonitor(test, 'Monitor', ctx.monitor, {
    masterName: roleObjectName(test.name, LocustRole.MASTER),
    namespace: test.namespace,
    exporterPort: test.operatorConfig.metricsExporter.port,
    servicePortName: ctx.observability.servicePorts[0].name,
  });
}
