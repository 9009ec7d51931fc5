/**
 * Writes test/generated/k8s-fields.json: for every Kubernetes type reachable from the kinds the
 * tests synthesize, the JSON field names it allows and each field's type. The source is the
 * `attributeTypeMap` of the models in @kubernetes/client-node, which are generated from the
 * Kubernetes OpenAPI document; kubernetes-models' validators accept unknown fields, so the
 * tests use this map to reject them.
 *
 * Usage: ts-node scripts/generate-k8s-fields.ts [OUT_DIR]   (default: the repository root)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/** The kinds the tests synthesize, by `apiVersion/kind`, and their model class. */
const ROOTS: Record<string, string> = {
  'apps/v1/Deployment': 'V1Deployment',
  'batch/v1/CronJob': 'V1CronJob',
  'batch/v1/Job': 'V1Job',
  'v1/ConfigMap': 'V1ConfigMap',
  'v1/Service': 'V1Service',
};

const PACKAGE = '@kubernetes/client-node';
const packageJsonPath = require.resolve(`${PACKAGE}/package.json`);
const modelsDir = join(dirname(packageJsonPath), 'dist', 'gen', 'models');

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}

/**
 * The models are ES modules; reading the assignment `X.attributeTypeMap = [...]` as text keeps
 * this generator a plain CommonJS script. The array literal is JSON as emitted by the generator.
 */
function attributesOf(typeName: string): Attribute[] {
  const source = readFileSync(join(modelsDir, `${typeName}.js`), 'utf8');
  const match = new RegExp(`${typeName}\\.attributeTypeMap = (\\[[\\s\\S]*?\\n\\]);`).exec(source);
  if (!match) throw new Error(`no attributeTypeMap in ${typeName}.js`);
  return JSON.parse(match[1]) as Attribute[];
}

/** The model class names a field type refers to: `Array<V1EnvVar>` and `{ [key: string]: V1X; }` included. */
function referencedModels(type: string): string[] {
  return (type.match(/\b[A-Z][A-Za-z0-9]*\b/g) ?? []).filter((name) => !['Array', 'Date', 'IntOrString'].includes(name));
}

function openApiRelease(): string {
  const header = readFileSync(join(modelsDir, 'V1Job.js'), 'utf8');
  return /OpenAPI spec version: (\S+)/.exec(header)?.[1] ?? 'unknown';
}

function generate(): object {
  const types: Record<string, Record<string, string>> = {};
  const pending = Object.values(ROOTS);
  while (pending.length > 0) {
    const typeName = pending.pop()!;
    if (types[typeName]) continue;
    const fields: Record<string, string> = {};
    for (const attribute of attributesOf(typeName)) {
      fields[attribute.baseName] = attribute.type;
      pending.push(...referencedModels(attribute.type));
    }
    types[typeName] = fields;
  }
  const version = JSON.parse(readFileSync(packageJsonPath, 'utf8')).version as string;
  return {
    source: `${PACKAGE} ${version}, OpenAPI ${openApiRelease()}`,
    roots: sortKeys(ROOTS),
    types: sortKeys(Object.fromEntries(Object.entries(types).map(([name, fields]) => [name, sortKeys(fields)]))),
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

const outDir = process.argv[2] ?? join(__dirname, '..');
const outFile = join(outDir, 'test', 'generated', 'k8s-fields.json');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(generate(), null, 2)}\n`);
console.log(`wrote ${outFile}`);
