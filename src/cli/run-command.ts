import { formatProblem } from '../core/problems';
import { selectTest } from '../local-run/select';
import { manifestProblems } from '../local-run/manifest-check';
import { RunInvocation } from './args';
import { CommandResult, failure } from './command-result';
import { renderInputs } from './rendered-inputs';

/**
 * `cdk8s-locust run`: renders the inputs and picks the test to run; starting its Locust processes
 * is left to the caller (`localRun`). Rendered manifests hold no LocustTest, so the test is found
 * among the objects, and an input without any is not a problem of its own here.
 */
export function runCommand(invocation: RunInvocation): CommandResult {
  const { report, objects } = renderInputs(invocation.files, invocation.operatorConfig, { strict: invocation.strict });
  if (report.failed) return failure(report);
  const warnings = report.toString();
  const selected = selectTest(objects, invocation.test);
  if ('problem' in selected) return { status: 1, stdout: '', stderr: `${warnings}cdk8s-locust: ${formatProblem(selected.problem)}\n` };
  // A hand-edited manifest is refused field by field before any process starts.
  const broken = manifestProblems(selected.test);
  if (broken.length > 0) return { status: 1, stdout: '', stderr: `${warnings}${broken.map((problem) => `cdk8s-locust: ${formatProblem(problem)}\n`).join('')}` };
  const { host, runTime, workers, timeoutSeconds, keep } = invocation;
  return { status: 0, stdout: '', stderr: warnings, localRun: { test: selected.test, options: { host, runTime, workers, timeoutSeconds, keep } } };
}
