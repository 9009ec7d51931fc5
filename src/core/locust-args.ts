/** The locustfile flag of a Locust command line, where Locust reads it: the last occurrence. */
export interface LocustfileArg {
  /** Index of the argument that holds the value. */
  readonly index: number;
  /** What comes before the value in that argument: `--locustfile=`, `-f`, or nothing. */
  readonly prefix: string;
  /** The comma-separated locustfiles. */
  readonly value: string;
}

/** Finds `-f X`, `-fX`, `--locustfile X` and `--locustfile=X`; undefined when none names a file. */
export function locustfileArg(args: readonly string[]): LocustfileArg | undefined {
  let found: LocustfileArg | undefined;
  args.forEach((arg, index) => {
    if ((arg === '-f' || arg === '--locustfile') && index + 1 < args.length) {
      found = { index: index + 1, prefix: '', value: args[index + 1] };
    } else if (arg.startsWith('--locustfile=')) {
      found = { index, prefix: '--locustfile=', value: arg.slice('--locustfile='.length) };
    } else if (arg.startsWith('-f') && arg.length > 2 && !arg.startsWith('-f=')) {
      found = { index, prefix: '-f', value: arg.slice(2) };
    }
  });
  return found;
}

/** The locustfiles a flag names, e.g. `a.py,b.py` gives both. */
export function locustfilesOf(arg: LocustfileArg): string[] {
  return arg.value.split(',').map((file) => file.trim());
}

/** The args with `file` loaded before the locustfiles the command names. */
export function withLocustfileFirst(args: readonly string[], file: string): string[] {
  const arg = locustfileArg(args);
  if (arg === undefined) throw new Error('the master command names no locustfile; the validation reports it before rendering');
  return args.map((value, index) => (index === arg.index ? `${arg.prefix}${file},${arg.value}` : value));
}
