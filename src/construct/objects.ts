import { ApiObject } from 'cdk8s';
import { KubeService } from '../../imports/k8s';
import { annotateJob, annotateResource, ArgoCdOptions, SYNC_WAVE_ANNOTATION, syncWaves } from '../gitops/argocd';
import { createJob, createService, LocustJob } from '../pod/job';
import type { LocustTest } from './locust-test';
import { createMonitor, MetricsMonitor, MonitorKind, SERVICE_MONITOR_LABEL } from '../gitops/monitoring';
import { LocustRole, roleObjectName } from '../core/names';
import { ObservabilityPlan } from '../pod/observability';
import { createLocustTestResource } from '../gitops/operator-mode';
import { JsonObject } from '../spec/spec';
import { withRunId } from '../gitops/run-id';
import { withVolumeItems } from '../gitops/test-files';
import { withWebUiPort } from '../gitops/web-ui';
import { buildWorkload } from '../pod/workload';
import { createVerdictConfigMap, ResolvedVerdict, withVerdict } from '../verdict/verdict';
import { withRequirements } from '../gitops/requirements';

/** What the construct renders beyond the spec, resolved and validated. */
export interface RenderContext {
  /** The observability decision, with what it adds to the pods and the Service. */
  readonly observability: ObservabilityPlan;
  readonly argoCd?: ArgoCdOptions;
  readonly runId?: string;
  readonly webUi: boolean;
  readonly monitor?: MetricsMonitor;
  /** ConfigMaps emitted from the repository, annotated for Argo CD with the Service. */
  readonly configMaps: readonly ApiObject[];
  readonly volumeItems: Record<string, JsonObject[]>;
  /** Thresholds and reports of the master, checked. */
  readonly verdict: ResolvedVerdict;
  /** Path of the requirements file inside the locustfile directory, when one is installed. */
  readonly requirementsFile?: string;
}

/** The objects of workload mode. */
export interface RenderedWorkload {
  readonly service: KubeService;
  readonly masterJob: LocustJob;
  readonly workerJob: LocustJob;
  readonly monitor?: ApiObject;
}

/** Writes the Service, both Jobs and the optional monitor, in the operator's order. */
export function renderWorkload(test: LocustTest, ctx: RenderContext): RenderedWorkload {
  const specs = buildWorkload({ name: test.name, spec: test.specJson, config: test.operatorConfig, observability: ctx.observability });
  const master = roleObjectName(test.name, LocustRole.MASTER);
  const verdictConfigMap = ctx.verdict.thresholds === undefined ? undefined : createVerdictConfigMap(test, test.name, test.namespace);
  const jobSpec = (spec: JsonObject, role: LocustRole) => {
    let edited = withVolumeItems(spec, ctx.volumeItems);
    if (ctx.requirementsFile !== undefined) edited = withRequirements(edited, test.name, test.specJson, role, ctx.requirementsFile);
    if (role === LocustRole.MASTER) edited = withVerdict(edited, master, ctx.verdict, verdictConfigMap?.name);
    return ctx.runId === undefined ? edited : withRunId(edited, ctx.runId);
  };
  const serviceSpec = ctx.webUi ? withWebUiPort(specs.serviceSpec) : specs.serviceSpec;
  const service = createService(test, 'MasterService', master, test.namespace, serviceSpec);
  const masterJob = createJob(test, 'MasterJob', master, test.namespace, jobSpec(specs.masterJobSpec, LocustRole.MASTER));
  const workerJob = createJob(test, 'WorkerJob', roleObjectName(test.name, LocustRole.WORKER), test.namespace, jobSpec(specs.workerJobSpec, LocustRole.WORKER));
  if (ctx.monitor?.kind === MonitorKind.SERVICE_MONITOR) service.metadata.addLabel(SERVICE_MONITOR_LABEL, master);
  const monitor = monitorOf(test, ctx);
  if (ctx.argoCd) {
    const waves = syncWaves(ctx.argoCd);
    [service, ...ctx.configMaps, ...(verdictConfigMap ? [verdictConfigMap] : [])].forEach((object) => annotateResource(object, waves));
    [masterJob, workerJob].forEach((job) => annotateJob(job, waves));
  }
  return { service, masterJob, workerJob, monitor };
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
