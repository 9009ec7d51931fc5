import { writeFileSync } from 'node:fs';
import { Yaml } from 'cdk8s';
import { formatProblem } from '../core/problems';
import { ExecuteOptions } from '../local-run/runner';
import { LocalTest, selectTest } from '../local-run/select';
import { parseInvocation, USAGE } from './args';
import { runCompare } from './compare-command';
import { loadOperatorConfig } from './operator-config-file';
import { describeSystemError, readInputs, STDIN_NAME } from './read-input';
import { DocumentRenderer } from './render-command';
import { Report } from './report';
import { packageVersion } from '../core/version';
import { parseDocuments } from './yaml-documents';

/** What a run printed and its exit status; the caller writes it, so tests need no process. */
export interface RunResult {
  readonly status: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
  /** For `run`, once the input is read and the test found: what the caller starts next (`executeLocalRun`). @default - nothing to start */
  readonly localRun?: LocalRunRequest;
}

/** The test `run` picked and how to run it; starting processes is left to the caller. */
export interface LocalRunRequest {
  readonly test: LocalTest;
  readonly options: ExecuteOptions;
}

/**
 * Runs the command line. Output is produced whole and returned only when everything succeeded,
 * so that bad input never leaves half a bundle on stdout or in the `--output` file.
 */
export function run(args: readonly string[]): RunResult {
  // compare reads run summaries, not LocustTests: its own options and exit codes.
  if (args[0] === 'compare') return runCompare(args.slice(1));
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

  const renderer = new DocumentRenderer(operatorConfig, report, invocation.action === 'run' ? { strict: invocation.strict } : {
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
  // Rendered manifests hold no LocustTest: run finds its test among the objects instead.
  if (!report.failed && invocation.action !== 'run') reportNothingToRender(renderer, invocation.files, report);
  if (report.failed) return { status: 1, stdout: '', stderr: report.toString() };
  // Warnings, if any, go to stderr on success too.
  const warnings = report.toString();
  if (invocation.action === 'validate') return { status: 0, stdout: '', stderr: warnings };
  if (invocation.action === 'run') {
    const selected = selectTest(objects, invocation.test);
    if ('problem' in selected) return { status: 1, stdout: '', stderr: `${warnings}cdk8s-locust: ${formatProblem(selected.problem)}\n` };
    const { host, runTime, workers, timeoutSeconds, keep, noReports, baseline } = invocation;
    const options = { host, runTime, workers, timeoutSeconds, keep, noReports, baseline, reportsParent: invocation.reports };
    return { status: 0, stdout: '', stderr: warnings, localRun: { test: selected.test, options } };
  }

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

/**
 * An input without any LocustTest is a mistake (a wrong file, an empty pipe, `--run-id FILE`):
 * succeeding with no output would let a CI gate pass on nothing.
 */
function reportNothingToRender(renderer: DocumentRenderer, files: readonly string[], report: Report): void {
  const { documents, locustTests } = renderer.seen;
  if (locustTests > 0) return;
  const inputs = files.map((file) => (file === '-' ? STDIN_NAME : file)).join(', ');
  const what = documents === 0 ? 'holds no documents' : `holds ${documents} document${documents === 1 ? '' : 's'} and no LocustTest`;
  report.inputProblem(inputs, `${what}; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input`);
}
