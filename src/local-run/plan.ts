import { posix } from 'node:path';
import { HOST_OPTION, RUN_TIME_OPTION, lastOptionValue, setsFlag } from '../core/locust-args';
import { formatProblem, Problem } from '../core/problems';
import { PodIdentity, expandReferences, resolveEnv } from './env';
import { KubeObject, LocalTest, listAt, mainContainerOf, objectLabel } from './select';
import { Sources } from './sources';
import { clusterTargetProblems } from './target';
import { PodEntry, mountedEntries } from './volumes';
import { containerPathProblem, normalContainerPath } from './contained';
import { REQUIREMENTS_CONTAINER_NAME, REQUIREMENTS_MOUNT_PATH, requirementsCommand } from '../test-files/requirements';

/** The working directory of the `locustio/locust` images, used when the container sets none. */
export const IMAGE_WORKING_DIR = '/home/locust';
/** Where every local process listens and connects: nothing of a local run is reachable from elsewhere. */
export const LOOPBACK = '127.0.0.1';
/**
 * The most worker processes a local run starts: one machine runs them all, each a Python
 * process of its own (Locust advises about one per core), and beyond this a typing mistake
 * (`--workers 1000`) would exhaust memory before any load is sent.
 */
export const MAX_LOCAL_WORKERS = 128;

/** What the user asked of the run, beyond the manifests. */
export interface LocalRunOptions {
  /** Locust's `--host` for master and workers. @default - the target the test names */
  readonly host?: string;
  /** Locust's `--run-time` for the master. @default - the test's own */
  readonly runTime?: string;
  /** How many worker processes, from 1 to `MAX_LOCAL_WORKERS`. @default - the worker Job's parallelism */
  readonly workers?: number;
  /**
   * Load the target the test names although it is a name inside the cluster (`*.svc`, a bare
   * Service name), which this machine resolves by its own DNS.
   * @default false - such a target is refused without `host`
   */
  readonly useTestHost?: boolean;
}

/** Facts of this machine the plan needs: where files go, which ports are free. */
export interface LocalRunSite {
  /** A fresh folder; every process gets a subfolder standing for its container's root. */
  readonly root: string;
  readonly masterPort: number;
  readonly webPort: number;
}

/** One `locust` process: its args, its container's env, its folder and the files to write first. */
export interface ProcessPlan {
  /** `master`, or `worker 1`, `worker 2`, ... */
  readonly label: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The container's working directory, in the process's folder. */
  readonly cwd: string;
  /** Files and folders of its mounts, at their place in the process's folder. */
  readonly entries: readonly PodEntry[];
  /**
   * Init containers run before it, in its folder: only the library's own `install-requirements`,
   * whose `python -m pip` the Python of the local `locust` runs. @default - none
   */
  readonly setup?: readonly SetupStep[];
}

/** An init container run on this machine: `python` and its args, with the container's env. */
export interface SetupStep {
  readonly label: string;
  /** The args after `python`. */
  readonly pythonArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** Everything a local run does, decided before any process starts. */
export interface LocalRunPlan {
  readonly master: ProcessPlan;
  readonly workers: readonly ProcessPlan[];
  /** The image the pods would run, which the local `locust` stands in for. */
  readonly image: string;
  /** Where the load goes, as the run prints it. */
  readonly target: string;
  /** Containers of the pods that are not started, each with the reason. */
  readonly notRun: readonly string[];
  /** The args appended to the containers' own, each with the reason. */
  readonly overrides: readonly string[];
  /** Volumes of the cluster (a claim) that an empty folder of the run stands in for, each with that folder. */
  readonly standIns: readonly string[];
  /** The master's run time in seconds, when it has one. */
  readonly runTimeSeconds?: number;
}

/** Seconds of a Locust duration: `90`, `10s`, `5m`, `1h30m`. */
export function parseLocustDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === '') return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** Locust's options that write a file, and the environment variables that set them. */
const FILE_OUTPUT_FLAGS = ['--html', '--csv', '--logfile', '--json-file'];

/**
 * The files Locust would write outside the process's folder: the values of its file options,
 * in args (`--html=V`, `--html V`) or in `LOCUST_*` variables, resolved from its working
 * directory after the container paths were mapped. A path the pod writes into a volume is mapped
 * into the folder; any other absolute path, or a relative one climbing out, would be written
 * on this machine.
 */
export function outputsOutside(args: readonly string[], env: Readonly<Record<string, string>>, cwd: string, root: string): { flag: string; value: string }[] {
  const found: { flag: string; value: string }[] = [];
  args.forEach((arg, i) => {
    for (const flag of FILE_OUTPUT_FLAGS) {
      if (arg === flag && i + 1 < args.length) found.push({ flag, value: args[i + 1] });
      else if (arg.startsWith(`${flag}=`)) found.push({ flag, value: arg.slice(flag.length + 1) });
    }
  });
  for (const flag of FILE_OUTPUT_FLAGS) {
    const variable = `LOCUST_${flag.slice(2).replace(/-/g, '_').toUpperCase()}`;
    if (env[variable] !== undefined && env[variable] !== '') found.push({ flag: variable, value: env[variable] });
  }
  return found.filter(({ value }) => !posix.resolve(cwd, value).startsWith(`${root}/`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites the absolute container paths in a value to their place under `root`: a path is
 * rewritten where it starts a word (after the start, `=`, `,`, `:` or a space) and ends at a
 * path boundary, so `/lotest/src` maps in `-f=/lotest/src/a.py,/lotest/src/b.py` and in
 * `PYTHONPATH=/opt/locust/lib:/x`, but `/lotest/srcs` does not.
 */
export function mapContainerPaths(text: string, containerPaths: readonly string[], root: string): string {
  if (containerPaths.length === 0) return text;
  const alternatives = [...containerPaths].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return text.replace(new RegExp(`(^|[=,:\\s])(${alternatives})(?=$|[/,:\\s])`, 'g'), (_, before: string, path: string) => `${before}${posix.join(root, path)}`);
}

/**
 * Replaces the Service's DNS names (`name`, `name.namespace`, `name.namespace.svc`,
 * `name.namespace.svc.cluster.local`) with the loopback address, where they stand as a host.
 */
export function mapServiceHost(text: string, service: string, namespace: string | undefined): string {
  const qualified = namespace === undefined ? '' : `(?:\\.${escapeRegExp(namespace)}(?:\\.svc(?:\\.cluster\\.local)?)?)?`;
  return text.replace(new RegExp(`(?<![A-Za-z0-9.-])${escapeRegExp(service)}${qualified}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'g'), LOOPBACK);
}

/**
 * Turns a test's manifests into the processes of a local run: each container's args and env as
 * the kubelet would give them, mounted files under the process's folder and the container paths
 * mapped there, the master Service's name mapped to 127.0.0.1, and the few args a run on one
 * machine needs appended (Locust keeps the last occurrence of a flag).
 */
export function planLocalRun(test: LocalTest, options: LocalRunOptions, site: LocalRunSite): { plan: LocalRunPlan } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const sources = new Sources(test.sources, test.namespace);
  const serviceName = String(test.service.metadata.name);
  const notRun: string[] = [];
  const overrides: string[] = [];
  const standIns: string[] = [];

  const processFor = (job: KubeObject, label: string, folder: string, extraArgs: string[]): ProcessPlan | undefined => {
    const pod: KubeObject = job.spec?.template?.spec ?? {};
    const container = mainContainerOf(job);
    const where = `${objectLabel(job)}: spec.template.spec.containers[${Array.isArray(pod.containers) ? pod.containers.indexOf(container) : 0}]`;
    if (container === undefined) {
      problems.push({ path: `${objectLabel(job)}: spec.template.spec.containers`, message: 'holds no container', fix: 'give the rendered manifests of the test' });
      return undefined;
    }
    const root = posix.join(site.root, folder);
    const identity: PodIdentity = {
      name: `${String(job.metadata.name)}-local`,
      namespace: test.namespace,
      labels: job.spec?.template?.metadata?.labels ?? {},
      annotations: job.spec?.template?.metadata?.annotations ?? {},
    };
    const resolved = resolveEnv(container, where, identity, sources);
    const mounted = mountedEntries(job, container, where, sources);
    problems.push(...resolved.problems, ...mounted.problems);
    for (const standIn of mounted.standIns) standIns.push(`${standIn.volume} of the ${label} (${standIn.mountPath}): the folder ${posix.join(root, standIn.mountPath)}`);
    const workingDirProblem = container.workingDir === undefined ? undefined : containerPathProblem(container.workingDir);
    if (workingDirProblem !== undefined) {
      problems.push({ path: `${where}.workingDir`, message: workingDirProblem, value: container.workingDir, fix: `give an absolute path, e.g. ${IMAGE_WORKING_DIR} (a container runtime refuses a relative one)` });
      return undefined;
    }
    const workingDir = normalContainerPath(container.workingDir ?? IMAGE_WORKING_DIR);
    const containerPaths = [...mounted.mountPaths, workingDir];
    const local = (value: string) => mapServiceHost(mapContainerPaths(value, containerPaths, root), serviceName, test.namespace);
    const env: Record<string, string> = {};
    for (const [name, value] of resolved.env) env[name] = local(value);
    const command = stringList(container, 'command', where, problems);
    const args = stringList(container, 'args', where, problems);
    if (command.length > 0 && posix.basename(String(command[0])) !== 'locust') {
      problems.push({ path: `${where}.command`, message: 'replaces the image\'s entrypoint with another program', value: command, fix: 'a local run starts locust with the container\'s args; leave command unset' });
    }
    const containerArgs = [...command.slice(1), ...args].map((arg) => local(expandReferences(arg, resolved.env)));
    const initContainers = listAt(pod, 'initContainers', `${objectLabel(job)}: spec.template.spec`, problems);
    const setup = initContainers.filter(isRequirementsInstall).flatMap((init: KubeObject): SetupStep[] => {
      const initWhere = `${objectLabel(job)}: spec.template.spec.initContainers[${initContainers.indexOf(init)}]`;
      const requirements = requirementsFileOf(init);
      if (requirements === undefined) {
        problems.push({
          path: `${initWhere}.command`,
          message: `is not the command this library writes for ${REQUIREMENTS_CONTAINER_NAME}, which is the only init container a local run runs`,
          value: [...stringList(init, 'command', initWhere, []), ...stringList(init, 'args', initWhere, [])],
          fix: `render the test again, or give the init container another name (a local run then leaves it out); it runs only: ${requirementsCommand('FILE').join(' ')}`,
        });
        return [];
      }
      const initEnv = resolveEnv(init, initWhere, identity, sources);
      const initMounts = mountedEntries(job, init, initWhere, sources);
      problems.push(...initEnv.problems, ...initMounts.problems);
      const initLocal = (value: string) => mapContainerPaths(value, [...initMounts.mountPaths, workingDir], root);
      const stepEnv: Record<string, string> = {};
      for (const [name, value] of initEnv.env) stepEnv[name] = local(value);
      // The library's own command, never the input's words: only the file it reads comes from the manifest.
      const pythonArgs = requirementsCommand(requirements).slice(1).map(initLocal);
      for (const path of [REQUIREMENTS_MOUNT_PATH, requirements]) {
        if (!initLocal(path).startsWith(`${root}/`)) {
          problems.push({ path: `${initWhere}.volumeMounts`, message: `mounts no volume at ${path}, so pip would read or write it on this machine`, value: initMounts.mountPaths, fix: 'render the test again: the library mounts the test files and the requirements folder there' });
        }
      }
      return [{ label: `${label} ${String(init.name)}`, pythonArgs, env: stepEnv }];
    });
    for (const { flag, value } of outputsOutside(containerArgs, env, posix.join(root, workingDir), root)) {
      problems.push({
        path: `${where}.${flag.startsWith('--') ? 'args' : 'env'}`,
        message: `has Locust write ${flag} to ${value}, outside the run's folder, on this machine`,
        value,
        fix: 'write it to a volume the pod mounts (an emptyDir, or the reports volume), or to a path under the working directory',
      });
    }
    return {
      label,
      args: [...containerArgs, ...extraArgs],
      env,
      ...(setup.length > 0 ? { setup } : {}),
      cwd: posix.join(root, workingDir),
      entries: [
        { kind: 'directory', path: posix.join(root, workingDir) },
        ...mounted.entries.map((entry) => ({ ...entry, path: posix.join(root, entry.path) })),
      ],
    };
  };

  for (const job of [test.masterJob, test.workerJob]) {
    const pod: KubeObject = job.spec?.template?.spec ?? {};
    const main = mainContainerOf(job);
    const initContainers = listAt(pod, 'initContainers', `${objectLabel(job)}: spec.template.spec`, []);
    for (const container of [...initContainers, ...listAt(pod, 'containers', `${objectLabel(job)}: spec.template.spec`, [])]) {
      if (container === main || isRequirementsInstall(container)) continue;
      const sidecar = container.restartPolicy === 'Always' ? 'sidecar' : initContainers.includes(container) ? 'init container' : 'container';
      notRun.push(`${sidecar} ${String(container.name)} of ${objectLabel(job)} (${String(container.image)}): only Locust runs locally`);
    }
  }

  const masterContainerArgs = stringList(mainContainerOf(test.masterJob), 'args', '', []);
  const workers = options.workers ?? workerCount(test.workerJob, problems);
  const masterExtra = [`--master-bind-host=${LOOPBACK}`, `--master-bind-port=${site.masterPort}`, `--web-host=${LOOPBACK}`, `--web-port=${site.webPort}`];
  overrides.push(`master: ${masterExtra.join(' ')} (listen on this machine only, on free ports)`);
  if (setsFlag(masterContainerArgs, '--autoquit')) {
    masterExtra.push('--autoquit=0');
    overrides.push('master: --autoquit=0 (the autoquit delay lets the exporter sidecar scrape the last figures; no sidecar runs here)');
  }
  if (options.workers !== undefined) {
    masterExtra.push(`--expect-workers=${workers}`);
    overrides.push(`master: --expect-workers=${workers} (--workers ${workers})`);
  }
  if (options.runTime !== undefined) {
    masterExtra.push(`--run-time=${options.runTime}`);
    overrides.push(`master: --run-time=${options.runTime} (--run-time)`);
  }
  const workerExtra = [`--master-port=${site.masterPort}`];
  overrides.push(`workers: --master-port=${site.masterPort} (the master's port on this machine; ${serviceName} is ${LOOPBACK})`);
  if (options.host !== undefined) {
    masterExtra.push(`--host=${options.host}`);
    workerExtra.push(`--host=${options.host}`);
    overrides.push(`master and workers: --host=${options.host} (--host)`);
  }

  const master = processFor(test.masterJob, 'master', 'master', masterExtra);
  const workerPlans: ProcessPlan[] = [];
  for (let i = 1; i <= workers; i++) {
    const plan = processFor(test.workerJob, `worker ${i}`, `worker-${i}`, workerExtra);
    if (plan !== undefined) workerPlans.push(plan);
    // Every worker pod shows the same problems: report them once.
    if (i === 1 && problems.length > 0) break;
  }
  // A volume shared by the Locust container and its init container is one problem, not two.
  if (problems.length > 0 || master === undefined) return { problems: problems.filter((problem, i) => problems.findIndex((other) => formatProblem(other) === formatProblem(problem)) === i) };
  if (options.host === undefined && options.useTestHost !== true) {
    const targets = clusterTargetProblems([master, ...workerPlans].map((process) => ({ label: process.label, target: lastOptionValue(process.args, HOST_OPTION)?.value })));
    if (targets.length > 0) return { problems: targets };
  }

  const hostOfTest = lastOptionValue(master.args, HOST_OPTION)?.value;
  const target = options.host !== undefined ? `${options.host} (from --host)`
    : hostOfTest !== undefined ? `${hostOfTest} (the master's --host)`
      : 'the host attribute of the locustfile\'s User classes (the test gives no --host)';
  const runTime = lastOptionValue(master.args, RUN_TIME_OPTION)?.value;
  return {
    plan: {
      master,
      workers: workerPlans,
      image: String(mainContainerOf(test.masterJob)?.image ?? ''),
      target,
      notRun,
      overrides,
      standIns,
      runTimeSeconds: runTime === undefined ? undefined : parseLocustDuration(runTime),
    },
  };
}

/** The library's init container that pip installs a requirements file, by its name: a local run runs it, in the library's form only. */
function isRequirementsInstall(container: KubeObject): boolean {
  return container.name === REQUIREMENTS_CONTAINER_NAME;
}

/**
 * The requirements file the init container installs, when its command is exactly the one the
 * library writes (no args, no other words) for an absolute file: anything else would have pip
 * run words of the input on this machine.
 */
function requirementsFileOf(init: KubeObject): string | undefined {
  const command: unknown = init.command;
  if (!Array.isArray(command) || command.length === 0 || (init.args !== undefined && !(Array.isArray(init.args) && init.args.length === 0))) return undefined;
  const file = command[command.length - 1];
  if (typeof file !== 'string' || containerPathProblem(file) !== undefined || file.split('/').includes('..')) return undefined;
  const expected = requirementsCommand(file);
  return expected.length === command.length && expected.every((word, i) => word === command[i]) ? file : undefined;
}

/** A list of strings of a container (`command`, `args`); anything else is a problem naming the field. */
function stringList(container: KubeObject | undefined, key: string, where: string, problems: Problem[]): string[] {
  const value: unknown = container?.[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((word) => typeof word === 'string')) return value;
  problems.push({ path: `${where}.${key}`, message: 'must be a list of strings', value, fix: `write ${key} as a YAML list of quoted words, e.g. ["--headless"]` });
  return [];
}

/** How many workers the worker Job runs: its `parallelism`, which a local run bounds. */
function workerCount(workerJob: KubeObject, problems: Problem[]): number {
  const parallelism: unknown = workerJob.spec?.parallelism ?? 1;
  if (typeof parallelism === 'number' && Number.isInteger(parallelism) && parallelism >= 1 && parallelism <= MAX_LOCAL_WORKERS) return parallelism;
  problems.push({
    path: `${objectLabel(workerJob)}: spec.parallelism`,
    message: `must be a whole number from 1 to ${MAX_LOCAL_WORKERS} for a local run`,
    value: parallelism,
    fix: `give the number of local workers with --workers N (1 to ${MAX_LOCAL_WORKERS})`,
  });
  return 0;
}

/** The long flags (`--name`) the processes pass to Locust, sorted, for checking them against the local Locust. */
export function longFlags(plan: LocalRunPlan): string[] {
  const flags = new Set<string>();
  for (const process of [plan.master, ...plan.workers]) {
    for (const arg of process.args) {
      const match = /^(--[A-Za-z0-9][A-Za-z0-9-]*)(=|$)/.exec(arg);
      if (match) flags.add(match[1]);
    }
  }
  return [...flags].sort();
}
