import { packageVersion } from '../core/version';
import { parseInvocation, USAGE, USAGE_HINT } from './args';
import { CommandResult } from './command-result';
import { compareCommand } from './compare-command';
import { renderCommand } from './render-command';
import { runCommand } from './run-command';
import { validateCommand } from './validate-command';

/** Hands the arguments to their command; help, the version and usage errors need none. */
export function dispatch(args: readonly string[]): CommandResult {
  // compare reads run summaries, not LocustTests: its own options and exit codes.
  if (args[0] === 'compare') return compareCommand(args.slice(1));
  const invocation = parseInvocation(args);
  switch (invocation.action) {
    case 'help': return { status: 0, stdout: USAGE, stderr: '' };
    case 'version': return { status: 0, stdout: `${packageVersion()}\n`, stderr: '' };
    // One line to act on; the whole usage is one flag away.
    case 'usage-error': return { status: 2, stdout: '', stderr: `cdk8s-locust: ${invocation.message}\n${USAGE_HINT}\n` };
    case 'render': return renderCommand(invocation);
    case 'validate': return validateCommand(invocation);
    case 'run': return runCommand(invocation);
  }
}
