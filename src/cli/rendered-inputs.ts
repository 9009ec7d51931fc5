import { LocustTestOptions } from '../construct/options';
import { DocumentRenderer } from './document-renderer';
import { readOperatorConfig } from './operator-config-file';
import { readInputs, STDIN_NAME } from './read-input';
import { Report } from './report';
import { parseDocuments } from './yaml-documents';

/** The objects every input renders to, and the report of what went wrong on the way. */
export interface RenderedInputs {
  readonly report: Report;
  readonly objects: Record<string, unknown>[];
  readonly renderer: DocumentRenderer;
}

/**
 * Reads the operator configuration, then every input in order, rendering each LocustTest with
 * `options`. A broken operator configuration stops before the inputs: every test would repeat
 * its problems.
 */
export function renderInputs(files: readonly string[], operatorConfigFile: string | undefined, options: LocustTestOptions): RenderedInputs {
  const report = new Report();
  const operatorConfig = operatorConfigFile === undefined ? undefined : readOperatorConfig(operatorConfigFile, report);
  const renderer = new DocumentRenderer(operatorConfig, report, options);
  const objects: Record<string, unknown>[] = [];
  if (report.failed) return { report, objects, renderer };
  for (const input of readInputs(files)) {
    if ('error' in input) {
      report.inputProblem(input.name, input.error);
      continue;
    }
    const { documents, errors } = parseDocuments(input.text);
    for (const error of errors) report.located(input.name, error.line, error.column, error.message);
    // One push per object: spreading 150,000 documents as arguments would overflow the stack.
    for (const object of renderer.render(input.name, documents)) objects.push(object);
  }
  return { report, objects, renderer };
}

/**
 * An input without any LocustTest is a mistake (a wrong file, an empty pipe, `--run-id FILE`):
 * succeeding with no output would let a CI gate pass on nothing.
 */
export function reportNothingToRender(renderer: DocumentRenderer, files: readonly string[], report: Report): void {
  const { documents, locustTests } = renderer.seen;
  if (locustTests > 0) return;
  const inputs = files.map((file) => (file === '-' ? STDIN_NAME : file)).join(', ');
  const what = documents === 0 ? 'holds no documents' : `holds ${documents} document${documents === 1 ? '' : 's'} and no LocustTest`;
  report.inputProblem(inputs, `${what}; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input`);
}
