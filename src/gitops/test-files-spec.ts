import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { TestFiles } from './test-files';
import { Problem } from '../core/problems';
import { JsonObject } from '../spec/spec';

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
  return { spec: { ...spec, testFiles: { ...current, ...refs } }, volumeItems: bound.volumeItems, configMaps: bound.configMaps, requirementsFile: bound.requirementsFile, problems };
}
