import { Duration } from 'cdk8s';
import { LocustTestOptions } from '../construct/options';
import { ArgoCdHook } from '../gitops/argocd';
import { Problem } from '../core/problems';
import { nearestName } from '../core/suggest';
import { CronExpression, cronScheduleProblem } from '../gitops/schedule';
import { thresholdsOfAnnotation } from './thresholds-annotation-option';
import { THRESHOLDS_ANNOTATION } from '../verdict/thresholds-annotation';
import { BASELINE_ANNOTATION, REGRESSION_LIMITS_ANNOTATION, regressionOfAnnotations } from '../verdict/regression-annotation';

/**
 * Annotations on a LocustTest resource that choose how the command line runs it: the construct's
 * `argoCd.hook`, `argoCd.startDelay` and `schedule`. The prefix is the run id's: no DNS domain, so
 * no collision with annotations of anyone who owns one.
 */
export const ARGOCD_HOOK_ANNOTATION = 'cdk8s-locust/argocd-hook';
export const START_DELAY_ANNOTATION = 'cdk8s-locust/start-delay';
export const SCHEDULE_ANNOTATION = 'cdk8s-locust/schedule';

/** The prefix of the annotations the command line reads; any other key under it is a mistake. */
export const ANNOTATION_PREFIX = 'cdk8s-locust/';
/** Every annotation of a LocustTest resource the command line reads. */
export const KNOWN_ANNOTATIONS: readonly string[] = [ARGOCD_HOOK_ANNOTATION, SCHEDULE_ANNOTATION, START_DELAY_ANNOTATION, THRESHOLDS_ANNOTATION, BASELINE_ANNOTATION, REGRESSION_LIMITS_ANNOTATION].sort();

const annotationPath = (key: string) => `metadata.annotations[${JSON.stringify(key)}]`;

/** Where the construct option each annotation sets is named in problems, for the command line. */
const OPTION_PATHS: Record<string, string> = {
  'argoCd.hook': annotationPath(ARGOCD_HOOK_ANNOTATION),
  'argoCd.startDelay': annotationPath(START_DELAY_ANNOTATION),
  'schedule': annotationPath(SCHEDULE_ANNOTATION),
  'runId': '--run-id',
  'regression.baseline': annotationPath(BASELINE_ANNOTATION),
};

/** The options the annotations ask for, on top of the command line's, or the problems with them. */
export function optionsFromAnnotations(annotations: unknown, base: LocustTestOptions): { options: LocustTestOptions; problems: Problem[] } {
  const given = typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations) ? annotations as Record<string, unknown> : {};
  const problems: Problem[] = [...unknownAnnotations(given)];
  let options = base;

  const hook = given[ARGOCD_HOOK_ANNOTATION];
  const hooks = Object.values(ArgoCdHook) as string[];
  if (hook !== undefined) {
    if (typeof hook === 'string' && hooks.includes(hook)) {
      // A hook is an Argo CD layout: it turns Argo CD mode on for this test, --argocd or not.
      options = { ...options, argoCd: { ...options.argoCd, hook: hook as ArgoCdHook } };
    } else {
      problems.push({ path: annotationPath(ARGOCD_HOOK_ANNOTATION), message: `must be one of ${hooks.join(', ')}`, value: hook, fix: 'use PostSync to run the test after each sync, or Sync' });
    }
  }

  const delay = given[START_DELAY_ANNOTATION];
  if (delay !== undefined) {
    if (typeof delay === 'string' && /^[1-9][0-9]*$/.test(delay)) {
      options = { ...options, argoCd: { ...options.argoCd, startDelay: Duration.seconds(Number(delay)) } };
    } else {
      problems.push({ path: annotationPath(START_DELAY_ANNOTATION), message: 'must be a whole number of seconds, at least 1, as a string', value: delay, fix: 'use e.g. "30", the default terminationGracePeriodSeconds of the pods to wait for' });
    }
  }

  const schedule = given[SCHEDULE_ANNOTATION];
  if (schedule !== undefined) {
    const wrong = typeof schedule === 'string' ? cronScheduleProblem(schedule) : 'is not a string';
    if (wrong === undefined) {
      options = { ...options, schedule: new CronExpression(schedule as string) };
    } else {
      problems.push({ path: annotationPath(SCHEDULE_ANNOTATION), message: `must be a cron schedule Kubernetes accepts: five fields (minute hour day-of-month month day-of-week) or a macro such as @daily; it ${wrong}`, value: schedule, fix: 'use e.g. "0 2 * * *" for every night at 02:00' });
    }
  }

  // The verdict's annotation: the construct's thresholds, in a syntax of its own (docs/cli.md).
  const thresholds = thresholdsOfAnnotation(given[THRESHOLDS_ANNOTATION]);
  problems.push(...thresholds.problems);
  if (thresholds.thresholds !== undefined) options = { ...options, thresholds: thresholds.thresholds };

  // The regression gate's annotations: the construct's regression, baseline and limits.
  const regression = regressionOfAnnotations(given);
  problems.push(...regression.problems);
  if (regression.regression !== undefined) options = { ...options, regression: regression.regression };
  return { options, problems };
}

/**
 * Keys under the command line's prefix that it does not read, and keys whose prefix is a
 * misspelling of it: a misspelt `cdk8s-locust/treshold` would otherwise turn the gate off unseen.
 */
function unknownAnnotations(given: Record<string, unknown>): Problem[] {
  const prefix = ANNOTATION_PREFIX.slice(0, -1);
  return Object.keys(given).sort().filter((key) => {
    if (KNOWN_ANNOTATIONS.includes(key)) return false;
    const slash = key.indexOf('/');
    return slash > 0 && nearestName(key.slice(0, slash), [prefix]) !== undefined;
  }).map((key) => {
    const near = nearestName(key, KNOWN_ANNOTATIONS) ?? nearestName(`${ANNOTATION_PREFIX}${key.slice(key.indexOf('/') + 1)}`, KNOWN_ANNOTATIONS);
    const fix = near === undefined ? `use one of ${KNOWN_ANNOTATIONS.join(', ')}, or drop it` : `did you mean ${near}? rename it`;
    return { path: annotationPath(key), message: `is not an annotation the command line reads (it reads ${KNOWN_ANNOTATIONS.join(', ')})`, value: given[key], fix };
  });
}

/** A construct problem with the option it names replaced by the annotation or flag that set it. */
export function inCommandLineTerms(problem: Problem): Problem {
  const path = OPTION_PATHS[problem.path];
  return path === undefined ? problem : { ...problem, path };
}
