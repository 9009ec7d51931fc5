import { Construct } from 'constructs';
import { KubeService, ServiceSpec } from '../../imports/k8s';
import { objectMetadata } from '../core/kubernetes';
import { LABEL_POD_NAME, LocustRole, MASTER_BIND_PORT_PLUS_ONE, MASTER_PORT, roleObjectName } from '../core/names';
import { ObservabilityPlan } from '../pod/observability';
import { JsonObject } from '../spec/spec';
import { withWebUiPort } from './web-ui';

/** What the master Service is built from. */
export interface ServiceContext {
  /** `metadata.name` of the LocustTest. */
  readonly name: string;
  readonly namespace?: string;
  /** The observability decision, whose mode may add the exporter's port. */
  readonly observability: ObservabilityPlan;
  /** Whether the web UI's port is added after the operator's. */
  readonly webUi: boolean;
}

/**
 * The master Service's spec: the operator's two ports, the ports the observability mode adds, and,
 * when asked, the web UI's; it selects the master pod by its pod-name label.
 */
export function serviceSpec(ctx: ServiceContext): JsonObject {
  const ports = [
    { name: `port${MASTER_PORT}`, protocol: 'TCP', port: MASTER_PORT },
    { name: `port${MASTER_BIND_PORT_PLUS_ONE}`, protocol: 'TCP', port: MASTER_BIND_PORT_PLUS_ONE },
    ...ctx.observability.servicePorts,
  ];
  const spec = { ports, selector: { [LABEL_POD_NAME]: roleObjectName(ctx.name, LocustRole.MASTER) } };
  return ctx.webUi ? withWebUiPort(spec) : spec;
}

/** Writes the master Service (`<name>-master`). */
export function createService(scope: Construct, id: string, ctx: ServiceContext): KubeService {
  const spec = serviceSpec(ctx);
  // The spec is already plain JSON, which the typed props describe as classes.
  return new KubeService(scope, id, { metadata: objectMetadata(roleObjectName(ctx.name, LocustRole.MASTER), ctx.namespace), spec: spec as unknown as ServiceSpec });
}
