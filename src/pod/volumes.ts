import { DEFAULT_LIB_MOUNT_PATH, DEFAULT_SRC_MOUNT_PATH, LIB_VOLUME_NAME, LocustRole, roleObjectName, secretVolumeName } from '../core/names';
import { JsonObject, SpecJson, VolumeMountJson } from '../spec/spec';

/** Whether a user mount applies to this pod: `both` (or empty), or the pod's own role. */
export function mountTargets(mount: VolumeMountJson, role: LocustRole): boolean {
  const target = mount.target || 'both';
  return target === 'both' || target === role;
}

export function srcMountPath(spec: Pick<SpecJson, 'testFiles'>): string {
  return spec.testFiles?.srcMountPath || DEFAULT_SRC_MOUNT_PATH;
}

export function libMountPath(spec: Pick<SpecJson, 'testFiles'>): string {
  return spec.testFiles?.libMountPath || DEFAULT_LIB_MOUNT_PATH;
}

/** Python's module search path: a lib mounted outside the locustfile's folder must be on it. */
export const PYTHONPATH = 'PYTHONPATH';

/** `a:b` holds `b`: PYTHONPATH entries are separated by colons. */
export function pythonPathHolds(value: string, path: string): boolean {
  return value.split(':').includes(path);
}

/**
 * Pod volumes: locustfile ConfigMap, lib ConfigMap, secret mounts, then the user's volumes in
 * spec order, each only if a mount targets this pod (others are left out, as the operator does).
 */
export function podVolumes(testName: string, spec: SpecJson, role: LocustRole): JsonObject[] {
  const volumes: JsonObject[] = [];
  const files = spec.testFiles;
  if (files?.configMapRef) volumes.push({ name: roleObjectName(testName, role), configMap: { name: files.configMapRef } });
  if (files?.libConfigMapRef) volumes.push({ name: LIB_VOLUME_NAME, configMap: { name: files.libConfigMapRef } });
  for (const mount of spec.env?.secretMounts ?? []) {
    volumes.push({ name: secretVolumeName(mount.name), secret: { secretName: mount.name } });
  }
  const mounted = new Set((spec.volumeMounts ?? []).filter((m) => mountTargets(m, role)).map((m) => m.name));
  for (const volume of spec.volumes ?? []) {
    if (mounted.has(volume.name)) volumes.push(volume);
  }
  return volumes;
}

/** Locust container mounts, in the same order as the volumes; `target` is not a Kubernetes field. */
export function containerVolumeMounts(testName: string, spec: SpecJson, role: LocustRole): JsonObject[] {
  const mounts: JsonObject[] = [];
  const files = spec.testFiles;
  // ConfigMap mounts carry no readOnly (the operator writes false, which omitempty drops).
  if (files?.configMapRef) mounts.push({ name: roleObjectName(testName, role), mountPath: srcMountPath(spec) });
  if (files?.libConfigMapRef) mounts.push({ name: LIB_VOLUME_NAME, mountPath: libMountPath(spec) });
  for (const secret of spec.env?.secretMounts ?? []) {
    const mount: JsonObject = { name: secretVolumeName(secret.name), mountPath: secret.mountPath };
    // Absent readOnly means the CRD default, true; only an explicit false is left out of the JSON.
    if (secret.readOnly !== false) mount.readOnly = true;
    mounts.push(mount);
  }
  for (const userMount of spec.volumeMounts ?? []) {
    if (!mountTargets(userMount, role)) continue;
    const { target: _target, ...mount } = userMount;
    mounts.push(mount);
  }
  return mounts;
}
