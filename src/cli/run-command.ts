import { formatWarning } from '../checks/warnings';
import { formatProblem } from '../core/problems';
import { selectTest } from '../local-run/select';
import { manifestProblems } from '../local-run/manifest-check';
import { RunInvocation } from './args';
import { CommandResult, failure } from './command-result';
import { folderConfigMaps } from './files-option';
import { locustfileTestObjects } from './locustfile-run';
import { readOperatorConfig } from './operator-config-file';
import { renderInputs } from './rendered-inputs';
import { Report } from './report';

/**
 * `cdk8s-locust run`: renders the inputs and picks the test to run; starting its Locust processes
 * is left to the caller (`localRun`). Rendered manifests hold no LocustTest, so the test is found
 * among the objects, and an input without any is not a problem of its own here.
 */
export function runCommand(invocation: RunInvocation): CommandResult {
  const { report, objects } = renderInputs(invocation.files, invocation.operatorConfig, { strict: invocation.strict });
  if (!report.failed) objects.push(...runInputs(invocation, report));
  if (report.failed) return failure(report);
  const warnings = report.toString();
  const selected = selectTest(objects, invocation.test);
  if ('problem' in selected) return { status: 1, stdout: '', stderr: `${warnings}cdk8s-locust: ${formatProblem(selected.problem)}\n` };
  // A hand-edited manifest is refused field by field before any process starts.
  const broken = manifestProblems(selected.test);
  if (broken.length > 0) return { status: 1, stdout: '', stderr: `${warnings}${broken.map((problem) => `cdk8s-locust: ${formatProblem(problem)}\n`).join('')}` };
  const { host, useTestHost, timeoutSeconds, keep, locust, noReports, baseline } = invocation;
  // The test `-f` makes already has the run time and workers asked for.
  const { runTime, workers } = invocation.locustfile === undefined ? invocation : { runTime: undefined, workers: undefined };
  const options = { host, useTestHost, runTime, workers, timeoutSeconds, keep, locust, noReports, baseline, reportsParent: invocation.reports };
  return { status: 0, stdout: '', stderr: warnings, localRun: { test: selected.test, options } };
}

/**
 * What `run` adds to the objects of its files: the test `-f` makes from a locustfile, and the
 * ConfigMaps of `--files NAME=DIR`. Problems and warnings go to the report.
 */
function runInputs(invocation: RunInvocation, report: Report): Record<string, unknown>[] {
  if (invocation.locustfile !== undefined) {
    // Read once more only when given: renderInputs has read it without problems.
    const operatorConfig = invocation.operatorConfig === undefined ? undefined : readOperatorConfig(invocation.operatorConfig, report);
    const made = locustfileTestObjects({
      path: invocation.locustfile,
      operatorConfig,
      strict: invocation.strict,
      host: invocation.host!,
      users: invocation.users,
      spawnRate: invocation.spawnRate,
      runTime: invocation.runTime,
      workers: invocation.workers,
    });
    for (const problem of made.problems) report.inputProblem(invocation.locustfile, formatProblem(problem));
    for (const warning of made.warnings) report.warning(invocation.locustfile, made.name, formatWarning(warning));
    return made.objects;
  }
  const folders = folderConfigMaps(invocation.folderConfigMaps ?? []);
  for (const problem of folders.problems) report.inputProblem(problem.path, formatProblem({ ...problem, path: '' }).trimStart());
  return folders.objects;
}
