import { ExecuteOptions } from '../local-run/runner';
import { LocalTest } from '../local-run/select';
import { Report } from './report';

/** What a command printed and its exit status; the caller writes it, so tests need no process. */
export interface CommandResult {
  readonly status: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
  /** For `run`, once the input is read and the test found: what the caller starts next (`executeLocalRun`). @default - nothing to start */
  readonly localRun?: LocalRunRequest;
}

/** The test `run` picked and how to run it; starting processes is left to the caller. */
export interface LocalRunRequest {
  readonly test: LocalTest;
  readonly options: ExecuteOptions;
}

/** Bad input: every problem on stderr, nothing on stdout. */
export function failure(report: Report): CommandResult {
  return { status: 1, stdout: '', stderr: report.toString() };
}
