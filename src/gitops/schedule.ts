import { Cron } from 'cdk8s';
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

/** A cron field: digits, names (JAN, MON), `*`, `?`, ranges, lists and steps. */
const CRON_FIELD = /^[0-9A-Za-z*?,/-]+$/;

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
  const fields = expression.split(' ');
  if (fields.length !== 5 || !fields.every((field) => CRON_FIELD.test(field))) {
    problems.push({ path: 'schedule', message: 'must be a cron expression of five fields (minute hour day-of-month month day-of-week)', value: expression, fix: 'use Cron.daily() or Cron.schedule({ minute: \'0\', hour: \'2\' })' });
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

