import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeService } from '../../imports/k8s';
import { validateArgoCdOptions } from '../gitops/argocd';
import { LocustCronJob, LocustJob } from '../pod/job';
import { MonitorKind } from '../gitops/monitoring';
import { Observability } from './observability';
import { ObservabilityMode } from '../pod/observability';
import { AppChecks } from './app-checks';
import { applyMetadata, validateMetadata } from './metadata';
import { OperatorConfig, ResolvedOperatorConfig, resolveOperatorConfig, validateOperatorConfig } from '../operator/operator-config';
import { operatorModeProblems, RenderMode } from '../gitops/operator-mode';
import { LocustTestOptions, STRICT_ENV_VAR } from './options';
import { formatProblem, LocustTestValidationError, Problem } from '../core/problems';
import { withReferences } from './references';
import { renderOperatorResource, renderWorkload, RenderedWorkload } from './objects';
import { validateRunId } from '../gitops/run-id';
import { validateSchedule } from '../gitops/schedule';
import { isJsonObject, plainCopy, SpecJson } from '../spec/spec';
import { LocustTestTypedSpec, specJsonOf } from '../spec/typed-spec';
import { withTestFiles } from '../gitops/test-files-spec';
import { validateLocustTest } from '../checks/validation';
import { strictProblem, Warning, warningsFor } from '../checks/warnings';
import { resolveVerdict, ResolvedVerdict } from '../verdict/verdict';
import { pythonPathProblems } from '../gitops/requirements';

/** Props of a LocustTest written in TypeScript: the spec typed as the classes generated from the CRD. */
export interface LocustTestProps extends LocustTestOptions {
  /**
   * `metadata.name` of the LocustTest. The objects are named `<name>-master` and
   * `<name>-worker` (dots become dashes), never hashed.
   */
  readonly name: string;

  /** Namespace of the generated objects. @default - the chart's namespace, or none */
  readonly namespace?: string;

  /**
   * The LocustTest spec, exactly as in a `locust.io/v2` LocustTest custom resource, typed from
   * the CRD; quantities may be strings (`cpu: '500m'`). A key the CRD does not know is a
   * problem, as in `fromObject`, even in a spec held in a variable.
   */
  readonly spec: LocustTestTypedSpec;

  /**
   * The operator configuration the objects are built for, as an operator install would set
   * it through its environment.
   * @default - the operator's Helm chart defaults
   */
  readonly operatorConfig?: OperatorConfig;
}

/** Props of `LocustTest.fromObject`: the spec as plain JSON, e.g. parsed from a LocustTest YAML. */
export interface LocustTestObjectProps extends LocustTestOptions {
  /** `metadata.name` of the LocustTest. */
  readonly name: string;
  /** Namespace of the generated objects. @default - the chart's namespace, or none */
  readonly namespace?: string;
  /** The spec as plain JSON, in the field names of the custom resource; validated like any other. */
  readonly spec: unknown;
  /** @default - the operator's Helm chart defaults */
  readonly operatorConfig?: OperatorConfig;
}

const SPEC_JSON = Symbol('cdk8s-locust.specJson');

/**
 * A distributed Locust load test: the master Service, master Job and worker Job that the
 * Locust Kubernetes operator v2 creates for a LocustTest, written without the operator.
 *
 * The spec is validated when the app is synthesized (the schema of the LocustTest CRD, the
 * operator's webhook rules, and what the API server would refuse); any problem stops the
 * synthesis with one line per problem and nothing is written.
 */
export class LocustTest extends Construct {
  /** `metadata.name` of the test. */
  public readonly name: string;
  /** Namespace of the generated objects, if any. */
  public readonly namespace?: string;
  /** The spec in its plain JSON form, as a LocustTest custom resource carries it. */
  public readonly specJson: SpecJson;
  /** The operator configuration with every default applied. */
  public readonly operatorConfig: ResolvedOperatorConfig;
  /** Everything wrong with the props; empty for a test that synthesizes. */
  public readonly problems: readonly Problem[];
  /**
   * Traps the test falls into although it synthesizes; none for a test with problems. Printed once
   * at synth by the app's one reporter, or validation errors in strict mode; the command line
   * prints them too.
   */
  public readonly warnings: readonly Warning[];
  /** What the construct writes. */
  public readonly mode: RenderMode;
  /** Whether warnings fail the synthesis. */
  public readonly strict: boolean;

  private readonly rendered?: {
    readonly observability: Observability;
    readonly workload?: RenderedWorkload;
    readonly resource?: ApiObject;
    readonly monitor?: ApiObject;
  };

  /**
   * A LocustTest from a spec in plain JSON, exactly as a `locust.io/v2` LocustTest custom resource
   * holds it (for example parsed from YAML). The command line renders files this way.
   */
  public static fromObject(scope: Construct, id: string, props: LocustTestObjectProps): LocustTest {
    const typedProps = { ...props, spec: {} as LocustTestTypedSpec, [SPEC_JSON]: plainCopy(props.spec ?? null) };
    return new LocustTest(scope, id, typedProps);
  }

  constructor(scope: Construct, id: string, props: LocustTestProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.mode = props.mode ?? RenderMode.WORKLOAD;
    this.strict = props.strict ?? process.env[STRICT_ENV_VAR] === '1';
    const plain = (props as { [SPEC_JSON]?: unknown })[SPEC_JSON];
    const given = plain !== undefined ? plain : specJsonOf(props.spec);
    const files = withTestFiles(this, props.name, props.testFiles, given, this.namespace);
    this.specJson = (isJsonObject(files.spec) ? withReferences(files.spec, props.envFrom ?? [], props.secretMounts ?? []) : files.spec) as SpecJson;
    this.operatorConfig = resolveOperatorConfig(props.operatorConfig);
    // Decided first, from the spec as given, so that the checks follow the same decision.
    const observability = new Observability(this, 'Observability', {
      openTelemetry: isJsonObject(this.specJson) ? this.specJson.observability?.openTelemetry : undefined,
      metricsExporter: this.operatorConfig.metricsExporter,
    });
    const problems: Problem[] = [
      ...validateOperatorConfig(props.operatorConfig),
      ...validateArgoCdOptions(props.argoCd),
      ...validateRunId(props.runId),
      ...validateMetadata(props.metadata),
      ...validateSchedule(props.schedule, { name: props.name, hook: props.argoCd?.hook !== undefined, runId: props.runId }),
      ...files.problems,
      ...validateLocustTest(props.name, this.namespace, this.specJson, this.operatorConfig, observability.mode),
    ];
    if (this.mode === RenderMode.OPERATOR) {
      problems.push(...operatorModeProblems({
        runId: props.runId,
        hook: props.argoCd?.hook,
        schedule: props.schedule?.expressionString,
        webUi: props.webUi === true,
        serviceMonitor: props.monitor?.kind === MonitorKind.SERVICE_MONITOR,
        nestedConfigMaps: Object.keys(files.volumeItems),
        thresholds: props.thresholds !== undefined,
        reports: props.reports !== undefined,
        regression: props.regression !== undefined,
        requirements: files.requirementsFile !== undefined,
      }));
    }
    // Thresholds and reports read the master's command and volumes: only a valid spec has them.
    let verdict: ResolvedVerdict = {};
    if (problems.length === 0) {
      const resolved = resolveVerdict({ testName: props.name, spec: this.specJson, runId: props.runId, thresholds: props.thresholds, reports: props.reports, regression: props.regression });
      if (files.requirementsFile !== undefined) problems.push(...pythonPathProblems(this.specJson));
      problems.push(...resolved.problems);
      verdict = resolved.verdict;
    }
    if (props.monitor && observability.mode !== ObservabilityMode.METRICS_EXPORTER) {
      problems.push({ path: 'monitor', message: `scrapes the metrics exporter sidecar, which a test with ${observability.mode} has not`, value: props.monitor.kind, fix: 'drop the monitor and read the metrics from the OpenTelemetry backend, or turn OpenTelemetry off' });
    }
    this.problems = problems;
    this.warnings = problems.length > 0 ? [] : warningsFor(this.specJson, this.operatorConfig, {
      observability: observability.plan,
      argoCd: props.argoCd !== undefined && props.argoCd.hook === undefined && props.schedule === undefined,
      unattended: props.argoCd?.hook !== undefined || props.schedule !== undefined,
      thresholds: props.thresholds !== undefined || props.regression !== undefined,
      reports: props.reports !== undefined,
    });
    this.node.addValidation({ validate: () => this.validate() });
    AppChecks.of(this).register(this, this.strict ? [] : this.warnings);
    if (problems.length > 0) return;

    const ctx = {
      observability: observability.plan,
      argoCd: props.argoCd,
      runId: props.runId,
      schedule: props.schedule,
      webUi: props.webUi === true,
      monitor: props.monitor,
      configMaps: files.configMaps,
      volumeItems: files.volumeItems,
      podLabels: props.metadata?.labels,
      verdict,
      requirementsFile: files.requirementsFile,
    };
    if (this.mode === RenderMode.OPERATOR) {
      this.rendered = { observability, ...renderOperatorResource(this, ctx) };
    } else {
      const workload = renderWorkload(this, ctx);
      this.rendered = { observability, workload, monitor: workload.monitor };
    }
    problems.push(...applyMetadata(this.node.findAll().filter(ApiObject.isApiObject), props.metadata));
  }

  /**
   * The problems, the objects that repeat another object of the app and, in strict mode, the
   * warnings. cdk8s prefixes each with this test's construct path.
   */
  private validate(): string[] {
    const strictWarnings = this.strict ? this.warnings.map(strictProblem) : [];
    return [...this.problems, ...AppChecks.of(this).duplicatesOf(this), ...strictWarnings].map(formatProblem);
  }

  private renderedOrThrow() {
    if (!this.rendered) throw new LocustTestValidationError(this.name, this.problems, this.node.path);
    return this.rendered;
  }

  private workload(what: string): RenderedWorkload {
    const workload = this.renderedOrThrow().workload;
    if (!workload) throw new Error(`LocustTest ${this.name} at ${this.node.path} renders the LocustTest custom resource (RenderMode.OPERATOR), which has no ${what}; the operator creates it in the cluster`);
    return workload;
  }

  /** The master Service (`<name>-master`). Throws for an invalid test or in operator mode. */
  public get service(): KubeService {
    return this.workload('master Service').service;
  }

  /** The master Job (`<name>-master`). Throws for an invalid test, in operator mode or with a schedule. */
  public get masterJob(): LocustJob {
    return this.scheduled('master Job', false).masterJob!;
  }

  /** The worker Job (`<name>-worker`). Throws for an invalid test, in operator mode or with a schedule. */
  public get workerJob(): LocustJob {
    return this.scheduled('worker Job', false).workerJob!;
  }

  /** The master CronJob (`<name>-master`) of a scheduled test. Throws for an invalid test, in operator mode or without a schedule. */
  public get masterCronJob(): LocustCronJob {
    return this.scheduled('master CronJob', true).masterCronJob!;
  }

  /** The worker CronJob (`<name>-worker`) of a scheduled test. Throws for an invalid test, in operator mode or without a schedule. */
  public get workerCronJob(): LocustCronJob {
    return this.scheduled('worker CronJob', true).workerCronJob!;
  }

  /** The workload, checked to have (with a schedule) CronJobs or (without) Jobs. */
  private scheduled(what: string, withSchedule: boolean): RenderedWorkload {
    const workload = this.workload(what);
    const hasSchedule = workload.masterCronJob !== undefined;
    if (hasSchedule !== withSchedule) {
      throw new Error(hasSchedule
        ? `LocustTest ${this.name} runs on a schedule, so it has CronJobs and no ${what}; use masterCronJob and workerCronJob`
        : `LocustTest ${this.name} has no schedule, so it has Jobs and no ${what}; set schedule, or use masterJob and workerJob`);
    }
    return workload;
  }

  /** The LocustTest custom resource of operator mode. Throws for an invalid test or in workload mode. */
  public get resource(): ApiObject {
    const resource = this.renderedOrThrow().resource;
    if (!resource) throw new Error(`LocustTest ${this.name} at ${this.node.path} renders the workload (RenderMode.WORKLOAD), not the custom resource; set mode: RenderMode.OPERATOR`);
    return resource;
  }

  /** The PodMonitor or ServiceMonitor, when `monitor` was given. Throws for an invalid test. */
  public get monitor(): ApiObject | undefined {
    return this.renderedOrThrow().monitor;
  }

  /** The construct that chose OpenTelemetry or the exporter sidecar. Throws for an invalid test. */
  public get observability(): Observability {
    return this.renderedOrThrow().observability;
  }
}
