#!/usr/bin/env node
import { run, RunResult } from './dispatch';

function main(): RunResult {
  try {
    return run(process.argv.slice(2));
  } catch (error) {
    // Bad input is reported by `run`; reaching here is a bug, still told in one line.
    const message = error instanceof Error ? error.message : String(error);
    return { status: 1, stdout: '', stderr: `cdk8s-locust: internal error: ${message.split('\n')[0]}; please report it with the input that caused it\n` };
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
