/**
 * The typed form of a spec, as users write it in TypeScript, and its conversion to the JSON form.
 *
 * The types come from the classes `cdk8s import` generated from the CRD (`imports/locust.io`),
 * but not the conversion: the generated `toJson_LocustTestSpec` reads only the fields it knows,
 * so a misspelt key in a spec held in a variable (which TypeScript does not check for excess
 * properties) would vanish before validation, and a plain string where it expects a quantity
 * class would become nothing. Converting along the CRD schema instead keeps every key: unknown
 * ones reach the schema check under their own name and fail there exactly as in `fromObject`.
 */
import * as locust from '../../imports/locust.io';
import { JsonObject, plainCopy } from './spec';

/** Every quantity class generated for the CRD's int-or-string fields. */
export type QuantityClass =
  | locust.LocustTestSpecMasterResourcesLimits
  | locust.LocustTestSpecMasterResourcesRequests
  | locust.LocustTestSpecWorkerResourcesLimits
  | locust.LocustTestSpecWorkerResourcesRequests
  | locust.LocustTestSpecVolumesEmptyDirSizeLimit
  | locust.LocustTestSpecEnvVariablesValueFromResourceFieldRefDivisor
  | locust.LocustTestSpecVolumesDownwardApiItemsResourceFieldRefDivisor
  | locust.LocustTestSpecVolumesEphemeralVolumeClaimTemplateSpecResourcesLimits
  | locust.LocustTestSpecVolumesEphemeralVolumeClaimTemplateSpecResourcesRequests
  | locust.LocustTestSpecVolumesProjectedSourcesDownwardApiItemsResourceFieldRefDivisor;

/** Every enum generated for the CRD's closed sets of strings. */
export type ClosedSetEnum =
  | locust.LocustTestSpecImagePullPolicy
  | locust.LocustTestSpecVolumeMountsTarget
  | locust.LocustTestSpecObservabilityOpenTelemetryProtocol;

/**
 * `T` as written in YAML too: every generated quantity class also accepts the quantity as a
 * string, and every generated enum also accepts its values as strings (`protocol: 'grpc'`).
 */
export type WithYamlStrings<T> = T extends QuantityClass
  ? T | string
  : T extends ClosedSetEnum
    ? T | `${T}`
    : T extends ReadonlyArray<infer Item>
      ? WithYamlStrings<Item>[]
      : T extends object
        ? { readonly [K in keyof T]: WithYamlStrings<T[K]> }
        : T;

/**
 * `T` with the quantities and closed sets of the CRD also written as strings.
 * @deprecated use `WithYamlStrings`, which it is
 */
export type WithQuantityStrings<T> = WithYamlStrings<T>;

/**
 * The spec of `LocustTestProps`: the `LocustTestSpec` generated from the CRD, in which every
 * quantity and every value of a closed set may also be written as a string, as in YAML:
 * `cpu: '500m'`, `memory: '1Gi'`, `imagePullPolicy: 'Always'`, `protocol: 'grpc'`.
 *
 * Unions on purpose: the CRD declares these fields int-or-string or a string enum, the string is
 * the form Kubernetes documents, and it is checked at synth like the generated classes and enums
 * (`LocustTestSpecMasterResourcesLimits.fromString('1Gi')`,
 * `LocustTestSpecObservabilityOpenTelemetryProtocol.GRPC`), which keep working.
 */
export type LocustTestTypedSpec = WithYamlStrings<locust.LocustTestSpec>;

type SpecSchema = { readonly [keyword: string]: any };

let schema: SpecSchema | undefined;

/**
 * The `spec` schema of the CRD's v2 version, as generated, read on the first typed spec: an app
 * of specs in plain JSON (`fromObject`, the command line) never loads it.
 */
function specSchema(): SpecSchema {
  if (!schema) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const crd = require('./generated/locusttest-crd.json') as { spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: { properties: { spec: SpecSchema } } } }> } };
    const version = crd.spec.versions.find((v) => v.name === 'v2');
    if (!version) throw new Error('the generated CRD has no v2 version; run npm run generate:crd');
    schema = version.schema.openAPIV3Schema.properties.spec;
  }
  return schema;
}

/**
 * The JSON form of a typed spec: TypeScript property names back to the Kubernetes ones
 * (`scaleIo` to `scaleIO`, `diskUri` to `diskURI`), quantities unwrapped, keys whose value is
 * `undefined` left out, as the generated converter does. Keys the schema does not know, and
 * values of the wrong type, are kept as given, for the schema check to report.
 */
export function specJsonOf(spec: LocustTestTypedSpec): JsonObject {
  return jsonOf(spec, specSchema()) as JsonObject;
}

function jsonOf(value: unknown, schema: SpecSchema): unknown {
  if (value === undefined || value === null) return value;
  if (schema['x-kubernetes-int-or-string']) return isQuantityClass(value) ? value.value : plainCopy(value);
  if (Array.isArray(value)) return schema.items ? value.map((item) => jsonOf(item, schema.items)) : plainCopy(value);
  if (typeof value !== 'object') return value;
  const properties: Record<string, SpecSchema> | undefined = schema.properties;
  const entrySchema: SpecSchema | undefined = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  if (!properties && !entrySchema) return plainCopy(value);
  const names = properties ? jsonNames(properties) : undefined;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const name = names?.get(key) ?? key;
    result[name] = jsonOf(item, properties?.[name] ?? entrySchema ?? {});
  }
  return result;
}

/** The instances `fromString`/`fromNumber` of a generated quantity class return. */
function isQuantityClass(value: unknown): value is { value: string | number } {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) !== Object.prototype
    && Object.keys(value).length === 1 && 'value' in value;
}

const namesBySchema = new WeakMap<object, Map<string, string>>();

/** TypeScript property name to Kubernetes name, for the properties of one schema object. */
function jsonNames(properties: Record<string, SpecSchema>): Map<string, string> {
  let names = namesBySchema.get(properties);
  if (!names) {
    names = new Map(Object.keys(properties).map((name) => [typedPropertyName(name), name]));
    namesBySchema.set(properties, names);
  }
  return names;
}

/**
 * The name `cdk8s import` gives a Kubernetes field in TypeScript: json2jsii runs it through the
 * `camelcase` package, which splits words at a lower-to-upper step and before the last capital
 * of an acronym, lowercases them, capitalises every word but the first, and a letter after
 * digits (`targetWWNs` gives `targetWwNs`). Kubernetes field names are ASCII letters and digits.
 */
export function typedPropertyName(name: string): string {
  let marked = '';
  let lastLower = false;
  let lastUpper = false;
  let lastLastUpper = false;
  for (const character of name) {
    const upper = /[A-Z]/.test(character);
    const lower = /[a-z]/.test(character);
    if (lastLower && upper) {
      marked += `-${character}`;
      lastLower = false;
      lastLastUpper = lastUpper;
      lastUpper = true;
    } else if (lastUpper && lastLastUpper && lower) {
      marked = `${marked.slice(0, -1)}-${marked.slice(-1)}${character}`;
      lastLastUpper = lastUpper;
      lastUpper = false;
      lastLower = true;
    } else {
      marked += character;
      lastLower = lower;
      lastLastUpper = lastUpper;
      lastUpper = upper;
    }
  }
  return marked.toLowerCase()
    .replace(/-+([a-z0-9]|$)/g, (_, next: string) => next.toUpperCase())
    .replace(/\d+([a-z0-9]|$)/g, (digits: string) => digits.toUpperCase());
}
