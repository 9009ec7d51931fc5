import { RenderInvocation } from './args';
import { CommandResult, failure } from './command-result';
import { renderOptions } from './render-command';
import { renderInputs, reportNothingToRender } from './rendered-inputs';

/** `cdk8s-locust validate`: renders as `render` does, with the same options, and writes nothing. */
export function validateCommand(invocation: RenderInvocation): CommandResult {
  const { report, renderer } = renderInputs(invocation.files, invocation.operatorConfig, renderOptions(invocation));
  if (!report.failed) reportNothingToRender(renderer, invocation.files, report);
  if (report.failed) return failure(report);
  // Warnings, if any, go to stderr on success too.
  return { status: 0, stdout: '', stderr: report.toString() };
}
