import { JsonObject } from '../spec/spec';
import { flagOf } from '../core/locust-args';

/** Which Pod Security Standards profile the pods of a test are written for. */
export enum PodSecurity {
  /**
   * The operator's pods, as it writes them: they pass the `baseline` profile, not `restricted`.
   */
  BASELINE = 'baseline',
  /**
   * Pods that pass the `restricted` profile: every container and init container runs as a
   * non-root user (uid 1000, the `locust` user of the official images) with
   * `allowPrivilegeEscalation: false`, every capability dropped and the runtime's default seccomp
   * profile; the service-account token is not mounted; the master's web UI listens on 127.0.0.1
   * only (reachable by the exporter sidecar and `kubectl port-forward`), unless `webUi` exposes
   * it through the Service. For namespaces labelled
   * `pod-security.kubernetes.io/enforce: restricted`.
   */
  RESTRICTED = 'restricted',
}

/** The uid and gid of the `locust` user of the official Locust images: their user is a name, which `runAsNonRoot` cannot check. */
const LOCUST_IMAGE_UID = 1000;
/** The only capability the restricted profile lets a container add. */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';
/** Where the master's web UI listens under the restricted profile when nothing outside the pod needs it. */
const LOOPBACK = '127.0.0.1';

/** What the hardening needs to know of the pod beyond its spec. */
interface RestrictedPodOptions {
  /** The master's Locust container, whose web UI is bound to 127.0.0.1: undefined for the worker, or when the Service exposes the web UI. */
  readonly webUiContainer?: string;
}

/**
 * A container's security context hardened for the restricted profile: what it sets is kept, and
 * what the profile requires is added. Settings the profile refuses are problems of the spec,
 * found before rendering (`checks/pod-security.ts`), so none is overwritten here.
 */
function restrictedContainerContext(context: JsonObject | undefined): JsonObject {
  const capabilities = (context?.capabilities as JsonObject | undefined) ?? {};
  const drop = (capabilities.drop as string[] | undefined) ?? [];
  return {
    ...context,
    allowPrivilegeEscalation: false,
    capabilities: { ...capabilities, drop: drop.includes('ALL') ? drop : [...drop, 'ALL'] },
    runAsNonRoot: true,
  };
}

/** The pod's security context with a non-root user and the runtime's default seccomp profile. */
function restrictedPodContext(context: JsonObject | undefined): JsonObject {
  return {
    ...context,
    runAsNonRoot: true,
    runAsUser: context?.runAsUser ?? LOCUST_IMAGE_UID,
    runAsGroup: context?.runAsGroup ?? LOCUST_IMAGE_UID,
    seccompProfile: context?.seccompProfile ?? { type: 'RuntimeDefault' },
  };
}

/** The master's args with the web UI bound to 127.0.0.1, unless they choose a web host or turn the UI off. */
function withLoopbackWebUi(container: JsonObject): JsonObject {
  const args = (container.args as string[] | undefined) ?? [];
  if (args.some((arg) => flagOf(arg, ['--web-host', '--headless']) !== undefined)) return container;
  return { ...container, args: [...args, `--web-host=${LOOPBACK}`] };
}

/**
 * The Job spec with its pod written for the restricted Pod Security Standard: every container and
 * init container (sidecars, the start delay, the requirements install included) hardened, the
 * service-account token left unmounted (Locust never calls the Kubernetes API), and the web UI
 * bound where it is needed only. Apply it last, once every container is in the pod.
 */
export function withRestrictedPodSecurity(jobSpec: JsonObject, options: RestrictedPodOptions): JsonObject {
  const template = jobSpec.template as { metadata?: JsonObject; spec: JsonObject };
  const harden = (container: JsonObject) => {
    const hardened = { ...container, securityContext: restrictedContainerContext(container.securityContext as JsonObject | undefined) };
    return container.name === options.webUiContainer ? withLoopbackWebUi(hardened) : hardened;
  };
  const spec: JsonObject = {
    ...template.spec,
    automountServiceAccountToken: false,
    securityContext: restrictedPodContext(template.spec.securityContext as JsonObject | undefined),
    containers: (template.spec.containers as JsonObject[]).map(harden),
  };
  if (template.spec.initContainers !== undefined) spec.initContainers = (template.spec.initContainers as JsonObject[]).map(harden);
  return { ...jobSpec, template: { ...template, spec } };
}
