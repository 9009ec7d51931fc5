/**
 * A single thing wrong with a LocustTest spec or the objects it would produce.
 *
 * Every problem names the field path (`spec.worker.replicas`), shows the value that was received
 * and says how to fix it, so that a message is useful without reading the library's code.
 */
export interface Problem {
  /** Dotted field path with list indexes in brackets, e.g. `spec.volumeMounts[0].target`. */
  readonly path: string;
  /** What is wrong, as a predicate of the path: lowercase, no trailing period, e.g. `must be at least 1`. */
  readonly message: string;
  /** The value that was received; `undefined` for a missing field (shown as `nothing`). @default - the message shows no value */
  readonly value?: unknown;
  /** How to fix it, e.g. `set spec.worker.replicas between 1 and 500`. @default - the message gives no fix */
  readonly fix?: string;
}

/** Renders a value for an error message: strings quoted, objects as compact JSON, long values cut. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * One line per problem, read as a sentence: `spec.path what is wrong (got VALUE); how to fix`,
 * e.g. `spec.worker.replicas must be at least 1 (got 0); set spec.worker.replicas between 1 and 500`.
 */
export function formatProblem(problem: Problem): string {
  const got = 'value' in problem ? ` (got ${formatValue(problem.value)})` : '';
  const fix = problem.fix ? `; ${problem.fix}` : '';
  return `${problem.path} ${problem.message}${got}${fix}`;
}

/**
 * Thrown when the objects of a LocustTest that cannot be rendered are asked for. Carries every
 * problem found, not only the first, and its message names the test's construct path and lists
 * the problems one per line.
 */
export class LocustTestValidationError extends Error {
  /** Every problem found, in the order they were checked. */
  public readonly problems: readonly Problem[];
  /** `metadata.name` of the test that failed. */
  public readonly testName: string;
  /** Construct path of the test that failed, e.g. `load-tests/checkout`. */
  public readonly constructPath: string;

  constructor(testName: string, problems: readonly Problem[], constructPath: string) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super(`LocustTest ${testName} at ${constructPath} is invalid:\n${lines.join('\n')}`);
    this.name = 'LocustTestValidationError';
    this.testName = testName;
    this.constructPath = constructPath;
    this.problems = problems;
  }
}
