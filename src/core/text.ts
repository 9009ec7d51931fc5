/** Small string helpers shared by the builders, the checks and the command line. */
import { distance } from 'fastest-levenshtein';

/**
 * Compares by UTF-16 code units, as Go's `sort.Strings` compares bytes for the ASCII names the
 * operator sorts: `OTEL_METRICS_X` before `OTEL_METRIC_X`, unlike `localeCompare`.
 */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text with its first letter in lower case, for library messages quoted in our own lowercase errors. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `no such file or directory (ENOENT)` rather than node's `ENOENT: no such file or directory, open 'x'`. */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  // Duck-typed: errors from another realm (a test sandbox) are not `instanceof Error` here.
  const raw = (error as { message?: unknown })?.message;
  const message = typeof raw === 'string' ? raw : String(error);
  const reason = code && message.startsWith(`${code}: `) ? message.slice(code.length + 2).replace(/, \w+ '.*'$/, '') : message;
  return code ? `${reason} (${code})` : reason;
}

/**
 * The candidate a mistyped name most likely meant: the nearest by edit distance, when it is at
 * most two edits or a third of the name's length away (a typo or a swap of two letters, not
 * another word); ties go to the first.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
