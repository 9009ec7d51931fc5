import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeCronJob, KubeJob, KubeService } from '../../imports/k8s';
import { validateArgoCdOptions } from '../gitops/argocd';
import { MetricsMonitor, MonitorKind, validateMonitor } from '../service/monitoring';
import { Observability } from './observability';
import { ObservabilityMode } from '../pod/observability';
import { AppChecks } from './app-checks';
import { annotateWithMetadata, validateMetadata } from './metadata';
import { OperatorConfig, ResolvedOperatorConfig, resolveOperatorConfig, validateOperatorConfig } from '../operator/operator-config';
import { operatorModeProblems, RenderMode } from '../gitops/operator-mode';
import { LocustTestOptions, STRICT_ENV_VAR } from './options';
import { formatProblem, LocustTestValidationError, Problem } from '../core/problems';
import { withReferences } from './references';
import { RenderContext, renderOperatorResource, renderWorkload, RenderedWorkload } from './objects';
import { validateRunId } from '../gitops/run-id';
import { validateSchedule } from '../gitops/schedule';
import { isJsonObject, plainCopy, SpecJson } from '../spec/spec';
import { LocustTestTypedSpec, specJsonOf } from '../spec/typed-spec';
import { ComposedTestFiles, withTestFiles } from '../test-files/test-files-spec';
import { validateLocustTest } from '../checks/validation';
import { mayExceedObjectSize, objectSizeProblems } from '../checks/object-size';
import { strictProblem, Warning, warningsFor } from '../checks/warnings';
import { resolveVerdict, ResolvedVerdict } from '../verdict/verdict';
import { reportsWarnings } from '../verdict/reports';
import { resolveThresholds } from '../verdict/thresholds';
import { pythonPathProblems } from '../test-files/requirements';
import { PodSecurity } from '../pod/pod-security';
import { restrictedProfileProblems } from '../checks/pod-security';

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

/** The props read once into what every later phase works from. */
interface TestInput {
  readonly namespace?: string;
  readonly mode: RenderMode;
  readonly strict: boolean;
  readonly specJson: SpecJson;
  readonly operatorConfig: ResolvedOperatorConfig;
  readonly files: ComposedTestFiles;
  readonly observability: Observability;
}

/** Everything wrong with a test, and the verdict when nothing is. */
interface CheckedTest {
  readonly problems: readonly Problem[];
  readonly verdict?: ResolvedVerdict;
}

/** The objects the construct wrote, by mode. */
interface WrittenObjects {
  readonly workload?: RenderedWorkload;
  readonly resource?: ApiObject;
  readonly monitor?: ApiObject;
}

/**
 * Context key that turns on strict mode for every LocustTest under the construct that sets it
 * (`true`), e.g. `app.node.setContext('cdk8s-locust:strict', true)` before the charts are added.
 */
export const STRICT_CONTEXT_KEY = 'cdk8s-locust:strict';

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

  private readonly input: TestInput;
  private readonly written?: WrittenObjects;

  /**
   * A LocustTest from a spec in plain JSON, exactly as a `locust.io/v2` LocustTest custom resource
   * holds it (for example parsed from YAML). The command line renders files this way.
   */
  public static fromObject(scope: Construct, id: string, props: LocustTestObjectProps): LocustTest {
    return new PlainSpecLocustTest(scope, id, props);
  }

  constructor(scope: Construct, id: string, props: LocustTestProps) {
    super(scope, id);
    this.name = props.name;
    this.input = readInput(this, props, this.givenSpec(props));
    ({ namespace: this.namespace, mode: this.mode, strict: this.strict, specJson: this.specJson, operatorConfig: this.operatorConfig } = this.input);
    const checked = checkTest(props, this.input);
    this.warnings = checked.problems.length > 0 ? [] : warningsOf(props, this.input, checked.verdict);
    this.written = checked.verdict === undefined ? undefined : writeObjects(this, props, this.input, checked.verdict);
    const objects = this.node.findAll().filter(ApiObject.isApiObject);
    const writtenProblems = this.written === undefined ? [] : [...annotateWithMetadata(objects, props.metadata), ...sizeProblemsOf(objects, props, this.input)];
    this.problems = [...checked.problems, ...writtenProblems];
    this.node.addValidation({ validate: () => this.validate() });
    AppChecks.of(this).register(this, this.strict ? [] : this.warnings);
  }

  /**
   * The spec as given, in plain JSON: the typed spec converted by the CRD's field names.
   * `fromObject` reads a spec that is plain JSON already.
   * @internal
   */
  protected givenSpec(props: LocustTestProps): unknown {
    return specJsonOf(props.spec);
  }

  /**
   * The problems, the objects that repeat another object of the app and, in strict mode, the
   * warnings. cdk8s prefixes each with this test's construct path.
   */
  private validate(): string[] {
    const strictWarnings = this.strict ? this.warnings.map(strictProblem) : [];
    return [...this.problems, ...AppChecks.of(this).duplicatesOf(this), ...strictWarnings].map(formatProblem);
  }

  private writtenOrThrow(): WrittenObjects {
    if (!this.written) throw new LocustTestValidationError(this.name, this.problems, this.node.path);
    return this.written;
  }

  private workload(what: string): RenderedWorkload {
    const workload = this.writtenOrThrow().workload;
    if (!workload) throw new Error(`LocustTest ${this.name} at ${this.node.path} renders the LocustTest custom resource (RenderMode.OPERATOR), which has no ${what}; the operator creates it in the cluster`);
    return workload;
  }

  /** The master Service (`<name>-master`). Throws for an invalid test or in operator mode. */
  public get service(): KubeService {
    return this.workload('master Service').service;
  }

  /** The master Job (`<name>-master`). Throws for an invalid test, in operator mode or with a schedule. */
  public get masterJob(): KubeJob {
    return this.scheduled('master Job', false).masterJob!;
  }

  /** The worker Job (`<name>-worker`). Throws for an invalid test, in operator mode or with a schedule. */
  public get workerJob(): KubeJob {
    return this.scheduled('worker Job', false).workerJob!;
  }

  /** The master CronJob (`<name>-master`) of a scheduled test. Throws for an invalid test, in operator mode or without a schedule. */
  public get masterCronJob(): KubeCronJob {
    return this.scheduled('master CronJob', true).masterCronJob!;
  }

  /** The worker CronJob (`<name>-worker`) of a scheduled test. Throws for an invalid test, in operator mode or without a schedule. */
  public get workerCronJob(): KubeCronJob {
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
    const resource = this.writtenOrThrow().resource;
    if (!resource) throw new Error(`LocustTest ${this.name} at ${this.node.path} renders the workload (RenderMode.WORKLOAD), not the custom resource; set mode: RenderMode.OPERATOR`);
    return resource;
  }

  /** The PodMonitor or ServiceMonitor, when `monitor` was given. Throws for an invalid test. */
  public get monitor(): ApiObject | undefined {
    return this.writtenOrThrow().monitor;
  }

  /** The construct that chose OpenTelemetry or the exporter sidecar. Throws for an invalid test. */
  public get observability(): Observability {
    this.writtenOrThrow();
    return this.input.observability;
  }
}

/** The construct of `fromObject`: the same phases, from a spec that is plain JSON already. */
class PlainSpecLocustTest extends LocustTest {
  constructor(scope: Construct, id: string, props: LocustTestObjectProps) {
    super(scope, id, props as unknown as LocustTestProps);
  }

  protected givenSpec(props: LocustTestProps): unknown {
    return plainCopy((props as unknown as LocustTestObjectProps).spec ?? null);
  }
}

/**
 * Objects over the size the API server stores. Serialising every object costs, so only a spec that
 * could reach the limit pays for it, besides the ConfigMaps of test files, whose data is checked
 * against the ConfigMap limit only.
 */
function sizeProblemsOf(objects: readonly ApiObject[], props: LocustTestProps, input: TestInput): Problem[] {
  const sized = mayExceedObjectSize(input.specJson, props.metadata) ? objects : input.files.configMaps;
  return objectSizeProblems(sized, input.specJson);
}

/**
 * Phase 1, the input: the test files bound and the references added to the spec, the operator
 * configuration with its defaults, and the observability decided once, from the spec as given,
 * so that the checks and the builders follow the same decision.
 */
function readInput(test: LocustTest, props: LocustTestProps, given: unknown): TestInput {
  const namespace = props.namespace ?? Chart.of(test).namespace;
  const files = withTestFiles(test, props.name, props.testFiles, given, namespace);
  const specJson = (isJsonObject(files.spec) ? withReferences(files.spec, props.envFrom ?? [], props.secretMounts ?? []) : files.spec) as SpecJson;
  const operatorConfig = resolveOperatorConfig(props.operatorConfig);
  const observability = new Observability(test, 'Observability', {
    openTelemetry: isJsonObject(specJson) ? specJson.observability?.openTelemetry : undefined,
    metricsExporter: operatorConfig.metricsExporter,
  });
  return { namespace, mode: props.mode ?? RenderMode.WORKLOAD, strict: strictModeOf(test, props), specJson, operatorConfig, files, observability };
}

/** The prop, else the app's context, else the environment variable kept for apps without context. */
function strictModeOf(test: LocustTest, props: LocustTestProps): boolean {
  if (props.strict !== undefined) return props.strict;
  const context: unknown = test.node.tryGetContext(STRICT_CONTEXT_KEY);
  if (context !== undefined) return context === true || context === 'true';
  return process.env[STRICT_ENV_VAR] === '1';
}

/**
 * Phase 2, the problems, all of them in one round: the options, the spec, and the thresholds on
 * their own. What thresholds and reports need of the master's command and volumes is checked
 * once the spec has no problem, since only a valid spec has them.
 */
function checkTest(props: LocustTestProps, input: TestInput): CheckedTest {
  const { files, observability } = input;
  const thresholds = props.thresholds === undefined ? undefined : resolveThresholds(props.thresholds);
  const problems: Problem[] = [
    ...validateOperatorConfig(props.operatorConfig),
    ...validateArgoCdOptions(props.argoCd),
    ...validateMonitor(props.monitor),
    ...validateRunId(props.runId),
    ...validateMetadata(props.metadata),
    ...validateSchedule(props.schedule, { name: props.name, hook: props.argoCd?.hook !== undefined, runId: props.runId }),
    ...files.problems,
    ...validateLocustTest(props.name, input.namespace, input.specJson, input.operatorConfig, observability.mode),
    ...(input.mode === RenderMode.OPERATOR ? operatorModeProblems({
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
      restricted: props.podSecurity === PodSecurity.RESTRICTED,
    }) : []),
    ...podSecurityProblems(props.podSecurity),
  ];
  const verdict = problems.length === 0
    ? resolveVerdict({ testName: props.name, spec: input.specJson, runId: props.runId, thresholds, reports: props.reports, regression: props.regression })
    : undefined;
  const all = [
    ...problems,
    ...(verdict !== undefined && files.requirementsFile !== undefined ? pythonPathProblems(input.specJson) : []),
    ...(thresholds?.problems ?? []),
    ...(verdict?.problems ?? []),
    ...monitorProblems(props.monitor, observability.mode),
    ...(verdict !== undefined && props.podSecurity === PodSecurity.RESTRICTED ? restrictedProfileProblems(input.specJson) : []),
  ];
  return all.length === 0 ? { problems: all, verdict: verdict?.verdict } : { problems: all };
}

/** A profile given from JavaScript or a cast must be one the library writes. */
function podSecurityProblems(podSecurity: PodSecurity | undefined): Problem[] {
  const profiles: string[] = Object.values(PodSecurity);
  if (podSecurity === undefined || profiles.includes(podSecurity)) return [];
  return [{ path: 'podSecurity', message: 'is not a profile this library writes', value: podSecurity, fix: `use ${profiles.map((value) => `PodSecurity.${value.toUpperCase()}`).join(' or ')}` }];
}

/** A monitor scrapes the exporter sidecar, which only a test without OpenTelemetry has. */
function monitorProblems(monitor: MetricsMonitor | undefined, mode: ObservabilityMode): Problem[] {
  if (!monitor || mode === ObservabilityMode.METRICS_EXPORTER) return [];
  return [{ path: 'monitor', message: `scrapes the metrics exporter sidecar, which a test with ${mode} has not`, value: monitor.kind, fix: 'drop the monitor and read the metrics from the OpenTelemetry backend, or turn OpenTelemetry off' }];
}

/** The traps of a test without problems; the resolved verdict tells where the reports go. */
function warningsOf(props: LocustTestProps, input: TestInput, verdict: ResolvedVerdict | undefined): Warning[] {
  return [
    ...warningsFor(input.specJson, input.operatorConfig, {
      observability: input.observability.plan,
      argoCd: props.argoCd !== undefined && props.argoCd.hook === undefined && props.schedule === undefined,
      unattended: props.argoCd?.hook !== undefined || props.schedule !== undefined,
      monitored: props.monitor !== undefined,
      thresholds: props.thresholds !== undefined || props.regression !== undefined,
      reports: props.reports !== undefined,
    }),
    ...(verdict?.reports ? reportsWarnings(input.specJson, verdict.reports) : []),
  ];
}

/** Phase 3, the objects: the workload, or the custom resource in operator mode. */
function writeObjects(test: LocustTest, props: LocustTestProps, input: TestInput, verdict: ResolvedVerdict): WrittenObjects {
  const ctx: RenderContext = {
    observability: input.observability.plan,
    argoCd: props.argoCd,
    runId: props.runId,
    schedule: props.schedule,
    webUi: props.webUi === true,
    monitor: props.monitor,
    configMaps: input.files.configMaps,
    volumeItems: input.files.volumeItems,
    podLabels: props.metadata?.labels,
    verdict,
    requirementsFile: input.files.requirementsFile,
    restricted: props.podSecurity === PodSecurity.RESTRICTED,
  };
  if (input.mode === RenderMode.OPERATOR) return renderOperatorResource(test, ctx);
  const workload = renderWorkload(test, ctx);
  return { workload, monitor: workload.monitor };
}
