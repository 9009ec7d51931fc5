/**
 * A JSON value with every mapping's keys sorted, and `apiVersion`, `kind`, `metadata` first at
 * the top, as cdk8s writes its objects: the same input gives the same bytes, whatever the key
 * order it was written in. Lists keep their order, which carries meaning.
 */
export function canonicalObject(value: Record<string, unknown>): Record<string, unknown> {
  const sorted = canonical(value) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(sorted)]) {
    if (Object.prototype.hasOwnProperty.call(sorted, key)) define(result, key, sorted[key]);
  }
  return result;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) define(result, key, canonical((value as Record<string, unknown>)[key]));
  return result;
}

/** Sets a key as data, so that a key such as `__proto__` in the input stays an ordinary key. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
