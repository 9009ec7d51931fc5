import { App } from 'cdk8s';

/**
 * Synthesizes an app for `cdk8s synth`, turning validation failures into a readable report on
 * stderr and exit status 1 instead of a stack trace. Nothing is written when validation fails.
 * Errors that are not validation failures are rethrown: they are bugs, and their stack helps.
 *
 * @returns whether the app was synthesized
 */
export function synthOrReport(app: App, stderr: NodeJS.WritableStream = process.stderr): boolean {
  try {
    app.synth();
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Validation failed')) {
      stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return false;
    }
    throw error;
  }
}
