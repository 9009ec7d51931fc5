import { Construct } from 'constructs';
import { ResolvedOperatorConfig } from '../operator/operator-config';
import { ObservabilityMode, ObservabilityPlan, planObservability } from '../pod/observability';
import { OpenTelemetryJson } from '../spec/spec';

/** What the Observability construct needs to decide and to build its part of the pods. */
export interface ObservabilityProps {
  /** `spec.observability.openTelemetry` of the LocustTest. @default - OpenTelemetry off */
  readonly openTelemetry?: OpenTelemetryJson;
  /** The exporter settings of the operator configuration, used only when OpenTelemetry is off. */
  readonly metricsExporter: ResolvedOperatorConfig['metricsExporter'];
}

/**
 * The one place that decides between native OpenTelemetry and the metrics-exporter sidecar.
 *
 * It makes the decision once, as a plain value (`plan`): the mode and what that mode adds to the
 * pods and the Service. The validation, the warnings and the pod builders receive that value and
 * never look at the OpenTelemetry flag themselves.
 */
export class Observability extends Construct {
  /** Which of the two modes this test uses. */
  public readonly mode: ObservabilityMode;
  /** The mode and what it contributes to the commands, environment, sidecar, Service ports and annotations. */
  public readonly plan: ObservabilityPlan;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.plan = planObservability(props.openTelemetry, props.metricsExporter);
    this.mode = this.plan.mode;
  }
}
