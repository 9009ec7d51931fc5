import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LocustTestSpec } from '../imports/locust.io';
import { KubeService } from '../imports/k8s';
import { createJob, createService, LocustJob } from './job';
import { LocustRole, nodeName } from './names';
import { Observability } from './observability';
import { OperatorConfig, ResolvedOperatorConfig, resolveOperatorConfig, validateOperatorConfig } from './operator-config';
import { formatProblem, LocustTestValidationError, Problem } from './problems';
import { wireSpecOf, WireSpec } from './spec';
import { validateLocustTest } from './validation';
import { buildWorkload } from './workload';

export interface LocustTestProps {
  /**
   * `metadata.name` of the LocustTest. The objects are named `<name>-master` and
   * `<name>-worker` (dots become dashes), never hashed.
   */
  readonly name: string;

  /** Namespace of the generated objects. @default - the chart's namespace, or none */
  readonly namespace?: string;

  /** The LocustTest spec, exactly as in a `locust.io/v2` LocustTest custom resource. */
  readonly spec: LocustTestSpec;

  /**
   * The operator configuration the objects are built for, as an operator install would set
   * it through its environment.
   * @default - the operator's Helm chart defaults
   */
  readonly operatorConfig?: OperatorConfig;
}

/** Props of `LocustTest.fromObject`: the spec as plain JSON, e.g. parsed from a LocustTest YAML. */
export interface LocustTestObjectProps {
  /** `metadata.name` of the LocustTest. */
  readonly name: string;
  /** Namespace of the generated objects. @default - the chart's namespace, or none */
  readonly namespace?: string;
  /** The spec as plain JSON, in the field names of the custom resource; validated like any other. */
  readonly spec: unknown;
  /** @default - the operator's Helm chart defaults */
  readonly operatorConfig?: OperatorConfig;
}

const WIRE_SPEC = Symbol('cdk8s-locust.wireSpec');

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
  public readonly wireSpec: WireSpec;
  /** The operator configuration with every default applied. */
  public readonly operatorConfig: ResolvedOperatorConfig;
  /** Everything wrong with the props; empty for a test that synthesizes. */
  public readonly problems: readonly Problem[];

  private readonly parts?: {
    readonly observability: Observability;
    readonly service: KubeService;
    readonly masterJob: LocustJob;
    readonly workerJob: LocustJob;
  };

  /**
   * A LocustTest from a spec in plain JSON, exactly as a `locust.io/v2` LocustTest custom resource
   * holds it (for example parsed from YAML). The command line renders files this way.
   */
  public static fromObject(scope: Construct, id: string, props: LocustTestObjectProps): LocustTest {
    const typedProps = { ...props, spec: {} as LocustTestSpec, [WIRE_SPEC]: props.spec ?? null };
    return new LocustTest(scope, id, typedProps);
  }

  constructor(scope: Construct, id: string, props: LocustTestProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    const plain = (props as { [WIRE_SPEC]?: unknown })[WIRE_SPEC];
    this.wireSpec = (plain !== undefined ? plain : wireSpecOf(props.spec)) as WireSpec;
    this.operatorConfig = resolveOperatorConfig(props.operatorConfig);
    this.problems = [
      ...validateOperatorConfig(props.operatorConfig),
      ...validateLocustTest(props.name, this.namespace, this.wireSpec, this.operatorConfig),
    ];
    this.node.addValidation({ validate: () => this.problems.map(formatProblem) });
    if (this.problems.length > 0) return;

    const observability = new Observability(this, 'Observability', {
      openTelemetry: this.wireSpec.observability?.openTelemetry,
      metricsExporter: this.operatorConfig.metricsExporter,
    });
    const specs = buildWorkload({ name: this.name, spec: this.wireSpec, config: this.operatorConfig, observability });
    const master = nodeName(this.name, LocustRole.MASTER);
    // Created in the operator's order: Service, master Job, worker Job.
    this.parts = {
      observability,
      service: createService(this, 'MasterService', master, this.namespace, specs.serviceSpec),
      masterJob: createJob(this, 'MasterJob', master, this.namespace, specs.masterJobSpec),
      workerJob: createJob(this, 'WorkerJob', nodeName(this.name, LocustRole.WORKER), this.namespace, specs.workerJobSpec),
    };
  }

  private built() {
    if (!this.parts) throw new LocustTestValidationError(this.name, this.problems);
    return this.parts;
  }

  /** The master Service (`<name>-master`). Throws for an invalid test. */
  public get service(): KubeService {
    return this.built().service;
  }

  /** The master Job (`<name>-master`). Throws for an invalid test. */
  public get masterJob(): LocustJob {
    return this.built().masterJob;
  }

  /** The worker Job (`<name>-worker`). Throws for an invalid test. */
  public get workerJob(): LocustJob {
    return this.built().workerJob;
  }

  /** The construct that chose OpenTelemetry or the exporter sidecar. Throws for an invalid test. */
  public get observability(): Observability {
    return this.built().observability;
  }
}
