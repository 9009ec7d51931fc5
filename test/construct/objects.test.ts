import { ApiObject, App, Chart, Cron, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { RenderContext, renderOperatorResource, renderWorkload } from '../../src/construct/objects';
import type { LocustTest } from '../../src/construct/locust-test';
import { ArgoCdHook } from '../../src/gitops/argocd';
import { MetricsMonitor } from '../../src/service/monitoring';
import { planObservability } from '../../src/pod/observability';
import { resolveOperatorConfig } from '../../src/operator/operator-config';
import { byName, find, Manifest } from '../util';
import { minimalSpecJson } from '../fixtures';

const WAVE = 'argocd.argoproj.io/sync-wave';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const HOOK = 'argocd.argoproj.io/hook';
const RUN_ID = 'cdk8s-locust/run-id';

/**
 * What the builders read of a LocustTest (its name, namespace, spec and operator configuration),
 * as a scope of its own: the real construct would already hold the objects under the same ids.
 */
function testScope(name = 'checkout', namespace: string | undefined = 'load'): LocustTest {
  const chart = new Chart(new App(), 'test');
  return Object.assign(new Construct(chart, name), {
    name,
    namespace,
    specJson: minimalSpecJson(),
    operatorConfig: resolveOperatorConfig(),
  }) as unknown as LocustTest;
}

/** The smallest context: exporter mode, no Argo CD, no schedule, no verdict. */
function context(overrides: Partial<RenderContext> = {}): RenderContext {
  const config = resolveOperatorConfig();
  return {
    observability: planObservability(undefined, config.metricsExporter),
    webUi: false,
    configMaps: [],
    volumeItems: {},
    verdict: {},
    restricted: false,
    ...overrides,
  };
}

/** Every object written under the scope, as JSON. */
function written(scope: Construct): Manifest[] {
  return scope.node.findAll().filter(ApiObject.isApiObject).map((object) => object.toJson() as Manifest);
}

const annotationsOf = (object: ApiObject) => object.toJson().metadata.annotations ?? {};

describe('renderWorkload', () => {
  test('writes the master Service and both Jobs, named after the test, in its namespace', () => {
    // GIVEN a test without a schedule
    const scope = testScope();

    // WHEN its workload is rendered
    const workload = renderWorkload(scope, context());

    // THEN there are the Service and two Jobs, no CronJob and no monitor
    expect(written(scope).map((object) => `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`)).toEqual([
      'Service/load/checkout-master', 'Job/load/checkout-master', 'Job/load/checkout-worker',
    ]);
    expect(workload.masterCronJob).toBeUndefined();
    expect(workload.workerCronJob).toBeUndefined();
    expect(workload.monitor).toBeUndefined();
    expect(workload.masterJob?.name).toBe('checkout-master');
    expect(workload.workerJob?.name).toBe('checkout-worker');
  });

  test('writes CronJobs on the schedule instead of Jobs when the test has one', () => {
    const scope = testScope();
    const workload = renderWorkload(scope, context({ schedule: Cron.daily() }));
    expect(workload.masterJob).toBeUndefined();
    expect(workload.workerJob).toBeUndefined();
    const objects = written(scope);
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(['Service/checkout-master', 'CronJob/checkout-master', 'CronJob/checkout-worker']);
    expect(find(objects, 'CronJob', 'checkout-master').spec.schedule).toBe('0 0 * * *');
  });

  test('puts the Service and the ConfigMaps in the earlier wave and the Jobs, replaceable, in the next', () => {
    // GIVEN a ConfigMap of test files and Argo CD options
    const scope = testScope();
    const files = new ApiObject(scope, 'Files', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-files' } });

    // WHEN the workload is rendered
    const workload = renderWorkload(scope, context({ argoCd: { syncWave: 2 }, configMaps: [files] }));

    // THEN the waves are 2 and 3, and only the Jobs take sync options
    expect(annotationsOf(workload.service)).toEqual({ [WAVE]: '2' });
    expect(annotationsOf(files)).toEqual({ [WAVE]: '2' });
    for (const job of [workload.masterJob!, workload.workerJob!]) {
      expect(annotationsOf(job)).toEqual({ [WAVE]: '3', [SYNC_OPTIONS]: 'Force=true,Replace=true' });
    }
  });

  test('makes both Jobs hooks when a hook is asked for, with no sync options', () => {
    const workload = renderWorkload(testScope(), context({ argoCd: { hook: ArgoCdHook.POST_SYNC } }));
    for (const job of [workload.masterJob!, workload.workerJob!]) {
      expect(annotationsOf(job)).toMatchObject({ [HOOK]: 'PostSync', [WAVE]: '1' });
      expect(annotationsOf(job)[SYNC_OPTIONS]).toBeUndefined();
    }
  });

  test('gives scheduled CronJobs the Jobs\' wave but no sync options, since their template changes in place', () => {
    const workload = renderWorkload(testScope(), context({ argoCd: {}, schedule: Cron.daily() }));
    for (const cronJob of [workload.masterCronJob!, workload.workerCronJob!]) {
      expect(annotationsOf(cronJob)).toEqual({ [WAVE]: '1' });
    }
    expect(annotationsOf(workload.service)).toEqual({ [WAVE]: '0' });
  });

  test('annotates nothing without Argo CD options', () => {
    const workload = renderWorkload(testScope(), context());
    for (const object of [workload.service, workload.masterJob!, workload.workerJob!]) expect(annotationsOf(object)).toEqual({});
  });

  test('labels the Service for a ServiceMonitor, and writes the monitor for the master', () => {
    // GIVEN a ServiceMonitor asked for
    const scope = testScope();

    // WHEN the workload is rendered
    const workload = renderWorkload(scope, context({ monitor: MetricsMonitor.serviceMonitor() }));

    // THEN the Service carries the label the monitor selects
    expect(workload.service.toJson().metadata.labels['cdk8s-locust/metrics-service']).toBe('checkout-master');
    expect(workload.monitor?.kind).toBe('ServiceMonitor');
    expect(workload.monitor?.toJson().metadata).toMatchObject({ name: 'checkout-master', namespace: 'load' });
  });

  test('writes a PodMonitor without labelling the Service', () => {
    const workload = renderWorkload(testScope(), context({ monitor: MetricsMonitor.podMonitor() }));
    expect(workload.monitor?.kind).toBe('PodMonitor');
    expect(workload.service.toJson().metadata.labels?.['cdk8s-locust/metrics-service']).toBeUndefined();
  });

  test('puts the pod labels on both pod templates', () => {
    const scope = testScope();
    renderWorkload(scope, context({ podLabels: { team: 'shop' } }));
    for (const name of ['checkout-master', 'checkout-worker']) {
      expect(find(written(scope), 'Job', name).spec.template.metadata.labels).toMatchObject({ team: 'shop' });
    }
  });

  test('adds the run id and the start delay to both Jobs', () => {
    // GIVEN a run id and a hook with a start delay
    const scope = testScope();

    // WHEN the workload is rendered
    renderWorkload(scope, context({ runId: 'r42', argoCd: { hook: ArgoCdHook.POST_SYNC, startDelay: Duration.seconds(30) } }));

    // THEN each pod starts with the delay and carries the run id
    for (const name of ['checkout-master', 'checkout-worker']) {
      const pod = find(written(scope), 'Job', name).spec.template.spec;
      expect(byName(pod.initContainers, 'start-delay').command).toEqual(['sleep', '30']);
      expect(find(written(scope), 'Job', name).spec.template.metadata.annotations).toMatchObject({ [RUN_ID]: 'r42' });
    }
  });

  test('hardens every container when restricted, the start delay included', () => {
    const scope = testScope();
    renderWorkload(scope, context({ restricted: true, argoCd: { hook: ArgoCdHook.SYNC, startDelay: '10s' } }));
    for (const name of ['checkout-master', 'checkout-worker']) {
      const pod = find(written(scope), 'Job', name).spec.template.spec;
      for (const container of [...pod.initContainers, ...pod.containers]) {
        expect({ container: container.name, allowPrivilegeEscalation: container.securityContext?.allowPrivilegeEscalation }).toEqual({ container: container.name, allowPrivilegeEscalation: false });
      }
    }
  });

  test('leaves the containers as the operator writes them when not restricted', () => {
    const scope = testScope();
    renderWorkload(scope, context());
    const pod = find(written(scope), 'Job', 'checkout-master').spec.template.spec;
    expect(byName(pod.containers, 'checkout-master').securityContext).toBeUndefined();
  });

  test('writes the verdict module\'s ConfigMap only when the master loads it, and puts it in the earlier wave', () => {
    // GIVEN a verdict whose module writes a summary
    const scope = testScope();

    // WHEN the workload is rendered under Argo CD
    renderWorkload(scope, context({ verdict: { summary: { testName: 'checkout' } }, argoCd: {} }));

    // THEN one ConfigMap holds the module, in wave 0, and the master mounts it
    const configMaps = written(scope).filter((object) => object.kind === 'ConfigMap');
    expect(configMaps).toHaveLength(1);
    expect(configMaps[0].metadata.annotations).toEqual({ [WAVE]: '0' });
    const master = find(written(scope), 'Job', 'checkout-master').spec.template.spec;
    expect(JSON.stringify(master.volumes)).toContain(configMaps[0].metadata.name);
  });

  test('writes no ConfigMap without a verdict', () => {
    const scope = testScope();
    renderWorkload(scope, context());
    expect(written(scope).filter((object) => object.kind === 'ConfigMap')).toEqual([]);
  });
});

describe('renderOperatorResource', () => {
  test('writes the LocustTest resource with the spec as given, and no workload', () => {
    const scope = testScope();
    const { resource, monitor } = renderOperatorResource(scope, context());
    expect(resource.toJson()).toMatchObject({ apiVersion: 'locust.io/v2', kind: 'LocustTest', metadata: { name: 'checkout', namespace: 'load' }, spec: minimalSpecJson() });
    expect(monitor).toBeUndefined();
    expect(written(scope).map((object) => object.kind)).toEqual(['LocustTest']);
  });

  test('puts the ConfigMaps in the earlier wave and the resource in the Jobs\' wave, with no sync options', () => {
    // GIVEN a ConfigMap the operator will mount
    const scope = testScope();
    const files = new ApiObject(scope, 'Files', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-files' } });

    // WHEN the resource is rendered under Argo CD at wave -1
    const { resource } = renderOperatorResource(scope, context({ argoCd: { syncWave: -1 }, configMaps: [files] }));

    // THEN the ConfigMap is applied first, so that the operator finds it
    expect(annotationsOf(files)).toEqual({ [WAVE]: '-1' });
    expect(annotationsOf(resource)).toEqual({ [WAVE]: '0' });
  });

  test('annotates nothing without Argo CD options, and writes the monitor when asked', () => {
    const { resource, monitor } = renderOperatorResource(testScope(), context({ monitor: MetricsMonitor.podMonitor() }));
    expect(annotationsOf(resource)).toEqual({});
    expect(monitor?.kind).toBe('PodMonitor');
  });
});
