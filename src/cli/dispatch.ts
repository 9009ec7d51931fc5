import { writeFileSync } from 'node:fs';
import { Yaml } from 'cdk8s';
import { parseInvocation, USAGE } from './args';
import { loadOperatorConfig } from './operator-config-file';
import { describeSystemError, readInputs } from './read-input';
import { DocumentRenderer } from './render-command';
import { Report } from './report';
import { packageVersion } from '../core/version';
import { parseDocuments } from './yaml-documents';

/** What a run printed and its exit status; the caller writes it, so tests need no process. */
export interface RunResult {
  readonly status: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the command line. Output is produced whole and returned only when everything succeeded,
 * so that bad input never leaves half a bundle on stdout or in the `--output` file.
 */
export function run(args: readonly string[]): RunResult {
  const invocation = parseInvocation(args);
  switch (invocation.action) {
    case 'help': return { status: 0, stdout: USAGE, stderr: '' };
    case 'version': return { status: 0, stdout: `${packageVersion()}\n`, stderr: '' };
    case 'usage-error': return { status: 2, stdout: '', stderr: `cdk8s-locust: ${invocation.message}\n\n${USAGE}` };
  }
  const report = new Report();
  const operatorConfig = invocation.operatorConfig === undefined ? undefined : loadOperatorConfig(invocation.operatorConfig, report);
  // With a broken operator configuration every test would repeat its problems: fix it first.
  if (report.failed) return { status: 1, stdout: '', stderr: report.toString() };

  const renderer = new DocumentRenderer(operatorConfig, report, {
    argoCd: invocation.argoCd ? {} : undefined,
    runId: invocation.runId,
    strict: invocation.strict,
  });
  const objects: Record<string, unknown>[] = [];
  for (const input of readInputs(invocation.files)) {
    if ('error' in input) {
      report.inputProblem(input.name, `cannot be read: ${input.error}`);
      continue;
    }
    const { documents, errors } = parseDocuments(input.text);
    for (const error of errors) report.located(input.name, error.line, error.column, error.message);
    objects.push(...renderer.render(input.name, documents));
  }
  if (report.failed) return { status: 1, stdout: '', stderr: report.toString() };
  // Warnings, if any, go to stderr on success too.
  const warnings = report.toString();
  if (invocation.action === 'validate') return { status: 0, stdout: '', stderr: warnings };

  // The writer `cdk8s synth` uses, so the bundle reads exactly like a synthesized app.
  const yaml = objects.length > 0 ? Yaml.stringify(...objects) : '';
  if (invocation.output === undefined) return { status: 0, stdout: yaml, stderr: warnings };
  try {
    writeFileSync(invocation.output, yaml);
  } catch (error) {
    report.inputProblem(invocation.output, `cannot be written: ${describeSystemError(error)}`);
    return { status: 1, stdout: '', stderr: report.toString() };
  }
  return { status: 0, stdout: '', stderr: warnings };
}
