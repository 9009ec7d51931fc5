import { formatProblem } from '../core/problems';
import { OperatorConfig } from '../operator/operator-config';
import { operatorConfigFromEnvironment } from '../operator/operator-config-env';
import { readOne } from './read-input';
import { Report } from './report';
import { parseDocuments } from './yaml-documents';

/**
 * Reads `--operator-config FILE`: one YAML mapping of the operator's environment variables.
 * Returns the configuration, or `undefined` after reporting every problem of the file.
 */
export function readOperatorConfig(file: string, report: Report): OperatorConfig | undefined {
  const input = readOne(file, file);
  if ('error' in input) {
    report.inputProblem(file, input.error);
    return undefined;
  }
  const { documents, errors } = parseDocuments(input.text);
  for (const error of errors) report.located(file, error.line, error.column, error.message);
  if (errors.length > 0) return undefined;
  if (documents.length > 1) {
    const second = documents[1];
    report.located(file, second.line, second.column, 'holds more than one document; put every setting in one mapping');
    return undefined;
  }
  const { config, problems } = operatorConfigFromEnvironment(documents[0]?.value ?? {});
  for (const problem of problems) report.inputProblem(file, formatProblem(problem));
  return problems.length > 0 ? undefined : config;
}
