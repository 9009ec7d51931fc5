/** Small string helpers shared by the builders, the checks and the command line. */

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
