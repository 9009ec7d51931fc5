import { App } from 'cdk8s';

/**
 * Synthesizes an app for `cdk8s synth`, turning validation failures into a readable report on
 * stderr and exit status 1 instead of a stack trace. Nothing is written when validation fails.
 * Errors that are not validation failures are rethrown: they are bugs, and their stack helps.
 *
 * @returns whether the app was synthesized
 */
export function synthOrReport(app: App, stderr: NodeJS.WritableStream = process.stderr): boolean {
  // `App.synth()` creates the output directory before it validates, so validation runs first here.
  const errors = validationErrors(app);
  if (errors.length > 0) {
    stderr.write(`Validation failed with the following errors:\n  ${errors.join('\n  ')}\n`);
    process.exitCode = 1;
    return false;
  }
  app.synth();
  return true;
}

/** Every construct's validation errors, as `[path] error`, in the order cdk8s reports them. */
function validationErrors(app: App): string[] {
  const errors: string[] = [];
  for (const construct of app.node.findAll()) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
  }
  return errors;
}
