import { parseArgs, ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
/** What node's parser gives for these options, read strictly with positionals allowed. */
type ParsedOptions<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>>;
import { closestName, lowerFirst } from '../core/text';
import { MAX_LOCAL_WORKERS, parseLocustDuration } from '../local-run/plan';
import { PodSecurity } from '../pod/pod-security';
import { FolderConfigMap, parseFolderConfigMap } from './files-option';

/** The text printed by `--help`, and on stderr with every usage error. */
export const USAGE = `usage: cdk8s-locust <command> [options] [FILE...]

Renders locust.io/v2 LocustTest custom resources into the Service, master Job and worker Job
the Locust Kubernetes operator v2 would create, without the operator in the cluster.

commands:
  render [FILE...]    write every document of the input as multi-document YAML, each LocustTest
                      replaced by its Service, master Job and worker Job; other documents pass
                      through with their keys sorted
  validate [FILE...]  check the input the same way, write nothing; exit status 0 when valid
  run FILE...         run one test of the input on this machine: its master and workers as
                      local \`locust\` processes with the containers' args and env, mounted
                      files in a temporary folder, the master Service's name as 127.0.0.1;
                      FILE is rendered manifests (dist/*.k8s.yaml) or LocustTest resources;
                      like \`locust\` itself, it executes the test's locustfiles and installs
                      its requirements (pip, setup.py included) with your user's rights: run
                      only tests you would run with \`locust\`
  run -f LOCUSTFILE --host URL
                      run a locustfile (or a folder with locustfile.py) as a LocustTest with
                      the library's defaults: 1 user, 1 worker, 1m, image locustio/locust
  compare BASE NEW    compare two runs' summaries (or _stats.csv files) endpoint by endpoint;
                      exit status 1 on a regression (see cdk8s-locust compare --help)

FILE is a multi-document YAML file; no FILE, or -, reads standard input.

options:
  -o, --output FILE           render: write the YAML to FILE instead of standard output
      --operator-config FILE  a YAML map of the operator's environment variables
                              (POD_CPU_REQUEST, ENABLE_AFFINITY_CR_INJECTION, ...); absent ones
                              take the operator's Helm chart defaults
      --argocd                Argo CD mode: both Jobs get Force=true,Replace=true sync options,
                              the Service an earlier sync wave than the Jobs
      --run-id ID             annotate both Jobs' pod templates with ID, so that a new ID
                              makes Argo CD replace the Jobs and run the test again
      --pod-security restricted
                              write pods that pass the restricted Pod Security Standard
                              (non-root, no privilege escalation, capabilities dropped, no
                              service-account token, web UI on 127.0.0.1); default: the
                              operator's pods, which pass baseline
      --strict                treat warnings (traps such as --headless with the exporter
                              sidecar) as errors
run options:
      --test NAME             the test to run, when the input holds several
      --host URL              the target, given to Locust as --host (default: the test's)
      --use-test-host         load the test's own target although it is a name inside the
                              cluster (*.svc, *.cluster.local, a bare Service name), which
                              this machine resolves with its own DNS; without it or --host
                              such a target is an error
      --run-time T            the master's run time, e.g. 10s or 2m (default: the test's)
      --workers N             how many worker processes, 1 to ${MAX_LOCAL_WORKERS} (default: the worker
                              Job's parallelism, which must be in that range too)
      --timeout S             stop every process S seconds after the run starts (default: the
                              run time plus 60 s, or 600 s when the test has no run time)
      --keep                  keep the temporary folder (files, worker logs) after the run
      --locust COMMAND        the Locust program to start: a path such as .venv/bin/locust,
                              or a name on PATH (default: locust)
      --files NAME=DIR        a ConfigMap NAME of the files of DIR, for a test whose
                              testFiles.configMapRef names a ConfigMap the input lacks
                              (repeatable)
  -f, --locustfile PATH       run -f: the locustfile, or a folder holding it
      --users N               run -f: how many users (default 1)
      --spawn-rate R          run -f: users started per second (default: all at once)
      --reports DIR           keep the HTML, CSV and summary reports in DIR/<name>-<UTC time>/
                              (default: ./locust-reports)
      --no-reports            keep no reports (the recap still reads the run's summary)
      --baseline FILE         compare the run with a summary of an earlier run and fail it on a
                              regression (average and p95 +20%, requests/s -10%, fail ratio +1 point)
  -h, --help                  print this help
  -V, --version               print the version

annotations on a LocustTest choose how it runs and how it is judged:
  cdk8s-locust/argocd-hook: PostSync   both Jobs become Argo CD hooks of that phase (or Sync)
  cdk8s-locust/start-delay: "30"       with a hook: both pods wait that many seconds first
  cdk8s-locust/schedule: "0 2 * * *"   two CronJobs on that schedule instead of the Jobs
  cdk8s-locust/thresholds: "fail-ratio<=0.01, p95<=800ms"
                                       the master exits 1 when a threshold is breached

the full reference: docs/cli.md of the package (node_modules/cdk8s-locust/docs/cli.md)

exit status: 0 success, 1 invalid input (one line per problem on stderr, nothing written),
2 usage error; run: the master's exit code (0 when no request failed), 124 when the time
bound stopped it, 128 + the signal's number when a signal stopped it (130 for Ctrl-C)
`;

/** The line after a usage error, instead of the whole usage. */
export const USAGE_HINT = 'run cdk8s-locust --help for the commands and options';

/** What the command line asked for. */
export type Invocation =
  | { readonly action: 'help' }
  | { readonly action: 'version' }
  | { readonly action: 'usage-error'; readonly message: string }
  | RenderInvocation
  | RunInvocation;

/** What `render` and `validate` were asked for: validate renders the same, and writes nothing. */
export interface RenderInvocation {
  readonly action: 'render' | 'validate';
  /** Input files in order; `-` is standard input. */
  readonly files: readonly string[];
  readonly output?: string;
  readonly operatorConfig?: string;
  readonly argoCd: boolean;
  readonly runId?: string;
  /** Set only when given. */
  readonly podSecurity?: PodSecurity;
  /** Set only when given, so that CDK8S_LOCUST_STRICT=1 still applies otherwise. */
  readonly strict?: true;
}

/** What `run` was asked for. */
export interface RunInvocation {
  readonly action: 'run';
  readonly files: readonly string[];
  readonly operatorConfig?: string;
  readonly strict?: true;
  readonly test?: string;
  readonly host?: string;
  /** Set only when given: the test's own target is confirmed. */
  readonly useTestHost?: true;
  readonly runTime?: string;
  readonly workers?: number;
  readonly timeoutSeconds?: number;
  readonly keep: boolean;
  /** `--locust`: the Locust program, a path or a name on PATH. @default - locust on PATH */
  readonly locust?: string;
  /** `-f`: a locustfile or folder to run instead of FILE. @default - the test of FILE */
  readonly locustfile?: string;
  readonly users?: number;
  readonly spawnRate?: number;
  /** `--files NAME=DIR`, in order. @default - none */
  readonly folderConfigMaps?: readonly FolderConfigMap[];
  /** The folder holding one reports folder per run. @default - ./locust-reports */
  readonly reports?: string;
  readonly noReports: boolean;
  /** A summary the run is compared with. @default - the test's own baseline, if any */
  readonly baseline?: string;
}

const COMMANDS = ['render', 'validate', 'run'];

/** Every option, as node's parser reads them. */
const OPTIONS = {
  'output': { type: 'string', short: 'o' },
  'operator-config': { type: 'string' },
  'argocd': { type: 'boolean' },
  'run-id': { type: 'string' },
  'pod-security': { type: 'string' },
  'strict': { type: 'boolean' },
  'test': { type: 'string' },
  'host': { type: 'string' },
  'use-test-host': { type: 'boolean' },
  'run-time': { type: 'string' },
  'workers': { type: 'string' },
  'timeout': { type: 'string' },
  'keep': { type: 'boolean' },
  'locust': { type: 'string' },
  'files': { type: 'string', multiple: true },
  'locustfile': { type: 'string', short: 'f' },
  'users': { type: 'string' },
  'spawn-rate': { type: 'string' },
  'reports': { type: 'string' },
  'no-reports': { type: 'boolean' },
  'baseline': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
  'version': { type: 'boolean', short: 'V' },
} as const;
/**
 * Parses a command's arguments with node's own parser, strictly, positionals allowed: the parsed
 * values, or the one line to show (`unknown option --hots; did you mean --host?`, or where
 * `listedBy` lists the options). Every command reads its options this way.
 */
export function parseOptions<T extends OptionsConfig>(args: readonly string[], options: T, listedBy: string): ParsedOptions<T> | { usageError: string } {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    return { usageError: parseErrorMessage(error, Object.keys(options), listedBy) };
  }
}

/**
 * node's parser throws TypeErrors with a code; their message is for the user, except an unknown
 * option's, which explains `--` at length with an unbalanced quote: that one becomes one line,
 * with the nearest of `longOptions` where one is close, else where the options are listed.
 */
function parseErrorMessage(error: unknown, longOptions: readonly string[], listedBy: string): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const option = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && typeof message === 'string' ? /'([^']+)'/.exec(message)?.[1] : undefined;
  if (option === undefined) return lowerFirst(typeof message === 'string' ? message : String(error));
  const close = option.startsWith('--') ? closestName(option.replace(/^-+/, ''), longOptions) : undefined;
  return close === undefined ? `unknown option ${option}; ${listedBy} lists the options` : `unknown option ${option}; did you mean --${close}?`;
}

/** Options of `run` alone, and options `run` refuses: they change what is rendered for a cluster, not what runs. */
const RUN_ONLY = ['test', 'host', 'use-test-host', 'run-time', 'workers', 'timeout', 'keep', 'locust', 'files', 'locustfile', 'users', 'spawn-rate', 'reports', 'no-reports', 'baseline'] as const;
const RENDER_ONLY = ['output', 'argocd', 'run-id', 'pod-security'] as const;
/** What the inputs are called: a run id never looks like this, a file name given by mistake does. */
const INPUT_FILE = /\.(ya?ml|json)$/i;

/** Parses the arguments (without `node` and the script) with node's own parser. */
export function parseInvocation(args: readonly string[]): Invocation {
  const parsed = parseOptions(args, OPTIONS, 'cdk8s-locust --help');
  if ('usageError' in parsed) return { action: 'usage-error', message: parsed.usageError };
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  if (values.version) return { action: 'version' };
  const [command, ...files] = positionals;
  if (command === undefined) return { action: 'usage-error', message: 'a command is required: render, validate, run or compare' };
  if (!COMMANDS.includes(command)) {
    const close = closestName(command, [...COMMANDS, 'compare']);
    return { action: 'usage-error', message: `unknown command ${JSON.stringify(command)}: ${close ? `did you mean ${close}? ` : ''}use render, validate, run or compare` };
  }
  if (command === 'run') return parseRun(files, values);
  const runOption = RUN_ONLY.find((name) => values[name] !== undefined);
  if (runOption !== undefined) return { action: 'usage-error', message: `--${runOption} is an option of run` };
  if (command === 'validate' && values.output !== undefined) return { action: 'usage-error', message: 'validate writes nothing: --output is for render' };
  for (const [flag, value] of [['--output', values.output], ['--operator-config', values['operator-config']]] as const) {
    if (value === '') return { action: 'usage-error', message: `${flag} needs a file name` };
  }
  const runId = values['run-id'];
  if (runId === '') return { action: 'usage-error', message: '--run-id needs a value, e.g. the date or a commit' };
  // `render --run-id mine.yaml` would take the file for the id and then read an empty stdin.
  if (runId !== undefined && (runId === '-' || INPUT_FILE.test(runId))) {
    return { action: 'usage-error', message: `--run-id needs a value before the files: ${JSON.stringify(runId)} is an input file, e.g. --run-id 2026-11-22-1 ${runId}` };
  }
  const podSecurity = values['pod-security'];
  const profiles: string[] = Object.values(PodSecurity);
  if (podSecurity !== undefined && !profiles.includes(podSecurity)) {
    return { action: 'usage-error', message: `--pod-security must be ${profiles.join(' or ')} (got ${JSON.stringify(podSecurity)})` };
  }
  if (values['operator-config'] === '-') return { action: 'usage-error', message: '--operator-config needs a file: standard input is for the documents' };
  return {
    action: command as 'render' | 'validate',
    files: files.length > 0 ? files : ['-'],
    output: values.output,
    operatorConfig: values['operator-config'],
    argoCd: values.argocd === true,
    runId,
    ...(podSecurity === undefined ? {} : { podSecurity: podSecurity as PodSecurity }),
    strict: values.strict === true ? true : undefined,
  };
}

function parseRun(files: string[], values: Record<string, string | boolean | string[] | undefined>): Invocation {
  const renderOption = RENDER_ONLY.find((name) => values[name] !== undefined);
  if (renderOption !== undefined) return { action: 'usage-error', message: `run does not take --${renderOption}: it changes what is rendered for a cluster, not what runs` };
  const text = (name: string) => values[name] as string | undefined;
  const locustfile = text('locustfile');
  const fromLocustfile = locustfileOptions(files, values, locustfile);
  if ('action' in fromLocustfile) return fromLocustfile;
  if (locustfile === undefined && (files.length === 0 || files.includes('-'))) return { action: 'usage-error', message: 'run needs FILE: the rendered manifests or LocustTest resources (standard input is not read), or -f LOCUSTFILE --host URL' };
  const host = text('host');
  if (host !== undefined && !/^https?:\/\/[^\s/]+/.test(host)) return { action: 'usage-error', message: `--host must be a URL starting with http:// or https:// (got ${JSON.stringify(host)})` };
  const runTime = text('run-time');
  if (runTime !== undefined && parseLocustDuration(runTime) === undefined) return { action: 'usage-error', message: `--run-time must be a Locust duration such as 30s, 5m or 1h30m (got ${JSON.stringify(runTime)})` };
  const workers = text('workers');
  if (workers !== undefined && !(/^[1-9]\d*$/.test(workers) && Number(workers) <= MAX_LOCAL_WORKERS)) {
    return { action: 'usage-error', message: `--workers must be a whole number from 1 to ${MAX_LOCAL_WORKERS} (got ${JSON.stringify(workers)})` };
  }
  const timeout = text('timeout');
  if (timeout !== undefined && !(/^\d+(\.\d+)?$/.test(timeout) && Number(timeout) > 0)) return { action: 'usage-error', message: `--timeout must be a number of seconds above 0 (got ${JSON.stringify(timeout)})` };
  if (text('test') === '') return { action: 'usage-error', message: '--test needs the name of a test' };
  if (text('operator-config') === '') return { action: 'usage-error', message: '--operator-config needs a file name' };
  if (text('locust') === '') return { action: 'usage-error', message: '--locust needs a program: a path such as .venv/bin/locust, or a name on PATH' };
  if (text('reports') === '') return { action: 'usage-error', message: '--reports needs a folder, e.g. --reports locust-reports' };
  if (text('reports') !== undefined && values['no-reports'] === true) return { action: 'usage-error', message: '--reports and --no-reports exclude each other: keep one' };
  if (text('baseline') === '') return { action: 'usage-error', message: '--baseline needs a summary file, e.g. --baseline locust-reports/<name>-<time>/<name>.summary.json' };
  return {
    action: 'run',
    files,
    operatorConfig: text('operator-config'),
    strict: values.strict === true ? true : undefined,
    test: text('test'),
    host,
    useTestHost: values['use-test-host'] === true ? true : undefined,
    runTime,
    workers: workers === undefined ? undefined : Number(workers),
    timeoutSeconds: timeout === undefined ? undefined : Number(timeout),
    keep: values.keep === true,
    locust: text('locust'),
    ...fromLocustfile,
    reports: text('reports'),
    noReports: values['no-reports'] === true,
    baseline: text('baseline'),
  };
}

/** The options of `run -f` and `--files`, checked against each other and against FILE. */
function locustfileOptions(files: string[], values: Record<string, string | boolean | string[] | undefined>, locustfile: string | undefined): Pick<RunInvocation, 'locustfile' | 'users' | 'spawnRate' | 'folderConfigMaps'> | { action: 'usage-error'; message: string } {
  const usage = (message: string) => ({ action: 'usage-error' as const, message });
  const folders: FolderConfigMap[] = [];
  for (const text of (values.files as string[] | undefined) ?? []) {
    const folder = parseFolderConfigMap(text);
    if (folder === undefined) return usage(`--files needs NAME=DIR, NAME a ConfigMap name such as locust-tests (got ${JSON.stringify(text)})`);
    folders.push(folder);
  }
  const count = (name: string, what: string): number | undefined | string => {
    const text = values[name] as string | undefined;
    if (text === undefined) return undefined;
    return /^[1-9]\d*$/.test(text) ? Number(text) : `--${name} must be ${what} (got ${JSON.stringify(text)})`;
  };
  const users = count('users', 'a whole number of at least 1');
  const spawnRate = values['spawn-rate'] === undefined ? undefined : /^\d+(\.\d+)?$/.test(values['spawn-rate'] as string) && Number(values['spawn-rate']) > 0 ? Number(values['spawn-rate']) : `--spawn-rate must be a number of users per second above 0 (got ${JSON.stringify(values['spawn-rate'])})`;
  if (typeof users === 'string') return usage(users);
  if (typeof spawnRate === 'string') return usage(spawnRate);
  if (locustfile === undefined) {
    const only = users !== undefined ? '--users' : spawnRate !== undefined ? '--spawn-rate' : undefined;
    if (only !== undefined) return usage(`${only} is for run -f: a test of FILE has its users in its master command`);
    return folders.length > 0 ? { folderConfigMaps: folders } : {};
  }
  if (locustfile === '') return usage('-f needs a locustfile or a folder of locustfiles');
  if (files.length > 0) return usage(`run takes FILE or -f, not both (got ${files.join(' ')} and -f ${locustfile})`);
  if (values.host === undefined) return usage('run -f needs --host URL: the target the users load, e.g. --host http://127.0.0.1:8080');
  if (values.test !== undefined) return usage('run -f runs the one test it makes: --test is for FILE');
  if (folders.length > 0) return usage('run -f mounts its own folder: --files is for FILE');
  return { locustfile, users, spawnRate };
}
