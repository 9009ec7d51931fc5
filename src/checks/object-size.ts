import { ApiObject } from 'cdk8s';
import { Problem } from '../core/problems';

/**
 * The largest object the API server can store: etcd's default request limit (`--max-request-bytes`,
 * 1.5 MiB), which every Kubernetes distribution keeps; the API server itself takes a body of up
 * to 3 MiB and then fails to store it.
 */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/**
 * Objects whose JSON is over `MAX_OBJECT_BYTES`, as problems naming the largest value of the spec
 * (a 10 MB image name, a command of a megabyte), which is what to shorten.
 */
export function objectSizeProblems(objects: readonly ApiObject[], spec: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const object of objects) {
    const size = Buffer.byteLength(JSON.stringify(object.toJson()));
    if (size <= MAX_OBJECT_BYTES) continue;
    const largest = largestString(spec, 'spec');
    const where = largest === undefined ? 'spec' : largest.path;
    problems.push({
      path: where,
      message: `makes ${object.kind} ${object.name} ${size} bytes, more than the ${MAX_OBJECT_BYTES / (1024 * 1024)} MiB an object may have (etcd's request limit)`,
      value: largest === undefined ? undefined : `${largest.length} characters`,
      fix: 'shorten it, or move large text into a ConfigMap the test mounts',
    });
  }
  return problems;
}

/** Whether the objects could be over the limit at all: each holds a spec's values a few times at most. */
export function mayExceedObjectSize(spec: unknown, metadata: unknown): boolean {
  return (JSON.stringify(spec) ?? '').length * 4 + (JSON.stringify(metadata) ?? '').length > MAX_OBJECT_BYTES / 2;
}

/** The path and length of the longest string in a value, walked without recursion. */
function largestString(value: unknown, root: string): { path: string; length: number } | undefined {
  let best: { path: string; length: number } | undefined;
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0) {
    const [next, path] = pending.pop()!;
    if (typeof next === 'string') {
      if (best === undefined || next.length > best.length) best = { path, length: next.length };
    } else if (Array.isArray(next)) {
      next.forEach((item, i) => pending.push([item, `${path}[${i}]`]));
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, child] of Object.entries(next)) pending.push([child, /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`]);
    }
  }
  return best;
}
