import { formatProblem, Problem } from '../core/problems';

/**
 * The lines written on stderr, one per problem, each starting with the input it is about:
 *
 * - `FILE: LocustTest NAME: spec.path what is wrong (got VALUE); how to fix` for a LocustTest;
 * - `FILE:LINE:COLUMN: what is wrong` for what is wrong with the YAML of an input;
 * - `FILE: what is wrong` for an input as a whole (unreadable, the operator configuration);
 * - `FILE: LocustTest NAME: warning: ...` for a trap a valid test falls into (not a failure).
 */
export class Report {
  private readonly lines: string[] = [];
  private problems = 0;

  /** Whether a problem was reported; warnings alone do not fail a run. */
  public get failed(): boolean {
    return this.problems > 0;
  }

  /** A problem of the LocustTest named `test` (or `document N` when it has no usable name). */
  public testProblem(file: string, test: string, problem: Problem): void {
    this.add(`${file}: LocustTest ${test}: ${formatProblem(problem)}`);
  }

  /** A trap the LocustTest falls into although it renders: `FILE: LocustTest NAME: warning: ...`. */
  public warning(file: string, test: string, text: string): void {
    this.lines.push(`${file}: LocustTest ${test}: warning: ${text}`);
  }

  /** A problem at a place in an input's text. */
  public located(file: string, line: number, column: number, message: string): void {
    this.add(`${file}:${line}:${column}: ${message}`);
  }

  /** A problem of an input as a whole, or of a setting in it. */
  public inputProblem(file: string, message: string): void {
    this.add(`${file}: ${message}`);
  }

  private add(line: string): void {
    this.lines.push(line);
    this.problems++;
  }

  /** Everything reported, one problem per line. */
  public toString(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }
}
