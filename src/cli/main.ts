#!/usr/bin/env node
import { executeLocalRun } from '../local-run/runner';
import { CommandResult } from './command-result';
import { dispatch } from './dispatch';

/** Bad input is reported by the commands; reaching here is a bug, still told in one line. */
function internalError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `cdk8s-locust: internal error: ${message.split('\n')[0]}; please report it with the input that caused it\n`;
}

function main(): CommandResult {
  try {
    return dispatch(process.argv.slice(2));
  } catch (error) {
    return { status: 1, stdout: '', stderr: internalError(error) };
  }
}

// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
const result = main();
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.status;
if (result.localRun !== undefined) {
  const { test, options } = result.localRun;
  // Ctrl-C, a stopping CI job or a closed terminal stop the Locust processes too, and the
  // temporary folder goes; a second signal kills them at once instead of waiting for them.
  const interrupt = new AbortController();
  const kill = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupt.signal.aborted) kill.abort(signal);
      else interrupt.abort(signal);
    });
  }
  executeLocalRun(test, { ...options, signal: interrupt.signal, kill: kill.signal }, process).then(
    (status) => { process.exitCode = status; },
    (error: unknown) => {
      process.stderr.write(internalError(error));
      process.exitCode = 1;
    },
  );
}
