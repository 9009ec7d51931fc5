import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { strictProblem } from '../checks/warnings';
import { LocustTest } from '../construct/locust-test';
import { OperatorConfig } from '../operator/operator-config';
import { Problem } from '../core/problems';
import { configMapData, TestFiles } from '../test-files/test-files';

/**
 * `cdk8s-locust run -f DIR_OR_FILE --host URL`: a LocustTest made from a locustfile with the
 * library's defaults, so that a first try needs no YAML. The objects are those a synthesized app
 * would hold (ConfigMap, Service, Jobs), which `run` then runs like any rendered test.
 */

/** What `run -f` was given. */
export interface LocustfileTestRequest {
  /** A locustfile, or a folder holding `locustfile.py` or a single `.py` file. */
  readonly path: string;
  /** The target, Locust's `--host`. */
  readonly host: string;
  /** @default 1 */
  readonly users?: number;
  /** Users started per second. @default - all users at once (the number of users) */
  readonly spawnRate?: number;
  /** @default '1m' */
  readonly runTime?: string;
  /** @default 1 */
  readonly workers?: number;
  /** The operator settings the objects are built for. @default - the Helm chart's defaults */
  readonly operatorConfig?: OperatorConfig;
  /** Warnings are problems. @default - the environment's CDK8S_LOCUST_STRICT */
  readonly strict?: boolean;
}

/** The defaults of `run -f`: one user for a minute, enough to see the test work, bounded. */
export const LOCUSTFILE_RUN_DEFAULTS = { users: 1, runTime: '1m', workers: 1, image: 'locustio/locust' } as const;
/** Where the operator mounts the locustfiles. */
const SRC_MOUNT = '/lotest/src';

type JsonMap = Record<string, unknown>;

/** The locustfile a folder runs: its `locustfile.py`, else its only Python file. */
function locustfileOfFolder(dir: string): { file?: string; problem?: Problem } {
  const python = fs.readdirSync(dir).filter((name) => name.endsWith('.py') && fs.statSync(path.join(dir, name)).isFile()).sort();
  if (python.includes('locustfile.py')) return { file: 'locustfile.py' };
  if (python.length === 1) return { file: python[0] };
  return {
    problem: {
      path: '-f',
      message: python.length === 0 ? 'names a folder without Python files' : 'names a folder of several Python files and no locustfile.py',
      value: python.length === 0 ? dir : python,
      fix: python.length === 0 ? 'give a locustfile or the folder that holds it' : `give the locustfile itself, e.g. -f ${path.join(dir, python[0])}, or name it locustfile.py`,
    },
  };
}

/** A DNS-1035 name from a file or folder name: `checkout_v2.py` gives `checkout-v2`. */
export function testNameOf(base: string): string {
  // At most 40 characters, well within the 56 a test name may have.
  const name = base.replace(/\.py$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 40).replace(/-+$/, '');
  return name === '' ? 'locust' : name;
}

/** The objects of the test, or the problems that stop it; warnings are the test's own. */
export function locustfileTestObjects(request: LocustfileTestRequest): { name: string; objects: JsonMap[]; problems: Problem[]; warnings: Problem[] } {
  const stat = fs.statSync(request.path, { throwIfNoEntry: false });
  const fail = (problem: Problem) => ({ name: '', objects: [], problems: [problem], warnings: [] });
  if (!stat) return fail({ path: '-f', message: 'does not exist', value: request.path, fix: 'give a locustfile or a folder of locustfiles' });
  const folder = stat.isDirectory() ? request.path : path.dirname(request.path);
  let locustfile: string;
  if (stat.isDirectory()) {
    const found = locustfileOfFolder(request.path);
    if (found.problem) return fail(found.problem);
    locustfile = found.file!;
  } else {
    locustfile = path.basename(request.path);
  }
  const name = testNameOf(stat.isDirectory() ? path.basename(path.resolve(request.path)) : locustfile);
  const users = request.users ?? LOCUSTFILE_RUN_DEFAULTS.users;
  const spawnRate = request.spawnRate ?? users;
  const runTime = request.runTime ?? LOCUSTFILE_RUN_DEFAULTS.runTime;
  const chart = new Chart(new App(), 'run');
  const extraObjects: JsonMap[] = [];
  let testFiles: TestFiles;
  if (stat.isDirectory()) {
    testFiles = TestFiles.fromDirectory(folder);
  } else {
    // A file alone, with the Python modules beside it that it may import, as Locust would find
    // them; not the whole folder, which may be a repository.
    const modules = fs.readdirSync(folder).filter((file) => file === locustfile || (file.endsWith('.py') && fs.statSync(path.join(folder, file)).isFile())).sort();
    const files = modules.map((file) => ({ relativePath: file, content: fs.readFileSync(path.join(folder, file)) }));
    const configMapName = `${name}-locustfiles`;
    extraObjects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: configMapName }, ...configMapData(files) });
    testFiles = TestFiles.fromConfigMapNames(configMapName);
  }
  const file = `${SRC_MOUNT}/${locustfile}`;
  const test = new LocustTest(chart, 'test', {
    name,
    testFiles,
    operatorConfig: request.operatorConfig,
    strict: request.strict,
    spec: {
      image: LOCUSTFILE_RUN_DEFAULTS.image,
      master: { command: `--locustfile ${file} --host ${request.host} --users ${users} --spawn-rate ${spawnRate} --run-time ${runTime}` },
      worker: { command: `--locustfile ${file}`, replicas: request.workers ?? LOCUSTFILE_RUN_DEFAULTS.workers },
    },
  });
  const problems = [...test.problems, ...(test.strict ? test.warnings.map(strictProblem) : [])];
  if (problems.length > 0) return { name, objects: [], problems, warnings: [] };
  const objects = chart.node.findAll().filter(ApiObject.isApiObject).map((object) => object.toJson() as JsonMap);
  return { name, objects: [...extraObjects, ...objects], problems: [], warnings: [...test.warnings] };
}
