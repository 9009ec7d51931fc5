import { parseArgs } from 'node:util';
import { lowerFirst } from '../core/text';

/** The text printed by `--help`, and on stderr with every usage error. */
export const USAGE = `usage: cdk8s-locust <command> [options] [FILE...]

Renders locust.io/v2 LocustTest custom resources into the Service, master Job and worker Job
the Locust Kubernetes operator v2 would create, without the operator in the cluster.

commands:
  render [FILE...]    write every document of the input as multi-document YAML, each LocustTest
                      replaced by its Service, master Job and worker Job; other documents pass
                      through with their keys sorted
  validate [FILE...]  check the input the same way, write nothing; exit status 0 when valid

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
      --strict                treat warnings (traps such as --headless with the exporter
                              sidecar) as errors
  -h, --help                  print this help
  -V, --version               print the version

exit status: 0 success, 1 invalid input (one line per problem on stderr, nothing written),
2 usage error
`;

/** What the command line asked for. */
export type Invocation =
  | { readonly action: 'help' }
  | { readonly action: 'version' }
  | { readonly action: 'usage-error'; readonly message: string }
  | {
    readonly action: 'render' | 'validate';
    /** Input files in order; `-` is standard input. */
    readonly files: readonly string[];
    readonly output?: string;
    readonly operatorConfig?: string;
    readonly argoCd: boolean;
    readonly runId?: string;
    /** Set only when given, so that CDK8S_LOCUST_STRICT=1 still applies otherwise. */
    readonly strict?: true;
  };

const COMMANDS = ['render', 'validate'];
/** What the inputs are called: a run id never looks like this, a file name given by mistake does. */
const INPUT_FILE = /\.(ya?ml|json)$/i;

/** Parses the arguments (without `node` and the script) with node's own parser. */
export function parseInvocation(args: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        'output': { type: 'string', short: 'o' },
        'operator-config': { type: 'string' },
        'argocd': { type: 'boolean' },
        'run-id': { type: 'string' },
        'strict': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    // node's parser throws TypeErrors with a code; the message alone is for the user.
    const message = (error as { message?: unknown }).message;
    return { action: 'usage-error', message: lowerFirst(typeof message === 'string' ? message : String(error)) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  if (values.version) return { action: 'version' };
  const [command, ...files] = positionals;
  if (command === undefined) return { action: 'usage-error', message: 'a command is required: render or validate' };
  if (!COMMANDS.includes(command)) return { action: 'usage-error', message: `unknown command ${JSON.stringify(command)}: use render or validate` };
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
  if (values['operator-config'] === '-') return { action: 'usage-error', message: '--operator-config needs a file: standard input is for the documents' };
  return {
    action: command as 'render' | 'validate',
    files: files.length > 0 ? files : ['-'],
    output: values.output,
    operatorConfig: values['operator-config'],
    argoCd: values.argocd === true,
    runId,
    strict: values.strict === true ? true : undefined,
  };
}
