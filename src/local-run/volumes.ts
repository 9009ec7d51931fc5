import { posix } from 'node:path';
import { Problem } from '../core/problems';
import { containerPathProblem, normalContainerPath, volumePathProblem } from './contained';
import { KubeObject, listAt, objectLabel } from './select';
import { Sources } from './sources';

/** Kubernetes' default mode of ConfigMap and Secret volume files. */
const DEFAULT_MODE = 0o644;
/** The largest file mode the API server accepts for volume files: 0777. */
const MAX_MODE = 0o777;

/** Something a local run writes before a process starts, at its absolute path in the container. */
export type PodEntry =
  | { readonly kind: 'file'; readonly path: string; readonly content: Buffer; readonly mode: number }
  | { readonly kind: 'directory'; readonly path: string };

/** A volume of the cluster that a folder of the run stands in for. */
export interface StandIn {
  /** What it is in the cluster, e.g. `PersistentVolumeClaim reports`. */
  readonly volume: string;
  /** Where the container sees it. */
  readonly mountPath: string;
}

/** The files and folders a volume holds, by path relative to its root. */
type VolumeContent = { files: Map<string, { content: Buffer; mode: number }> };

/**
 * What the container of the Job's pod sees through its mounts, as entries to write: ConfigMap and Secret volumes with
 * their `items` (key to path) and modes, emptyDir volumes as empty folders, and a
 * PersistentVolumeClaim (where a test keeps its reports) as an empty folder too, named in
 * `standIns` so that the run can say where its files are. Other volume kinds cannot exist on this
 * machine and are problems.
 */
export function mountedEntries(job: KubeObject, container: KubeObject, where: string, sources: Sources): { entries: PodEntry[]; mountPaths: string[]; standIns: StandIn[]; problems: Problem[] } {
  const entries: PodEntry[] = [];
  const mountPaths: string[] = [];
  const standIns: StandIn[] = [];
  const problems: Problem[] = [];
  const volumes = listAt(job.spec?.template?.spec, 'volumes', `${objectLabel(job)}: spec.template.spec`, problems);
  listAt(container, 'volumeMounts', where, problems).forEach((mount: KubeObject, i: number) => {
    const pathProblem = containerPathProblem(mount?.mountPath);
    if (pathProblem !== undefined) {
      problems.push({ path: `${where}.volumeMounts[${i}].mountPath`, message: pathProblem, value: mount?.mountPath, fix: 'give the absolute path the container sees the volume at, e.g. /data (the kubelet would read a relative one from /)' });
      return;
    }
    const mountPath = normalContainerPath(mount.mountPath);
    const subPathProblem = mount.subPath === undefined || mount.subPath === '' ? undefined : volumePathProblem(mount.subPath);
    if (subPathProblem !== undefined) {
      problems.push({ path: `${where}.volumeMounts[${i}].subPath`, message: subPathProblem, value: mount.subPath, fix: 'use a path relative to the volume root' });
      return;
    }
    const index = volumes.findIndex((volume) => volume.name === mount.name);
    if (index < 0) {
      problems.push({ path: `${where}.volumeMounts[${i}].name`, message: 'names no volume of the pod', value: mount.name, fix: 'add the volume to the pod, or remove the mount' });
      return;
    }
    const content = volumeContent(volumes[index], `${objectLabel(job)}: spec.template.spec.volumes[${index}]`, sources, problems);
    if (content === undefined) return;
    mountPaths.push(mountPath);
    const claim = volumes[index].persistentVolumeClaim?.claimName;
    if (claim !== undefined) standIns.push({ volume: `PersistentVolumeClaim ${String(claim)}`, mountPath });
    const subPath: string = mount.subPath ?? '';
    if (subPath === '') {
      entries.push({ kind: 'directory', path: mountPath });
      for (const [relative, file] of content.files) entries.push({ kind: 'file', path: posix.join(mountPath, relative), ...file });
      return;
    }
    const file = content.files.get(subPath);
    if (file !== undefined) {
      entries.push({ kind: 'file', path: mountPath, ...file });
      return;
    }
    entries.push({ kind: 'directory', path: mountPath });
    for (const [relative, inner] of content.files) {
      if (relative.startsWith(`${subPath}/`)) entries.push({ kind: 'file', path: posix.join(mountPath, relative.slice(subPath.length + 1)), ...inner });
    }
  });
  return { entries, mountPaths, standIns, problems };
}

function volumeContent(volume: KubeObject, path: string, sources: Sources, problems: Problem[]): VolumeContent | undefined {
  if (volume.emptyDir !== undefined || volume.persistentVolumeClaim !== undefined) return { files: new Map() };
  const source = volume.configMap ?? volume.secret;
  if (source === undefined) {
    const kind = Object.keys(volume).filter((key) => key !== 'name').join(', ') || 'nothing';
    problems.push({ path, message: `is a ${kind} volume, which a local run cannot provide`, value: volume.name, fix: 'a local run mounts ConfigMap, Secret, emptyDir and PersistentVolumeClaim volumes; run this test in a cluster' });
    return undefined;
  }
  const kind = volume.configMap ? 'ConfigMap' : 'Secret';
  const nameField = volume.configMap ? 'configMap.name' : 'secret.secretName';
  const name: unknown = volume.configMap ? source.name : source.secretName;
  const object = sources.find(kind, String(name));
  const files = new Map<string, { content: Buffer; mode: number }>();
  if (object === undefined) {
    if (source.optional === true) return { files };
    problems.push({ path: `${path}.${nameField}`, message: `names a ${kind} that is not in the input`, value: name, fix: kind === 'ConfigMap'
      ? `give run the file that defines the ConfigMap (a synthesized app emits the ConfigMaps of TestFiles.fromDirectory), or make it from a folder: --files ${name}=DIR`
      : 'give run the file that defines the Secret' });
    return undefined;
  }
  const entries = Sources.entries(object);
  const field = volume.configMap ? 'configMap' : 'secret';
  const defaultMode = modeOf(source.defaultMode, DEFAULT_MODE, `${path}.${field}.defaultMode`, problems);
  if (source.items === undefined) {
    for (const [key, content] of entries) files.set(key, { content, mode: defaultMode });
    return { files };
  }
  listAt(source, 'items', `${path}.${field}`, problems).forEach((item: KubeObject, i: number) => {
    const itemPath = `${path}.${field}.items[${i}]`;
    const content = entries.get(item?.key);
    if (content === undefined) {
      if (source.optional !== true) problems.push({ path: `${itemPath}.key`, message: `is not a key of ${kind} ${String(name)}`, value: item?.key, fix: `add the key to the ${kind}, or remove the item` });
      return;
    }
    const pathProblem = volumePathProblem(item.path);
    if (pathProblem !== undefined) {
      problems.push({ path: `${itemPath}.path`, message: pathProblem, value: item.path, fix: 'give the file\'s path inside the volume, e.g. config/settings.json' });
      return;
    }
    files.set(posix.normalize(item.path), { content, mode: modeOf(item.mode, defaultMode, `${itemPath}.mode`, problems) });
  });
  return { files };
}

/** A file mode as the API server takes it: a whole number from 0 to 0777 (511). */
function modeOf(mode: unknown, fallback: number, path: string, problems: Problem[]): number {
  if (mode === undefined) return fallback;
  if (typeof mode === 'number' && Number.isInteger(mode) && mode >= 0 && mode <= MAX_MODE) return mode;
  problems.push({ path, message: 'must be a whole number from 0 to 0777 (octal; 511 in decimal)', value: mode, fix: 'write the mode as a number, e.g. 0644 in YAML or 420 in JSON' });
  return fallback;
}
