import { Cron } from 'cdk8s';
import type { CronExpressionParser } from 'cron-parser';
import { lowerFirst } from '../core/text';
import { LocustRole, sanitizeName } from '../core/names';
import { Problem } from '../core/problems';
import { JsonObject } from '../spec/spec';

/**
 * A run still going when the next one is due is left alone: the next run is skipped, so two
 * soaks never load the target at once and a master never meets the workers of another run.
 */
export const CONCURRENCY_POLICY = 'Forbid';
/**
 * How late a missed run may still start (the controller was down, or the previous run was still
 * going). Both CronJobs use it, so at worst their runs start this far apart.
 */
export const STARTING_DEADLINE_SECONDS = 300;
/** Finished runs kept, with their pods and logs: the Kubernetes defaults, written out. */
export const SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
export const FAILED_JOBS_HISTORY_LIMIT = 1;
/**
 * How long a scheduled master waits for all its workers (`--expect-workers-max-wait`) before it
 * gives up and exits 1. It covers the skew between the two CronJobs, which is seconds on time and
 * at most `STARTING_DEADLINE_SECONDS` for a late start, plus the time to pull and start the
 * worker pods. Without it a master whose workers never came would wait forever and, with
 * `Forbid`, skip every later run.
 */
export const EXPECT_WORKERS_MAX_WAIT_SECONDS = 600;
/** Kubernetes' limit: the controller appends an 11-character suffix to name the Jobs. */
export const MAX_CRONJOB_NAME_LENGTH = 52;
/** Longest test name whose `-master` and `-worker` CronJob names fit. */
const MAX_SCHEDULED_NAME_LENGTH = MAX_CRONJOB_NAME_LENGTH - `-${LocustRole.MASTER}`.length;

/**
 * The macros the CronJob controller's parser (robfig/cron, `ParseStandard`) accepts instead of five
 * fields; `@midnight` is `@daily`. `@every <duration>` is accepted too.
 */
export const CRON_MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
/** A Go duration, as `@every` takes it: `1h30m`, `90s`, `1.5h`. */
const GO_DURATION = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*$/;
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];
/** Letters robfig/cron reads: month names in the month field, day names in the day-of-week field. */
const NAMES: Record<number, RegExp> = {
  3: /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/i,
  4: /^(sun|mon|tue|wed|thu|fri|sat)$/i,
};

/**
 * What the API server would refuse in a CronJob schedule, as a sentence starting with a verb;
 * undefined for a schedule Kubernetes accepts. The CronJob controller parses schedules with
 * robfig/cron: five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC,
 * day of week 0-6 or SUN-SAT; `*`, `?`, lists, ranges and steps), or a macro. cron-parser checks
 * the ranges; what robfig refuses and cron-parser reads (its `L`, `W`, `#` and `H`, a day of week
 * 7, a `TZ=` prefix) is refused here first. One difference on purpose: a date that never comes
 * (`0 0 31 2 *`), which Kubernetes stores and never runs, is refused too.
 */
export function cronScheduleProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) {
    const [macro, ...rest] = trimmed.split(/\s+/);
    if (macro === '@every') return rest.length === 1 && GO_DURATION.test(rest[0]) ? undefined : 'takes one duration after @every, such as 1h or 30m';
    if (CRON_MACROS[macro] !== undefined && rest.length === 0) return undefined;
    return `is not a macro Kubernetes knows (${Object.keys(CRON_MACROS).join(', ')}, @every <duration>)`;
  }
  const fields = trimmed.split(/\s+/);
  if (/^(CRON_)?TZ=/.test(trimmed)) return 'names a time zone, which the API server refuses in a schedule';
  if (fields.length !== 5) return `has ${fields.length} field${fields.length === 1 ? '' : 's'} where a schedule has five fields (minute hour day-of-month month day-of-week)`;
  for (const [index, field] of fields.entries()) {
    for (const part of field.split(/[,/-]/)) {
      if (part === '*' || part === '?' || /^[0-9]+$/.test(part) || NAMES[index]?.test(part)) continue;
      return `has ${JSON.stringify(part)} in its ${FIELD_NAMES[index]} field, which Kubernetes does not read`;
    }
  }
  if (fields[4].split(/[,-]/).some((part) => /^[0-9]+$/.test(part.split('/')[0]) && Number(part.split('/')[0]) > 6)) {
    return 'has a day of week above 6 (0 and SUN are Sunday; Kubernetes refuses 7)';
  }
  try {
    // Loaded on the first schedule: with its date library it takes about 25 ms, which an app
    // without a schedule should not pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parser = (require('cron-parser') as { CronExpressionParser: typeof CronExpressionParser }).CronExpressionParser;
    parser.parse(trimmed);
  } catch (error) {
    return `is out of range: ${lowerFirst((error as Error).message)}`;
  }
  return undefined;
}

/**
 * A cdk8s `Cron` holding an expression exactly as written (a macro such as `@daily`, or five
 * fields joined by single spaces), for schedules read from YAML.
 */
export class CronExpression extends Cron {
  public readonly expressionString: string;

  constructor(expression: string) {
    super();
    this.expressionString = expression.trim().split(/\s+/).join(' ');
  }
}

/** What schedule mode is combined with, for the problems it cannot be combined with. */
export interface ScheduleRequest {
  readonly name: unknown;
  readonly hook: boolean;
  /** The run id, if one was given. */
  readonly runId?: unknown;
}

export function validateSchedule(schedule: Cron | undefined, request: ScheduleRequest): Problem[] {
  if (schedule === undefined) return [];
  const problems: Problem[] = [];
  const expression = schedule.expressionString;
  const wrong = cronScheduleProblem(expression);
  if (wrong !== undefined) {
    problems.push({ path: 'schedule', message: `is not a cron schedule Kubernetes accepts: it ${wrong}`, value: expression, fix: 'use Cron.daily() or Cron.schedule({ minute: \'0\', hour: \'2\' })' });
  }
  if (request.hook) {
    problems.push({ path: 'schedule', message: 'cannot be combined with an Argo CD hook: a run comes either from the schedule or from each sync', value: expression, fix: 'drop the hook to run on the schedule, or drop the schedule to run after each sync' });
  }
  if (request.runId !== undefined) {
    problems.push({ path: 'runId', message: 'means nothing with a schedule: every scheduled run is a new run', value: request.runId, fix: 'drop the run id' });
  }
  if (typeof request.name === 'string' && sanitizeName(request.name).length > MAX_SCHEDULED_NAME_LENGTH) {
    problems.push({ path: 'metadata.name', message: `is too long for a schedule: the CronJob names would exceed ${MAX_CRONJOB_NAME_LENGTH} characters (at most ${MAX_SCHEDULED_NAME_LENGTH})`, value: request.name, fix: `shorten the name to ${MAX_SCHEDULED_NAME_LENGTH} characters or fewer` });
  }
  return problems;
}

/** The CronJob spec running the Job spec, unchanged, on the schedule. */
export function cronJobSpec(schedule: Cron, jobSpec: JsonObject): JsonObject {
  return {
    schedule: schedule.expressionString,
    concurrencyPolicy: CONCURRENCY_POLICY,
    startingDeadlineSeconds: STARTING_DEADLINE_SECONDS,
    successfulJobsHistoryLimit: SUCCESSFUL_JOBS_HISTORY_LIMIT,
    failedJobsHistoryLimit: FAILED_JOBS_HISTORY_LIMIT,
    jobTemplate: { spec: jobSpec },
  };
}

