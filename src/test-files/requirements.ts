import { LocustRole, roleObjectName } from '../core/names';
import { Problem } from '../core/problems';
import { PYTHONPATH, srcMountPath } from '../pod/volumes';
import { JsonObject, SpecJson } from '../spec/spec';
import { withEditedLocustPod } from '../pod/edit-pod';

/** The folder pip installs the requirements into, on the Locust containers' `PYTHONPATH`. */
export const REQUIREMENTS_MOUNT_PATH = '/opt/cdk8s-locust/requirements';
/** The emptyDir volume shared by the init container and the Locust container. */
const REQUIREMENTS_VOLUME_NAME = 'cdk8s-locust-requirements';
/** The init container that installs the requirements. */
export const REQUIREMENTS_CONTAINER_NAME = 'install-requirements';

/**
 * The pip command of the init container. `python` is the image's own (the official images put
 * their virtualenv first on PATH), so the packages match its Python version. `--target` installs
 * each requirement with all its dependencies, which then come before the image's packages.
 */
export function requirementsCommand(requirementsPath: string): string[] {
  return ['python', '-m', 'pip', 'install', '--no-cache-dir', '--disable-pip-version-check', '--target', REQUIREMENTS_MOUNT_PATH, '--requirement', requirementsPath];
}

/**
 * A `PYTHONPATH` the spec sets from a Secret or ConfigMap cannot be extended with the folder:
 * its value is not known until the pod starts.
 */
export function pythonPathProblems(spec: SpecJson): Problem[] {
  const problems: Problem[] = [];
  (spec.env?.variables ?? []).forEach((variable: JsonObject, index) => {
    if (variable.name === PYTHONPATH && variable.value === undefined) {
      problems.push({ path: `spec.env.variables[${index}]`, message: 'sets PYTHONPATH from a reference, which the requirements folder cannot be added to', value: variable, fix: 'give PYTHONPATH a plain value' });
    }
  });
  return problems;
}

/** `env` with `folder` appended to `PYTHONPATH`, after the folders a variable of the spec gives. */
export function withPythonPathFolder(env: readonly JsonObject[], folder: string): JsonObject[] {
  const index = env.findIndex((variable) => variable.name === PYTHONPATH);
  if (index < 0) return [...env, { name: PYTHONPATH, value: folder }];
  const current = String(env[index].value ?? '');
  return env.map((variable, i) => (i === index ? { ...variable, value: current === '' ? folder : `${current}:${folder}` } : variable));
}

/**
 * The Job spec installing the requirements before Locust starts: an init container of the same
 * image, with the Locust container's environment (so `PIP_INDEX_URL` and other `PIP_*` variables
 * of the spec apply), resources, security context and mounts, reads the file from the locustfile
 * ConfigMap and installs into an emptyDir that the Locust container mounts and has on `PYTHONPATH`.
 */
export function withRequirements(jobSpec: JsonObject, testName: string, spec: SpecJson, role: LocustRole, relativePath: string): JsonObject {
  return withEditedLocustPod(jobSpec, roleObjectName(testName, role), (container, pod) => {
    const mounts = [...((container.volumeMounts as JsonObject[] | undefined) ?? []), { name: REQUIREMENTS_VOLUME_NAME, mountPath: REQUIREMENTS_MOUNT_PATH }];
    const install: JsonObject = {
      name: REQUIREMENTS_CONTAINER_NAME,
      image: container.image,
      command: requirementsCommand(`${srcMountPath(spec)}/${relativePath}`),
      env: container.env,
      resources: container.resources,
      volumeMounts: mounts,
      imagePullPolicy: container.imagePullPolicy,
    };
    for (const key of ['envFrom', 'securityContext']) if (container[key] !== undefined) install[key] = container[key];
    const locust = { ...container, env: withPythonPathFolder(container.env as JsonObject[], REQUIREMENTS_MOUNT_PATH), volumeMounts: mounts };
    const volumes = [...((pod.volumes as JsonObject[] | undefined) ?? []), { name: REQUIREMENTS_VOLUME_NAME, emptyDir: {} }];
    const initContainers = [install, ...((pod.initContainers as JsonObject[] | undefined) ?? [])];
    return { container: locust, pod: { ...pod, volumes, initContainers } };
  });
}
