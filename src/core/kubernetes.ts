/**
 * Kubernetes' own rules for object names and metadata, in one place for the builders, the checks,
 * the operator configuration and the CRD generator.
 */

/** A DNS-1123 subdomain as a regular expression source: lowercase labels of letters, digits and `-`, joined by `.`. */
export const DNS1123_SUBDOMAIN_SOURCE = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** The pattern the CRD gives a field that is empty or a DNS-1123 subdomain (a RuntimeClass name). */
export const EMPTY_OR_DNS1123_SUBDOMAIN_SOURCE = `^$|${DNS1123_SUBDOMAIN_SOURCE}`;

const DNS1123_SUBDOMAIN = new RegExp(DNS1123_SUBDOMAIN_SOURCE);
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Object names such as a LocustTest's, a ConfigMap's or a RuntimeClass's: at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Namespace and volume names: at most 63 lowercase letters, digits and `-`, starting and ending with a letter or digit. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Service names: a DNS-1123 label that starts with a letter. */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A label value (also a node selector's or a toleration's): empty, or at most 63 letters, digits, `-`, `_` and `.` between letters or digits. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * What is wrong with a key of a ConfigMap's or a Secret's data (it becomes a file name where the
 * object is mounted), as the end of a sentence starting with "it"; undefined for a valid key. The
 * API server's `IsConfigMapKey`: at most 253 letters, digits, `-`, `_` and `.`, never `.`, `..`,
 * nor starting with `..` (the kubelet's own names for the files of a mounted volume).
 */
export function configMapKeyProblem(key: string): string | undefined {
  if (key.length > 253) return 'must be 253 characters or fewer';
  if (!CONFIG_MAP_KEY.test(key)) return 'must contain only letters, digits, -, _ and .';
  if (key === '.' || key === '..') return `must not be '${key}'`;
  if (key.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/**
 * What is wrong with a label or annotation key (an optional DNS-1123 subdomain prefix and `/`,
 * then a name), as the end of a sentence starting with "it"; undefined for a valid key.
 */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'must have at most one /';
  const [prefix, local] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return 'has a prefix that is not a DNS-1123 subdomain';
  if (local.length > 63 || !QUALIFIED_NAME_PART.test(local)) return 'must be 63 characters or fewer, start and end with a letter or digit, and contain only letters, digits, -, _ and .';
  return undefined;
}

/** Object metadata as the operator writes it: the name, and the namespace when there is one. */
export function objectMetadata(name: string, namespace: string | undefined): { name: string; namespace?: string } {
  return namespace === undefined ? { name } : { name, namespace };
}

/** An image reference split into repository and tag, the digest dropped: `locustio/locust:2.12.1@sha256:…` gives `locustio/locust` and `2.12.1`. */
export function imageReference(image: string): { repository: string; tag?: string } {
  const withoutDigest = image.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port, not to a tag.
  if (colon <= withoutDigest.lastIndexOf('/')) return { repository: withoutDigest };
  return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}
