import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KubeConfigMap } from '../../imports/k8s';
import { sanitizeName } from '../core/names';
import { configMapKeyProblem, objectMetadata } from '../core/kubernetes';
import { ConfigMapReference } from '../core/plus-objects';
import { Problem } from '../core/problems';
import { byteOrder, describeSystemError } from '../core/text';
import { JsonObject } from '../spec/spec';

/** Kubernetes refuses a ConfigMap whose data exceeds 1 MiB. */
export const MAX_CONFIG_MAP_BYTES = 1024 * 1024;
/** How nested folders are written in a ConfigMap key, whose characters cannot include `/`. */
export const FOLDER_SEPARATOR = '__';
const HASH_LENGTH = 10;

/** Options of `TestFiles.fromDirectory`. */
export interface DirectoryOptions {
  /**
   * A directory of Python modules the locustfiles import, mounted at `spec.testFiles.libMountPath`.
   * Nested folders (packages) keep their layout in the pod.
   * @default - no lib ConfigMap
   */
  readonly libDirectory?: string;

  /**
   * A pip requirements file of the directory, by its path inside it (e.g. `requirements.txt`).
   * An init container of the test's image installs it before Locust starts, into an emptyDir that
   * is on `PYTHONPATH` in the master and the workers. The pods then need a package index: PyPI,
   * or a mirror named by `PIP_INDEX_URL` in `spec.env.variables` (every `PIP_*` variable of the
   * spec reaches pip).
   * @default - nothing is installed
   */
  readonly requirementsFile?: string;
}

/** The locustfile and lib ConfigMaps a test mounts, as `spec.testFiles` references them. */
export interface ResolvedTestFiles {
  readonly configMapRef?: string;
  readonly libConfigMapRef?: string;
  /** `items` of each emitted ConfigMap volume that has nested folders, keyed by ConfigMap name. */
  readonly volumeItems: Record<string, JsonObject[]>;
  /** The ConfigMaps emitted from the repository, if any. */
  readonly configMaps: ApiObject[];
  /** Path of the requirements file inside the locustfile directory, when one is installed. */
  readonly requirementsFile?: string;
  readonly problems: Problem[];
  /**
   * The files of the locustfile directory, relative to it and sorted, when the library read it:
   * the `--locustfile` paths of the commands must name one of them.
   * @default - the files are not known (ConfigMaps given by name or object)
   */
  readonly locustfiles?: readonly string[];
  /**
   * Whether the lib ConfigMap was read from a directory, so that the library puts its mount path
   * on PYTHONPATH: Locust puts only its working directory and the locustfile's folder on sys.path.
   */
  readonly libOnPythonPath: boolean;
}

/** One file read from a directory: its path relative to the directory, in POSIX form. */
export interface SourceFile {
  readonly relativePath: string;
  readonly content: Buffer;
}

/**
 * Where a LocustTest's locustfiles (and optional lib modules) come from. Given to
 * `LocustTestProps.testFiles`, it fills `spec.testFiles.configMapRef` and `libConfigMapRef`.
 */
export abstract class TestFiles {
  /**
   * Reads a directory of the repository at construction and emits its files as a ConfigMap named
   * `<name>-locustfiles-<hash>` (and `<name>-lib-<hash>` for the lib directory). The hash covers
   * the file names and contents, so a changed script gives a new object (and, through the pod
   * template, new Jobs). Nested folders are flattened into keys (`pkg/util.py` becomes
   * `pkg__util.py`) and restored in the pod through the volume's `items`, which the operator
   * never writes: in operator mode nested folders are therefore refused. A missing or empty
   * directory, or files over the 1 MiB ConfigMap limit, are reported as problems.
   */
  public static fromDirectory(directory: string, options: DirectoryOptions = {}): TestFiles {
    return new DirectoryTestFiles(directory, options.libDirectory, options.requirementsFile);
  }

  /** ConfigMaps the app already defines with cdk8s-plus (any major), e.g. `new kplus.ConfigMap(...)`. */
  public static fromConfigMaps(locustfiles: ConfigMapReference, lib?: ConfigMapReference): TestFiles {
    return new NamedTestFiles(locustfiles.name, lib?.name);
  }

  /** ConfigMaps that already exist in the cluster, by name. */
  public static fromConfigMapNames(locustfiles: string, lib?: string): TestFiles {
    return new NamedTestFiles(locustfiles, lib);
  }

  /** @internal Resolves the references, emitting ConfigMaps under `scope` when needed. */
  public abstract _bind(scope: Construct, testName: string, namespace: string | undefined): ResolvedTestFiles;
}

class NamedTestFiles extends TestFiles {
  constructor(private readonly locustfiles: string, private readonly lib?: string) {
    super();
  }

  public _bind(): ResolvedTestFiles {
    return { configMapRef: this.locustfiles, libConfigMapRef: this.lib, volumeItems: {}, configMaps: [], problems: [], libOnPythonPath: false };
  }
}

class DirectoryTestFiles extends TestFiles {
  /**
   * What the first test of each app and namespace emitted: the tests sharing this object mount
   * those ConfigMaps instead of writing identical copies under their own names.
   */
  private readonly emitted = new WeakMap<IConstruct, Map<string, ResolvedTestFiles>>();

  constructor(private readonly directory: string, private readonly libDirectory?: string, private readonly requirementsFile?: string) {
    super();
  }

  public _bind(scope: Construct, testName: string, namespace: string | undefined): ResolvedTestFiles {
    const perNamespace = this.emitted.get(scope.node.root) ?? new Map<string, ResolvedTestFiles>();
    this.emitted.set(scope.node.root, perNamespace);
    const earlier = perNamespace.get(namespace ?? '');
    // The first test owns the ConfigMaps (and annotates them); the others only refer to them.
    if (earlier !== undefined) return { ...earlier, configMaps: [] };
    const bound = this.emit(scope, testName, namespace);
    if (bound.problems.length === 0) perNamespace.set(namespace ?? '', bound);
    return bound;
  }

  private emit(scope: Construct, testName: string, namespace: string | undefined): ResolvedTestFiles {
    const problems: Problem[] = [];
    const volumeItems: Record<string, JsonObject[]> = {};
    const configMaps: ApiObject[] = [];
    const emit = (id: string, dir: string, field: string, suffix: string): { name: string; files: string[] } | undefined => {
      const read = readDirectory(dir, field);
      problems.push(...read.problems);
      if (read.problems.length > 0) return undefined;
      const name = `${sanitizeName(testName)}-${suffix}-${contentHash(read.files)}`;
      const data = configMapData(read.files);
      configMaps.push(new KubeConfigMap(scope, id, { metadata: objectMetadata(name, namespace), ...data }));
      if (read.files.some((file) => file.relativePath.includes('/'))) volumeItems[name] = volumeItemsOf(read.files);
      return { name, files: read.files.map((file) => file.relativePath) };
    };
    const requirementsFile = this.requirementsFile === undefined ? undefined : requirementsPath(this.directory, this.requirementsFile, problems);
    const locustfileMap = emit('Locustfiles', this.directory, 'testFiles.directory', 'locustfiles');
    const lib = this.libDirectory === undefined ? undefined : emit('LocustLib', this.libDirectory, 'testFiles.libDirectory', 'lib');
    return {
      configMapRef: locustfileMap?.name,
      libConfigMapRef: lib?.name,
      volumeItems,
      configMaps,
      requirementsFile,
      problems,
      locustfiles: locustfileMap?.files,
      libOnPythonPath: lib !== undefined,
    };
  }
}

/**
 * The requirements file as a POSIX path inside the directory: it reaches the pods in the
 * locustfile ConfigMap, so it must be one of the directory's files.
 */
function requirementsPath(directory: string, file: string, problems: Problem[]): string | undefined {
  const field = 'testFiles.requirementsFile';
  const relative = path.relative(directory, path.resolve(directory, file)).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) {
    problems.push({ path: field, message: 'must be a file inside the locustfile directory, which carries it to the pods', value: file, fix: `move it into ${directory} and give its path there, e.g. requirements.txt` });
    return undefined;
  }
  if (!fs.statSync(path.join(directory, relative), { throwIfNoEntry: false })?.isFile()) {
    problems.push({ path: field, message: `is not a file of ${directory}`, value: file, fix: 'give the path of the requirements file inside the locustfile directory, e.g. requirements.txt' });
    return undefined;
  }
  return relative;
}

/** Every file under `dir`, sorted by path, or the problems that stop it from being a ConfigMap. */
export function readDirectory(dir: string, field: string): { files: SourceFile[]; problems: Problem[] } {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    const message = stat ? 'is not a directory' : 'does not exist';
    return { files: [], problems: [{ path: field, message, value: dir, fix: 'point it at a folder of the repository, relative to where cdk8s synth runs or absolute' }] };
  }
  const listing = listFiles(dir, field);
  if (listing.problems.length > 0) return { files: [], problems: listing.problems };
  const problems: Problem[] = [];
  if (listing.files.length === 0) {
    problems.push({ path: field, message: 'holds no files', value: dir, fix: 'add the locustfiles (or modules) to mount, or drop the option' });
  }
  const keys = new Map<string, string>();
  for (const { relativePath } of listing.files) {
    const key = configMapKey(relativePath);
    const keyProblem = configMapKeyProblem(key);
    if (keyProblem !== undefined) {
      problems.push({ path: field, message: `has a file whose name cannot be a ConfigMap key: the key ${keyProblem}`, value: relativePath, fix: 'rename the file' });
    }
    const clash = keys.get(key);
    if (clash !== undefined) {
      problems.push({ path: field, message: `has two files that flatten to the same ConfigMap key ${key}`, value: [clash, relativePath], fix: `rename one of them; folders are joined with ${FOLDER_SEPARATOR}` });
    }
    keys.set(key, relativePath);
  }
  // Sizes come from stat, before any file is read: a folder over the limit costs no memory.
  const size = listing.files.reduce((total, file) => total + file.relativePath.length + file.size, 0);
  if (size > MAX_CONFIG_MAP_BYTES) {
    const largest = [...listing.files].sort((x, y) => y.size - x.size)[0];
    problems.push({ path: field, message: `holds ${size} bytes, more than a ConfigMap can carry (1 MiB); the largest file is ${largest.relativePath} (${largest.size} bytes)`, value: dir, fix: 'split the files over the locustfile and lib directories, or build them into the image' });
  }
  if (problems.length > 0) return { files: [], problems };
  const files: SourceFile[] = [];
  for (const file of listing.files) {
    try {
      files.push({ relativePath: file.relativePath, content: fs.readFileSync(file.absolutePath) });
    } catch (error) {
      problems.push({ path: field, message: `has a file that cannot be read: ${describeSystemError(error)}`, value: file.relativePath, fix: 'make it readable by the user running cdk8s synth, or remove it' });
    }
  }
  return { files: problems.length > 0 ? [] : files, problems };
}

/** A file found under a directory: where it is in the pod, where it is read from, and its size. */
interface ListedFile {
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly size: number;
}

/**
 * The regular files under `dir` (relative POSIX paths, sorted), hidden entries and `__pycache__`
 * skipped. A symlink is followed when its target, resolved, stays inside `dir`: a file or folder
 * outside it, a link that loops, a dangling link and anything but files and folders are problems,
 * so that nothing the folder seems to hold is left out unseen.
 */
function listFiles(dir: string, field: string): { files: ListedFile[]; problems: Problem[] } {
  const root = fs.realpathSync(dir);
  const files: ListedFile[] = [];
  const problems: Problem[] = [];
  const problem = (relativePath: string, message: string, fix: string) => problems.push({ path: field, message, value: relativePath, fix });
  const walk = (relative: string, realFolder: string, visiting: ReadonlySet<string>) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      problem(relative || '.', `has a folder that cannot be listed: ${describeSystemError(error)}`, 'make it readable by the user running cdk8s synth, or remove it');
      return;
    }
    for (const entry of entries.filter((e) => !e.name.startsWith('.') && e.name !== '__pycache__')) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const absolutePath = path.join(dir, child);
      let real = path.join(realFolder, entry.name);
      if (entry.isSymbolicLink()) {
        try {
          real = fs.realpathSync(absolutePath);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') problem(child, 'has a symlink that loops', 'point the link at a file or folder, or remove it');
          else problem(child, `has a symlink whose target cannot be resolved: ${describeSystemError(error)}`, 'point the link at a file of the folder, or remove it');
          continue;
        }
        const inside = path.relative(root, real);
        if (inside.startsWith('..') || path.isAbsolute(inside)) {
          problem(child, `has a symlink that leaves the folder (to ${real}); only what is inside reaches the pods`, 'copy the file into the folder, or point the link inside it');
          continue;
        }
      }
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absolutePath);
      } catch (error) {
        problem(child, `has an entry that cannot be read: ${describeSystemError(error)}`, 'make it readable by the user running cdk8s synth, or remove it');
        continue;
      }
      if (stat.isDirectory()) {
        if (visiting.has(real)) {
          problem(child, 'has a symlink that loops back to a folder that holds it', 'remove the link');
          continue;
        }
        walk(child, real, new Set([...visiting, real]));
      } else if (stat.isFile()) {
        files.push({ relativePath: child, absolutePath, size: stat.size });
      } else {
        problem(child, 'has an entry that is not a regular file (a FIFO, socket or device)', 'remove it from the folder');
      }
    }
  };
  walk('', root, new Set([root]));
  files.sort((a, b) => byteOrder(a.relativePath, b.relativePath));
  return { files, problems };
}

export function configMapKey(relativePath: string): string {
  return relativePath.split('/').join(FOLDER_SEPARATOR);
}

/** First characters of the sha256 of every path and content, in sorted path order. */
export function contentHash(files: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.relativePath).update('\0').update(file.content).update('\0');
  }
  return hash.digest('hex').slice(0, HASH_LENGTH);
}

/** UTF-8 text goes to `data`; anything else (e.g. a compiled file) to `binaryData`, base64. */
export function configMapData(files: readonly SourceFile[]): { data?: Record<string, string>; binaryData?: Record<string, string> } {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const file of files) {
    const text = file.content.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(file.content)) data[configMapKey(file.relativePath)] = text;
    else binaryData[configMapKey(file.relativePath)] = file.content.toString('base64');
  }
  return {
    ...(Object.keys(data).length ? { data } : {}),
    ...(Object.keys(binaryData).length ? { binaryData } : {}),
  };
}

function volumeItemsOf(files: readonly SourceFile[]): JsonObject[] {
  return files.map((file) => ({ key: configMapKey(file.relativePath), path: file.relativePath }));
}

/**
 * The Job spec with `items` on the volumes of the given ConfigMaps, so that flattened keys land
 * in their folders again. Volumes of other ConfigMaps keep the operator's form (no items).
 */
export function withVolumeItems(jobSpec: JsonObject, volumeItems: Record<string, JsonObject[]>): JsonObject {
  if (Object.keys(volumeItems).length === 0) return jobSpec;
  const template = jobSpec.template as { spec: JsonObject };
  const volumes = (template.spec.volumes as JsonObject[] | undefined)?.map((volume) => {
    const configMap = volume.configMap as { name?: string } | undefined;
    const items = configMap?.name === undefined ? undefined : volumeItems[configMap.name];
    return items ? { ...volume, configMap: { ...configMap, items } } : volume;
  });
  if (!volumes) return jobSpec;
  return { ...jobSpec, template: { ...template, spec: { ...template.spec, volumes } } };
}
