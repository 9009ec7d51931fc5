import { Problem } from './problems';

/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`), as the API server parses them.
 * The pattern is the one Kubernetes publishes for `resource.Quantity`.
 */
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY.test(value);
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * The numeric value of a quantity, for comparisons such as request ≤ limit. Precise enough for
 * that purpose; never used to rewrite a quantity in the output, which keeps the user's spelling.
 */
export function quantityValue(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(value);
  if (!match) return NaN;
  const [, number, suffix] = match;
  if (suffix in BINARY) return Number(number) * BINARY[suffix];
  if (suffix in DECIMAL) return Number(number) * DECIMAL[suffix];
  if (/^[eE]/.test(suffix)) return Number(`${number}${suffix}`);
  return NaN;
}

/**
 * A quantity below zero, at `path`, as a problem. The API server refuses a negative quantity
 * wherever a pod takes one (`ValidateNonnegativeQuantity` for requests and limits, the
 * `emptyDir.sizeLimit` check of `validateVolumeSource`).
 */
export function negativeQuantityProblem(path: string, value: string | number): Problem | undefined {
  if (!(quantityValue(value) < 0)) return undefined;
  return { path, message: 'must not be negative', value, fix: `drop the minus sign, e.g. ${String(value).replace(/^-/, '')}` };
}
