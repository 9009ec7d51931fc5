import { JsonObject } from '../spec/spec';

/** Applies `edit` to the Locust container (found by name) and its pod spec. */
export function withEditedLocustPod(
  jobSpec: JsonObject,
  containerName: string,
  edit: (container: JsonObject, pod: JsonObject) => { container: JsonObject; pod: JsonObject },
): JsonObject {
  const template = jobSpec.template as { metadata?: JsonObject; spec: JsonObject };
  const containers = template.spec.containers as JsonObject[];
  const locust = containers.find((container) => container.name === containerName);
  if (locust === undefined) throw new Error(`the pod has no container ${containerName}`);
  const edited = edit(locust, template.spec);
  const spec = { ...edited.pod, containers: containers.map((container) => (container === locust ? edited.container : container)) };
  return { ...jobSpec, template: { ...template, spec } };
}
