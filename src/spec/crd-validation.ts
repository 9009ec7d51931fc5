import type { ErrorObject, ValidateFunction } from 'ajv';
import { Problem } from '../core/problems';
import { nearestName } from '../core/suggest';
import { plainCopy } from './spec';
import { byteOrder } from '../core/text';
import { EMPTY_OR_DNS1123_SUBDOMAIN_SOURCE } from '../core/kubernetes';
import { INTEGER_FORMATS } from './integer-formats';
import { validate as generatedValidator } from './generated/spec-validator';

/**
 * Validates a LocustTest spec against the `spec` schema of the project's CRD (locust.io/v2), the
 * checks the API server applies to every LocustTest. The input may be any JSON value; the result
 * lists every problem, sorted by path and then message, and is empty when the spec is valid.
 *
 * Stricter than the API server in two ways, both on purpose: an unknown field is a problem
 * (the server silently drops it; kubectl's strict field validation reports it), and so is a
 * `null` (the server drops it, or defaults the field, which hides a half-written YAML key).
 *
 * The validator is generated ahead of time from the CRD (scripts/generate-spec-validator.ts), so
 * that no schema is compiled when an app starts.
 */
export function validateSpecAgainstCrd(spec: unknown): Problem[] {
  // The API server fills in the schema's defaults before it validates, so a required field that
  // has a default (autoquit.enabled) is never missing. The validator fills them into a copy.
  const defaulted = plainCopy(spec);
  if (validateSpec(defaulted)) return [];
  // ajv sets `errors` whenever validation fails.
  return translateErrors(validateSpec.errors as ErrorObject[], defaulted).sort(compareProblems);
}

/** The generated module is plain ajv standalone code, typed here with ajv's own interface. */
const validateSpec = generatedValidator as unknown as ValidateFunction;

type Schema = { readonly [keyword: string]: unknown };

const QUANTITY_MESSAGE = 'is not a valid quantity (e.g. 500m, 1Gi)';

/** Patterns of the schema, in words. A pattern missing here is reported with its expression. */
const PATTERN_MESSAGES: Record<string, { message: string; fix: (path: string) => string }> = {
  [EMPTY_OR_DNS1123_SUBDOMAIN_SOURCE]: {
    message: 'must be empty or a DNS-1123 subdomain',
    fix: (path) => `set ${path} to lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. gvisor)`,
  },
};

// ---------------------------------------------------------------------------------------------
// From ajv errors to problems.
// ---------------------------------------------------------------------------------------------

function translateErrors(errors: readonly ErrorObject[], spec: unknown): Problem[] {
  // The enclosing anyOf reports a value once, for all of its alternatives.
  const relevant = errors.filter((error) => !isAnyOfBranch(error));
  return relevant.filter(isExplainedElsewhere(relevant)).map((error) => toProblem(error, fieldPath(spec, error.instancePath)));
}

/**
 * Keeps the most telling complaint about a value: a wrong type explains an enum or pattern
 * failure, and a bound (at most 500) says more than the integer format's range.
 */
function isExplainedElsewhere(errors: readonly ErrorObject[]): (error: ErrorObject) => boolean {
  const pathsWith = (...keywords: string[]): Set<string> =>
    new Set(errors.filter((e) => keywords.includes(e.keyword)).map((e) => e.instancePath));
  const mistyped = pathsWith('type');
  const bounded = pathsWith('minimum', 'maximum');
  return (error) =>
    !(error.keyword !== 'type' && mistyped.has(error.instancePath)) &&
    !(error.keyword === 'format' && bounded.has(error.instancePath));
}

/** Errors of one alternative of an anyOf: ajv also reports the failed anyOf itself. */
function isAnyOfBranch(error: ErrorObject): boolean {
  return /\/anyOf\/\d+\//.test(error.schemaPath);
}

function toProblem(error: ErrorObject, path: string): Problem {
  const schema = error.parentSchema as Schema; // set by the `verbose` option
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = `${path}.${String(params.missingProperty)}`;
      return { path: missing, message: 'is required', fix: `set ${missing}` };
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const extra = `${path}${segment(field, false)}`;
      const near = nearestName(field, Object.keys((schema.properties ?? {}) as Record<string, unknown>));
      const fix = near === undefined ? `remove ${extra}` : `did you mean ${path}${segment(near, false)}? rename it, or remove ${extra}`;
      return { path: extra, message: 'is not a known field', value: (error.data as Record<string, unknown>)[field], fix };
    }
    case 'type':
      return typeProblem(path, String(params.type), error.data);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).join(', ');
      return { path, message: `must be one of ${allowed}`, value: error.data, fix: `set ${path} to one of ${allowed}` };
    }
    case 'minimum':
    case 'maximum':
      return rangeProblem(path, error.keyword, schema, error.data);
    case 'maxLength':
      return { path, message: `must be at most ${String(params.limit)} characters`, value: error.data, fix: `shorten ${path} to ${String(params.limit)} characters or fewer` };
    case 'format':
      return integerFormatProblem(path, String(params.format), error.data);
    case 'pattern':
    case 'anyOf':
      return patternProblem(path, schema, error.data);
    default:
      return { path, message: error.message ?? 'is invalid', value: error.data };
  }
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'a list',
};

function typeProblem(path: string, type: string, value: unknown): Problem {
  const name = TYPE_NAMES[type] ?? type;
  return { path, message: `must be ${name}`, value, fix: `set ${path} to ${name}` };
}

function rangeProblem(path: string, keyword: 'minimum' | 'maximum', schema: Schema, value: unknown): Problem {
  const { minimum, maximum } = schema;
  const message = keyword === 'minimum' ? `must be at least ${String(minimum)}` : `must be at most ${String(maximum)}`;
  if (minimum !== undefined && maximum !== undefined) {
    return { path, message, value, fix: `set ${path} between ${String(minimum)} and ${String(maximum)}` };
  }
  const fix = keyword === 'minimum' ? `set ${path} to ${String(minimum)} or more` : `set ${path} to ${String(maximum)} or less`;
  return { path, message, value, fix };
}

/** Only the integer formats exist here: ajv refuses to compile a schema with any other format. */
function integerFormatProblem(path: string, format: string, value: unknown): Problem {
  const integer = INTEGER_FORMATS[format];
  return { path, message: `must fit in a ${integer.bits}-bit integer`, value, fix: `set ${path} between ${integer.range}` };
}

/**
 * A string that misses its pattern, or an int-or-string value that is neither (its anyOf): one
 * problem per value. Every int-or-string field of a LocustTest holds a resource quantity.
 */
function patternProblem(path: string, schema: Schema, value: unknown): Problem {
  if (schema['x-kubernetes-int-or-string'] === true) {
    return { path, message: QUANTITY_MESSAGE, value, fix: `set ${path} to a quantity such as 500m or 1Gi` };
  }
  const pattern = String(schema.pattern);
  const known = PATTERN_MESSAGES[pattern];
  return known ? { path, message: known.message, value, fix: known.fix(path) } : { path, message: `must match ${pattern}`, value };
}

// ---------------------------------------------------------------------------------------------
// Paths and ordering.
// ---------------------------------------------------------------------------------------------

/**
 * `/volumes/0/hostPath/path` -> `spec.volumes[0].hostPath.path`. The value itself tells a list
 * index from a map key that looks like a number.
 */
function fieldPath(spec: unknown, instancePath: string): string {
  let path = 'spec';
  let value: unknown = spec;
  for (const token of instancePath.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    path += segment(key, Array.isArray(value));
    value = (value as Record<string, unknown>)[key]; // ajv only descends into objects and lists
  }
  return path;
}

function segment(key: string, isIndex: boolean): string {
  if (isIndex) return `[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** By path, with list indexes in numeric order (`[2]` before `[10]`), then by message. */
function compareProblems(a: Problem, b: Problem): number {
  return byteOrder(sortKey(a.path), sortKey(b.path)) || byteOrder(a.message, b.message);
}

function sortKey(path: string): string {
  return path.replace(/\[(\d+)\]/g, (_, index: string) => `[${index.padStart(10, '0')}]`);
}
