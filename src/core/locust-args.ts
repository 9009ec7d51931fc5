// How Locust reads its command line (argparse, through configargparse): every feature that asks
// what a command says asks here, so that all of them read `-fPATH` and `--locustfile=PATH` alike.

/** A Locust option that takes a value: its long name and, where Locust has one, its short alias. */
export interface LocustOption {
  /** `--locustfile` */
  readonly long: string;
  /** `-f`. @default - no short alias */
  readonly short?: string;
}

export const LOCUSTFILE_OPTION: LocustOption = { long: '--locustfile', short: '-f' };
export const HOST_OPTION: LocustOption = { long: '--host', short: '-H' };
export const RUN_TIME_OPTION: LocustOption = { long: '--run-time', short: '-t' };

/** Where one occurrence of an option's value stands in the arguments. */
export interface OptionValue {
  /** Index of the argument that holds the value. */
  readonly index: number;
  /** What comes before the value in that argument: `--locustfile=`, `-f`, `-f=`, or nothing. */
  readonly prefix: string;
  readonly value: string;
}

/**
 * Every value the arguments give `option`, in order, in each form argparse accepts: `--long V`,
 * `--long=V`, `-s V`, `-sV` and `-s=V`. Words that are not strings (a spec of the wrong shape)
 * are skipped; a flag last on the line has no value and gives none.
 */
export function optionValues(args: readonly unknown[], option: LocustOption): OptionValue[] {
  const found: OptionValue[] = [];
  args.forEach((arg, index) => {
    if (typeof arg !== 'string') return;
    const next = args[index + 1];
    if (arg === option.long || arg === option.short) {
      if (typeof next === 'string') found.push({ index: index + 1, prefix: '', value: next });
      return;
    }
    const prefix = [`${option.long}=`, ...(option.short === undefined ? [] : [`${option.short}=`, option.short])]
      .find((candidate) => arg.startsWith(candidate));
    if (prefix !== undefined) found.push({ index, prefix, value: arg.slice(prefix.length) });
  });
  return found;
}

/** The value Locust uses: argparse keeps the last occurrence of an option. */
export function lastOptionValue(args: readonly unknown[], option: LocustOption): OptionValue | undefined {
  return optionValues(args, option).at(-1);
}

/** Whether the arguments set `flag` (a long flag), as `--flag` or `--flag=value`. */
export function setsFlag(args: readonly unknown[], flag: string): boolean {
  return args.some((arg) => typeof arg === 'string' && flagOf(arg, [flag]) !== undefined);
}

/** The long flag of `flags` an argument sets, as `--flag` or `--flag=value`, if any. */
export function flagOf(arg: string, flags: readonly string[]): string | undefined {
  return flags.find((flag) => arg === flag || arg.startsWith(`${flag}=`));
}

/** The locustfiles one value names, as Locust splits it: `a.py,b.py` gives both. */
export function locustfilesOf(value: OptionValue): string[] {
  return value.value.split(',').map((file) => file.trim());
}

/** The arguments with `file` loaded before the locustfiles the last `-f`/`--locustfile` names. */
export function withLocustfileFirst(args: readonly string[], file: string): string[] {
  const locustfile = lastOptionValue(args, LOCUSTFILE_OPTION);
  if (locustfile === undefined) throw new Error('the master command names no locustfile; the validation reports it before rendering');
  return args.map((value, index) => (index === locustfile.index ? `${locustfile.prefix}${file},${locustfile.value}` : value));
}
