import { writeFileSync } from 'node:fs';
import { Yaml } from 'cdk8s';
import { LocustTestOptions } from '../construct/options';
import { RenderInvocation } from './args';
import { CommandResult, failure } from './command-result';
import { describeSystemError } from './read-input';
import { renderInputs, reportNothingToRender } from './rendered-inputs';

/**
 * `cdk8s-locust render`: the objects of every LocustTest, as one YAML bundle on stdout or in the
 * `--output` file. Output is produced whole and written only when everything succeeded, so that
 * bad input never leaves half a bundle.
 */
export function renderCommand(invocation: RenderInvocation): CommandResult {
  const { report, objects, renderer } = renderInputs(invocation.files, invocation.operatorConfig, renderOptions(invocation));
  if (!report.failed) reportNothingToRender(renderer, invocation.files, report);
  if (report.failed) return failure(report);
  // Warnings, if any, go to stderr on success too.
  const warnings = report.toString();
  // The writer `cdk8s synth` uses, so the bundle reads exactly like a synthesized app; one
  // document at a time, joined as it joins them: spreading 150,000 objects as arguments would
  // overflow the stack.
  const yaml = objects.map((object) => Yaml.stringify(object)).join('---\n');
  if (invocation.output === undefined) return { status: 0, stdout: yaml, stderr: warnings };
  try {
    writeFileSync(invocation.output, yaml);
  } catch (error) {
    report.inputProblem(invocation.output, `cannot be written: ${describeSystemError(error)}`);
    return failure(report);
  }
  return { status: 0, stdout: '', stderr: warnings };
}

/** The construct's options the command line's flags stand for; `validate` takes the same. */
export function renderOptions(invocation: RenderInvocation): LocustTestOptions {
  return { argoCd: invocation.argoCd ? {} : undefined, runId: invocation.runId, podSecurity: invocation.podSecurity, strict: invocation.strict };
}
