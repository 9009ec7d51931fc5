import { configMapKeyProblem, isDns1123Label, isDns1123Subdomain } from '../core/kubernetes';
import { Problem } from '../core/problems';
import { MAX_CONFIG_MAP_BYTES } from '../test-files/test-files';
import { isJsonObject, JsonObject } from '../spec/spec';

/** Standard base64, as the API server decodes `binaryData` and a Secret's `data`. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The maps of string values that hold the files: their field, and whether values are base64. */
const DATA_FIELDS: Record<string, ReadonlyArray<readonly [string, 'text' | 'base64']>> = {
  ConfigMap: [['data', 'text'], ['binaryData', 'base64']],
  Secret: [['data', 'base64'], ['stringData', 'text']],
};

/**
 * What the API server would refuse in a ConfigMap or Secret that the command line passes through
 * beside the LocustTests (the locustfiles, the lib, the values of `envFrom`), in the words of its
 * `ValidateConfigMap` and `ValidateSecret`: a name that is no DNS-1123 subdomain, a key that
 * cannot be a file name, a value that is not a string (`replicas: 3` in `data`), base64 that does
 * not decode, a key in both maps of a ConfigMap, more than 1 MiB of values. Other kinds are passed as they are:
 * their rules belong to their own controllers, and only their size is checked.
 */
export function passedThroughProblems(object: JsonObject): Problem[] {
  const fields = object.apiVersion === 'v1' && typeof object.kind === 'string' ? DATA_FIELDS[object.kind] : undefined;
  if (fields === undefined) return [];
  const problems = metadataProblems(object.metadata);
  const seen = new Map<string, string>();
  let bytes = 0;
  for (const [field, encoding] of fields) {
    const map = object[field];
    if (map === undefined || map === null) continue;
    if (!isJsonObject(map)) {
      problems.push({ path: field, message: 'must be a mapping of keys to strings', value: map, fix: `write ${field} as key: value lines` });
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const path = `${field}.${key}`;
      const keyProblem = configMapKeyProblem(key);
      if (keyProblem !== undefined) problems.push({ path, message: `is not a valid key: it ${keyProblem}`, fix: 'rename the key; a mounted key becomes a file of that name' });
      // A Secret's stringData overrides its data key by key; a ConfigMap's two maps must not share one.
      const other = seen.get(key);
      if (object.kind === 'ConfigMap' && other !== undefined) problems.push({ path, message: `is also a key of ${other}`, fix: 'keep the key in one of them' });
      seen.set(key, field);
      if (typeof value !== 'string') {
        problems.push({ path, message: 'must be a string', value, fix: `quote the value ("${String(value)}"): the API server reads ${field} values as strings only` });
      } else if (encoding === 'base64' && !BASE64.test(value)) {
        problems.push({ path, message: 'is not valid base64', value, fix: field === 'data' ? 'encode the value with base64, or move it to stringData as plain text' : 'encode the value with base64, or move it to data as plain text' });
      } else {
        bytes += encoding === 'base64' ? Buffer.byteLength(value, 'base64') : Buffer.byteLength(value);
      }
    }
  }
  if (bytes > MAX_CONFIG_MAP_BYTES) {
    problems.push({ path: fields.map(([field]) => field).join(' and '), message: `hold ${bytes} bytes, more than the 1 MiB the API server accepts in one ${String(object.kind)}`, fix: 'split the files over several objects, or build the large ones into the image' });
  }
  return problems;
}

function metadataProblems(metadata: unknown): Problem[] {
  const { name, namespace } = isJsonObject(metadata) ? metadata : {};
  const problems: Problem[] = [];
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    problems.push({ path: 'metadata.name', message: name === undefined ? 'is required' : 'must be a DNS-1123 subdomain (lowercase letters, digits, - and ., at most 253 characters)', ...(name === undefined ? {} : { value: name }), fix: 'name the object as its LocustTest refers to it, e.g. checkout-files' });
  }
  if (namespace !== undefined && (typeof namespace !== 'string' || !isDns1123Label(namespace))) {
    problems.push({ path: 'metadata.namespace', message: 'must be a DNS-1123 label (lowercase letters, digits and -, at most 63 characters)', value: namespace, fix: 'use the namespace of its LocustTest' });
  }
  return problems;
}
