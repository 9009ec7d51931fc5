import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { TestFiles } from './test-files';
import { withPythonPathFolder } from './requirements';
import { LOCUSTFILE_OPTION, locustfilesOf, optionValues } from '../core/locust-args';
import { LocustRole } from '../core/names';
import { Problem } from '../core/problems';
import { commandWords } from '../pod/command';
import { libMountPath, PYTHONPATH, pythonPathHolds, srcMountPath } from '../pod/volumes';
import { isJsonObject, JsonObject, SpecJson } from '../spec/spec';

/** The spec with the test files option applied, and what binding it produced. */
export interface ComposedTestFiles {
  readonly spec: unknown;
  readonly volumeItems: Record<string, JsonObject[]>;
  readonly configMaps: ApiObject[];
  /** Path of the requirements file inside the locustfile directory, when one is installed. */
  readonly requirementsFile?: string;
  readonly problems: Problem[];
}

/**
 * Binds the `testFiles` option (emitting ConfigMaps under `scope` when it reads a directory) and
 * writes the references into `spec.testFiles`, keeping the mount paths the spec sets. A spec
 * that names ConfigMaps itself as well is a problem: one of the two would be ignored.
 */
export function withTestFiles(scope: Construct, testName: string, testFiles: TestFiles | undefined, spec: unknown, namespace: string | undefined): ComposedTestFiles {
  const none = { spec, volumeItems: {}, configMaps: [], problems: [] };
  if (testFiles === undefined) return none;
  const bound = testFiles._bind(scope, testName, namespace);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return { ...none, problems: bound.problems };
  const current = ((spec as JsonObject).testFiles ?? {}) as JsonObject;
  const problems = [...bound.problems];
  for (const field of ['configMapRef', 'libConfigMapRef']) {
    if (current[field] !== undefined) {
      problems.push({ path: `spec.testFiles.${field}`, message: 'is set both in the spec and by the testFiles option', value: current[field], fix: `remove spec.testFiles.${field} and let the testFiles option name the ConfigMap` });
    }
  }
  const refs: JsonObject = { configMapRef: bound.configMapRef };
  if (bound.libConfigMapRef !== undefined) refs.libConfigMapRef = bound.libConfigMapRef;
  if (refs.configMapRef === undefined) delete refs.configMapRef;
  let composed: JsonObject = { ...spec, testFiles: { ...current, ...refs } };
  if (bound.locustfiles !== undefined) problems.push(...missingLocustfileProblems(composed, bound.locustfiles));
  if (bound.libOnPythonPath) composed = withLibOnPythonPath(composed);
  return { spec: composed, volumeItems: bound.volumeItems, configMaps: bound.configMaps, requirementsFile: bound.requirementsFile, problems };
}

/**
 * The spec with the lib mount path on PYTHONPATH in `spec.env.variables`: appended to the
 * user's own PYTHONPATH value when there is one (their entries keep precedence), added as the
 * last variable otherwise. A PYTHONPATH read through valueFrom is left alone (its value is not
 * known here; the lib warning then asks for the path). A spec of the wrong shape is returned as
 * it is, for the schema check to report.
 */
function withLibOnPythonPath(spec: JsonObject): JsonObject {
  const libPath = libMountPath(spec as Pick<SpecJson, 'testFiles'>);
  const env = spec.env ?? {};
  if (!isJsonObject(env)) return spec;
  const variables = env.variables ?? [];
  if (!Array.isArray(variables) || !variables.every(isJsonObject)) return spec;
  const own = variables.find((variable) => variable.name === PYTHONPATH);
  if (own !== undefined && (typeof own.value !== 'string' || own.valueFrom !== undefined || pythonPathHolds(own.value, libPath))) return spec;
  return { ...spec, env: { ...env, variables: withPythonPathFolder(variables, libPath) } };
}

/** Where the locustfile flags of one role's arguments point, with the field each came from. */
function locustfilePaths(role: JsonObject, roleName: LocustRole): Array<{ path: string; field: string }> {
  const sources: Array<{ words: unknown[]; field: string }> = [];
  if (typeof role.command === 'string') sources.push({ words: commandWords(role.command), field: `spec.${roleName}.command` });
  if (Array.isArray(role.extraArgs)) sources.push({ words: role.extraArgs, field: `spec.${roleName}.extraArgs` });
  const found: Array<{ path: string; field: string }> = [];
  for (const { words, field } of sources) {
    for (const value of optionValues(words, LOCUSTFILE_OPTION)) {
      for (const path of locustfilesOf(value).filter((entry) => entry !== '')) found.push({ path, field });
    }
  }
  return found;
}

/**
 * Every `-f`/`--locustfile` path of master and worker must be a file of the directory the
 * library read (at the src mount path), its folder, or a package folder in it; Locust adds
 * `.py` to a name without it. Anything else fails in the pod at once.
 */
export function missingLocustfileProblems(spec: JsonObject, files: readonly string[]): Problem[] {
  const mountPath = srcMountPath(spec as Pick<SpecJson, 'testFiles'>);
  const present = (path: string): boolean => {
    if (path === mountPath || path === `${mountPath}/`) return true;
    if (!path.startsWith(`${mountPath}/`)) return false;
    const relative = path.slice(mountPath.length + 1).replace(/\/$/, '');
    return files.includes(relative) || files.includes(`${relative}.py`) || files.some((file) => file.startsWith(`${relative}/`));
  };
  const problems: Problem[] = [];
  for (const roleName of [LocustRole.MASTER, LocustRole.WORKER]) {
    const role = spec[roleName];
    if (!isJsonObject(role)) continue;
    for (const { path, field } of locustfilePaths(role, roleName)) {
      if (present(path)) continue;
      problems.push({
        path: field,
        message: `names the locustfile ${path}, which is not in the directory given to TestFiles.fromDirectory (mounted at ${mountPath})`,
        value: path,
        fix: `use one of ${files.map((file) => `${mountPath}/${file}`).join(', ')}, or add the file to the directory`,
      });
    }
  }
  return problems;
}
