import { WEB_UI_PORT } from '../core/names';
import { JsonObject } from '../spec/spec';

/** Name of the master Service's web UI port. */
export const WEB_UI_PORT_NAME = 'web-ui';

/**
 * The master Service spec with Locust's web UI (and REST API) port appended last, so that
 * `kubectl port-forward svc/<name>-master 8089` reaches the results. The operator's Service has
 * no such port; this is a deliberate, opt-in difference.
 */
export function withWebUiPort(serviceSpec: JsonObject): JsonObject {
  const ports = [...(serviceSpec.ports as JsonObject[]), { name: WEB_UI_PORT_NAME, protocol: 'TCP', port: WEB_UI_PORT }];
  return { ...serviceSpec, ports };
}
