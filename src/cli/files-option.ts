import * as path from 'node:path';
import { Problem } from '../core/problems';
import { configMapData, readDirectory } from '../test-files/test-files';

/**
 * `run --files NAME=DIR`: a ConfigMap named NAME holding the files of DIR, for a LocustTest that
 * names its locustfiles by `testFiles.configMapRef` (as the operator's samples do) and whose
 * ConfigMap is not in the input. Without a namespace, it serves the test in any namespace, as a
 * file applied with `kubectl -n` would.
 */

/** One `NAME=DIR` of `--files`. */
export interface FolderConfigMap {
  readonly name: string;
  readonly dir: string;
}

/** The ConfigMaps of the folders, or the problems that stop them. */
export function folderConfigMaps(folders: readonly FolderConfigMap[]): { objects: Record<string, unknown>[]; problems: Problem[] } {
  const objects: Record<string, unknown>[] = [];
  const problems: Problem[] = [];
  for (const { name, dir } of folders) {
    const field = `--files ${name}=${dir}`;
    const read = readDirectory(dir, field);
    // The folder is read from where the command runs, not from a cdk8s app.
    problems.push(...read.problems.map((problem) => (read.files.length === 0 && problem.value === dir && !problem.message.includes('no files')
      ? { ...problem, fix: 'give the folder of the test\'s locustfiles, relative to the current directory or absolute' }
      : problem)));
    // The operator mounts the ConfigMap without items: a file in a subfolder would land flattened.
    const nested = read.files.filter((file) => file.relativePath.includes('/')).map((file) => file.relativePath);
    if (nested.length > 0) {
      problems.push({ path: field, message: 'holds files in subfolders, which a ConfigMap mounted without items cannot restore', value: nested, fix: `give a flat folder, or make the test with TestFiles.fromDirectory(${JSON.stringify(path.basename(dir))}), which keeps subfolders` });
    }
    if (read.problems.length === 0 && nested.length === 0) {
      objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...configMapData(read.files) });
    }
  }
  return { objects, problems };
}

/** `NAME=DIR`, or undefined when the text is not of that form or NAME cannot name a ConfigMap. */
export function parseFolderConfigMap(text: string): FolderConfigMap | undefined {
  const match = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)=(.+)$/.exec(text);
  return match ? { name: match[1], dir: match[3] } : undefined;
}
