import { formatProblem } from '../core/problems';
import { selectTest } from '../local-run/select';
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
  const { host, runTime, workers, timeoutSeconds, keep, noReports, baseline } = invocation;
  const options = { host, runTime, workers, timeoutSeconds, keep, noReports, baseline, reportsParent: invocation.reports };
  return { status: 0, stdout: '', stderr: warnings, localRun: { test: selected.test, options } };
}
