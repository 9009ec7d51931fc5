/**
 * Generates the LocustTest CustomResourceDefinition (locust.io/v2) that this library renders
 * without an operator:
 *
 * - crd/locusttests.locust.io.yaml, the input of `cdk8s import` (imports/locust.io.ts);
 * - src/spec/generated/locusttest-crd.json, the same object, used by the runtime validator.
 *
 * The LocustTest-specific part of the schema is written below. The embedded Kubernetes types
 * (Affinity, EnvVar, Volume, security contexts, ...) are derived from the Kubernetes models that
 * ship with @kubernetes/client-node, so they are complete and typed without hand-written copies.
 *
 * Run with `npm run generate:crd`. The output is deterministic: the same bytes on every run.
 * An optional argument names another root directory to write into (scripts/check-generated.sh
 * uses it to compare a fresh copy with the files in the tree).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as YAML from 'yaml';
import { EMPTY_OR_DNS1123_SUBDOMAIN_SOURCE } from '../src/core/kubernetes';

const ROOT = path.resolve(__dirname, '..');
const CRD_YAML = path.join('crd', 'locusttests.locust.io.yaml');
const CRD_JSON = path.join('src', 'spec', 'generated', 'locusttest-crd.json');
const KUBE_MODELS = path.join(ROOT, 'node_modules', '@kubernetes', 'client-node', 'dist', 'gen', 'models');
const CDK8S_K8S_IMPORTS = path.join(ROOT, 'node_modules', 'cdk8s-plus-28', 'lib', 'imports', 'k8s.d.ts');

/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps that this CRD uses. */
interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema;
  items?: Schema;
  anyOf?: Schema[];
  default?: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-list-type'?: 'atomic' | 'map' | 'set';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

// ---------------------------------------------------------------------------------------------
// Facts about embedded Kubernetes types that the client-node models do not carry.
// ---------------------------------------------------------------------------------------------

/** The regular expression Kubernetes publishes for resource.Quantity strings. */
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/**
 * Defaults declared with `+default` markers in k8s.io/api, which the API server applies to the
 * embedded types. The OpenAPI spec behind client-node drops them. `name: ""` comes from the
 * embedded LocalObjectReference; the rest are volume-source defaults.
 */
const CORE_DEFAULTS: Record<string, unknown> = {
  'LocalObjectReference.name': '',
  'ConfigMapKeySelector.name': '',
  'SecretKeySelector.name': '',
  'ConfigMapVolumeSource.name': '',
  'ConfigMapProjection.name': '',
  'SecretProjection.name': '',
  'FileKeySelector.optional': false,
  'AzureDiskVolumeSource.fsType': 'ext4',
  'AzureDiskVolumeSource.readOnly': false,
  'ISCSIVolumeSource.iscsiInterface': 'default',
  'RBDVolumeSource.keyring': '/etc/ceph/keyring',
  'RBDVolumeSource.pool': 'rbd',
  'RBDVolumeSource.user': 'admin',
  'ScaleIOVolumeSource.fsType': 'xfs',
  'ScaleIOVolumeSource.storageMode': 'ThinProvisioned',
};

/**
 * Types marked `+structType=atomic` in k8s.io/api: server-side apply replaces them as a whole.
 * Lists need no such table: a CRD list without x-kubernetes-list-type is already atomic.
 */
const ATOMIC_STRUCTS = new Set([
  'ConfigMapKeySelector',
  'ConfigMapProjection',
  'ConfigMapVolumeSource',
  'FileKeySelector',
  'LabelSelector',
  'LocalObjectReference',
  'NodeSelector',
  'NodeSelectorTerm',
  'ObjectFieldSelector',
  'ResourceFieldSelector',
  'SecretKeySelector',
  'SecretProjection',
  'TypedLocalObjectReference',
]);

/** Lists marked `+listType=map`: the API server rejects two items with the same key. */
const LIST_MAP_KEYS: Record<string, string[]> = {
  'ResourceRequirements.claims': ['name'],
};

/**
 * cdk8s-plus-28 describes Kubernetes 1.28, before VolumeResourceRequirements was split out of
 * ResourceRequirements (1.29): its quantity fields are those of ResourceRequirements.
 */
const QUANTITY_TYPE_ALIASES: Record<string, string> = {
  VolumeResourceRequirements: 'ResourceRequirements',
};

// ---------------------------------------------------------------------------------------------
// Reading the Kubernetes models.
// ---------------------------------------------------------------------------------------------

interface KubeField {
  readonly jsonName: string;
  readonly required: boolean;
  readonly type: ts.TypeNode;
  readonly format: string;
}

function parseFile(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
}

/** `V1Toleration` -> `Toleration`, `CoreV1ResourceClaim` -> `ResourceClaim`. */
function kubeName(modelName: string): string {
  return modelName.replace(/^(Core)?V\d+((alpha|beta)\d+)?/, '');
}

/** JSON name and format of each property, from the model's `attributeTypeMap` in its `.js` file. */
function readAttributeTypeMap(modelName: string): Map<string, { baseName: string; format: string }> {
  const source = parseFile(path.join(KUBE_MODELS, `${modelName}.js`));
  const result = new Map<string, { baseName: string; format: string }>();
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, right } = statement.expression;
    if (left.getText(source) !== `${modelName}.attributeTypeMap` || !ts.isArrayLiteralExpression(right)) continue;
    for (const element of right.elements) {
      const entry = JSON.parse(element.getText(source)) as { name: string; baseName: string; format: string };
      result.set(entry.name, { baseName: entry.baseName, format: entry.format });
    }
  }
  return result;
}

/** Properties of a model: optionality and type from its `.d.ts`, JSON name and format from its `.js`. */
function readModel(modelName: string): KubeField[] {
  const source = parseFile(path.join(KUBE_MODELS, `${modelName}.d.ts`));
  const declaration = source.statements.find(
    (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === modelName,
  );
  if (!declaration) throw new Error(`no class ${modelName} in the client-node models`);
  const attributes = readAttributeTypeMap(modelName);
  return declaration.members.filter(ts.isPropertyDeclaration).flatMap((member) => {
    const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (isStatic || !ts.isStringLiteral(member.name) || !member.type) return [];
    const attribute = attributes.get(member.name.text);
    if (!attribute) throw new Error(`${modelName}.${member.name.text} is missing from attributeTypeMap`);
    return [{ jsonName: attribute.baseName, required: !member.questionToken, type: member.type, format: attribute.format }];
  });
}

/** `Type.field` pairs that cdk8s-plus-28 types as `Quantity`, named by their `@schema` tag. */
function readQuantityFields(): Set<string> {
  // JSDoc tags are only reachable when the file is parsed with parent pointers.
  const source = ts.createSourceFile(CDK8S_K8S_IMPORTS, fs.readFileSync(CDK8S_K8S_IMPORTS, 'utf8'), ts.ScriptTarget.ES2022, true);
  const fields = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertySignature(node) && node.type && /\bQuantity\b/.test(node.type.getText())) {
      const schemaTag = ts.getJSDocTags(node).find((tag) => tag.tagName.text === 'schema');
      const match = /\.(\w+)#(\w+)$/.exec(String(schemaTag?.comment ?? '').trim());
      if (match) fields.add(`${match[1]}.${match[2]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Converting Kubernetes models to CRD schemas.
// ---------------------------------------------------------------------------------------------

const QUANTITY_FIELDS = readQuantityFields();

function intOrStringSchema(): Schema {
  return { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
}

function quantitySchema(): Schema {
  return { ...intOrStringSchema(), pattern: QUANTITY_PATTERN };
}

function isQuantity(typeName: string, field: string): boolean {
  return QUANTITY_FIELDS.has(`${QUANTITY_TYPE_ALIASES[typeName] ?? typeName}.${field}`);
}

/** Schema of a property type; `quantity` marks string leaves that hold a resource.Quantity. */
function typeSchema(type: ts.TypeNode, format: string, quantity: boolean, seen: string[]): Schema {
  if (format === 'int-or-string') return intOrStringSchema();
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      if (quantity) return quantitySchema();
      return format ? { type: 'string', format } : { type: 'string' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword:
      return numberSchema(format);
  }
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    if (!index) throw new Error(`unsupported type literal ${type.getText()}`);
    return { type: 'object', additionalProperties: typeSchema(index.type, '', quantity, seen) };
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    if (name === 'Array' && type.typeArguments?.length === 1) {
      return { type: 'array', items: typeSchema(type.typeArguments[0], format, quantity, seen) };
    }
    if (name === 'Date') return { type: 'string', format: 'date-time' };
    return modelSchema(name, seen);
  }
  throw new Error(`unsupported property type ${ts.SyntaxKind[type.kind]}`);
}

function numberSchema(format: string): Schema {
  if (format === 'int32' || format === 'int64') return { type: 'integer', format };
  return format ? { type: 'number', format } : { type: 'number' };
}

/** The full schema of a Kubernetes model, with its nested models inlined (CRDs have no $ref). */
function modelSchema(modelName: string, seen: string[] = []): Schema {
  // controller-gen publishes an embedded ObjectMeta as a bare object; the API server keeps none
  // of its fields, so any content is accepted there.
  if (modelName === 'V1ObjectMeta') return { type: 'object' };
  if (seen.includes(modelName)) throw new Error(`recursive model ${[...seen, modelName].join(' -> ')}`);
  const typeName = kubeName(modelName);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const field of readModel(modelName)) {
    properties[field.jsonName] = fieldSchema(typeName, field, [...seen, modelName]);
    if (field.required) required.push(field.jsonName);
  }
  const schema: Schema = { type: 'object', description: `Kubernetes v1 ${typeName}.`, properties };
  if (required.length > 0) schema.required = required.sort();
  if (ATOMIC_STRUCTS.has(typeName)) schema['x-kubernetes-map-type'] = 'atomic';
  return schema;
}

function fieldSchema(typeName: string, field: KubeField, seen: string[]): Schema {
  const key = `${typeName}.${field.jsonName}`;
  const schema = typeSchema(field.type, field.format, isQuantity(typeName, field.jsonName), seen);
  if (key in CORE_DEFAULTS) schema.default = CORE_DEFAULTS[key];
  if (key in LIST_MAP_KEYS) {
    schema['x-kubernetes-list-type'] = 'map';
    schema['x-kubernetes-list-map-keys'] = LIST_MAP_KEYS[key];
  }
  return schema;
}

// ---------------------------------------------------------------------------------------------
// The LocustTest schema.
// ---------------------------------------------------------------------------------------------

function object(description: string, properties: Record<string, Schema>, required: string[] = []): Schema {
  const schema: Schema = { type: 'object', description, properties };
  if (required.length > 0) schema.required = [...required].sort();
  return schema;
}

function string(description: string, extra: Partial<Schema> = {}): Schema {
  return { type: 'string', description, ...extra };
}

function boolean(description: string, defaultValue?: boolean): Schema {
  return defaultValue === undefined ? { type: 'boolean', description } : { type: 'boolean', description, default: defaultValue };
}

function int32(description: string, extra: Partial<Schema> = {}): Schema {
  return { type: 'integer', format: 'int32', description, ...extra };
}

function int64(description: string): Schema {
  return { type: 'integer', format: 'int64', description };
}

function stringMap(description: string): Schema {
  return { type: 'object', description, additionalProperties: { type: 'string' } };
}

function list(description: string, items: Schema): Schema {
  return { type: 'array', description, items };
}

function withDescription(schema: Schema, description: string): Schema {
  return { ...schema, description };
}

/** Fields that the master and the worker share. */
function roleFields(role: string): Record<string, Schema> {
  return {
    command: string(`Locust arguments for the ${role}, split on whitespace (the locustfile and its options).`),
    resources: withDescription(
      modelSchema('V1ResourceRequirements'),
      `Compute resources of the ${role}'s locust container; unset values come from the operator configuration.`,
    ),
    labels: stringMap(`Extra labels on the ${role} pods.`),
    annotations: stringMap(`Extra annotations on the ${role} pods.`),
    extraArgs: list(`Arguments appended verbatim after the generated ${role} arguments.`, { type: 'string' }),
  };
}

function masterSchema(): Schema {
  return object(
    'The Locust master: one pod that coordinates the workers and serves the web UI.',
    {
      ...roleFields('master'),
      autostart: boolean('Start the test as soon as the master is up (--autostart).', true),
      autoquit: object(
        'Stop the master after the test ends (--autoquit). Absent means enabled with 60 seconds.',
        {
          enabled: boolean('Pass --autoquit to the master.', true),
          timeout: int32('Seconds the master waits after the test ends before it quits.', { default: 60, minimum: 0 }),
        },
        ['enabled'],
      ),
    },
    ['command'],
  );
}

function workerSchema(): Schema {
  return object(
    'The Locust workers: the pods that generate the load.',
    {
      ...roleFields('worker'),
      replicas: int32('How many worker pods to run.', { minimum: 1, maximum: 500 }),
    },
    ['command', 'replicas'],
  );
}

function testFilesSchema(): Schema {
  return object('ConfigMaps that hold the locustfile and its libraries.', {
    configMapRef: string('ConfigMap with the locustfile, mounted at srcMountPath.'),
    libConfigMapRef: string('ConfigMap with Python libraries for the locustfile, mounted at libMountPath.'),
    srcMountPath: string('Where the locustfile ConfigMap is mounted.', { default: '/lotest/src' }),
    libMountPath: string('Where the library ConfigMap is mounted.', { default: '/opt/locust/lib' }),
  });
}

function schedulingSchema(): Schema {
  return object('Where the master and worker pods may run.', {
    affinity: modelSchema('V1Affinity'),
    tolerations: list('Tolerations of the pods.', modelSchema('V1Toleration')),
    nodeSelector: stringMap('Node labels that the pods require.'),
    runtimeClassName: string('RuntimeClass of the pods; empty means the cluster default.', {
      maxLength: 253,
      pattern: EMPTY_OR_DNS1123_SUBDOMAIN_SOURCE,
    }),
  });
}

function envSourceSchema(kind: string): Schema {
  return object(
    `A ${kind} whose keys all become environment variables.`,
    {
      name: string(`The ${kind} to load.`),
      prefix: string('Text put in front of every key.'),
    },
    ['name'],
  );
}

function envSchema(): Schema {
  return object('Environment of the locust containers.', {
    configMapRefs: list('ConfigMaps loaded as environment variables.', envSourceSchema('ConfigMap')),
    secretRefs: list('Secrets loaded as environment variables.', envSourceSchema('Secret')),
    variables: list('Individual environment variables.', modelSchema('V1EnvVar')),
    secretMounts: list(
      'Secrets mounted as files into the locust containers.',
      object(
        'A Secret mounted as a directory of files.',
        {
          name: string('Secret whose keys become files.'),
          mountPath: string('Directory where the Secret is mounted.'),
          readOnly: boolean('Mount the Secret read-only.', true),
        },
        ['mountPath', 'name'],
      ),
    ),
  });
}

function volumeMountSchema(): Schema {
  const mount = modelSchema('V1VolumeMount');
  const target = string('Which pods get the mount.', { enum: ['master', 'worker', 'both'], default: 'both' });
  return {
    ...mount,
    description: 'A Kubernetes v1 VolumeMount, plus the pods that get it.',
    properties: { ...mount.properties, target },
  };
}

function securitySchema(): Schema {
  return object('Security settings of the pods and the locust containers.', {
    podSecurityContext: modelSchema('V1PodSecurityContext'),
    containerSecurityContext: modelSchema('V1SecurityContext'),
  });
}

function observabilitySchema(): Schema {
  return object('How the test reports its metrics.', {
    openTelemetry: object(
      'Native OpenTelemetry export from Locust, replacing the Prometheus exporter sidecar.',
      {
        enabled: boolean('Turn on OpenTelemetry export (--otel).', false),
        endpoint: string('URL of the OTLP receiver with its scheme, such as http://otel-collector.monitoring:4317 (https:// for TLS).'),
        protocol: string('OTLP protocol.', { enum: ['grpc', 'http/protobuf'], default: 'grpc' }),
        insecure: boolean('Connect to the endpoint without TLS.', false),
        extraEnvVars: stringMap('Further OTEL_* variables for the OpenTelemetry SDK.'),
      },
      ['enabled'],
    ),
  });
}

function specSchema(): Schema {
  return object(
    'A distributed Locust load test: a master Job, a worker Job and a master Service.',
    {
      image: string('Image that runs Locust in the master and worker pods, e.g. locustio/locust:2.43.1.'),
      imagePullPolicy: string('Pull policy of the Locust image.', {
        enum: ['Always', 'IfNotPresent', 'Never'],
        default: 'IfNotPresent',
      }),
      imagePullSecrets: list('Secrets used to pull the image.', modelSchema('V1LocalObjectReference')),
      master: masterSchema(),
      worker: workerSchema(),
      testFiles: testFilesSchema(),
      scheduling: schedulingSchema(),
      env: envSchema(),
      volumes: list('Extra volumes for the pods, mounted through volumeMounts.', modelSchema('V1Volume')),
      volumeMounts: list('Mounts of the extra volumes in the locust containers.', volumeMountSchema()),
      security: securitySchema(),
      observability: observabilitySchema(),
    },
    ['image', 'master', 'worker'],
  );
}

function statusSchema(): Schema {
  const conditions = list('Conditions reported for the test, one per type.', modelSchema('V1Condition'));
  conditions['x-kubernetes-list-type'] = 'map';
  conditions['x-kubernetes-list-map-keys'] = ['type'];
  return object('Observed state of the test, written by the operator.', {
    phase: string('Where the test is in its run.', { enum: ['Pending', 'Running', 'Succeeded', 'Failed'] }),
    expectedWorkers: int32('Workers the test waits for.'),
    connectedWorkers: int32('Workers connected to the master.'),
    startTime: string('Time the test began to run.', { format: 'date-time' }),
    completionTime: string('Time the test came to an end.', { format: 'date-time' }),
    observedGeneration: int64('Generation of the spec that the status describes.'),
    conditions,
  });
}

function rootSchema(): Schema {
  return object('A Locust load test.', {
    apiVersion: string('API group and version of this object: locust.io/v2.'),
    kind: string('Kind of this object: LocustTest.'),
    metadata: { type: 'object' },
    spec: specSchema(),
    status: statusSchema(),
  });
}

function customResourceDefinition(): object {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'locusttests.locust.io' },
    spec: {
      group: 'locust.io',
      names: {
        kind: 'LocustTest',
        listKind: 'LocustTestList',
        plural: 'locusttests',
        singular: 'locusttest',
        shortNames: ['lotest'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v2',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Phase', type: 'string', jsonPath: '.status.phase', description: 'Pending, Running, Succeeded or Failed' },
            { name: 'Workers', type: 'integer', jsonPath: '.spec.worker.replicas', description: 'Worker pods requested' },
            { name: 'Connected', type: 'integer', jsonPath: '.status.connectedWorkers', description: 'Workers connected' },
            { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: { openAPIV3Schema: sortKeys(rootSchema()) },
        },
      ],
    },
  };
}

/** Sorts object keys recursively, so that the output does not depend on construction order. */
function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)])) as T;
}

const YAML_HEADER = [
  '# Generated by `npm run generate:crd` (scripts/generate-crd.ts). Do not edit this file:',
  '# change the script and run the command again.',
  '',
].join('\n');

function write(outputRoot: string, file: string, text: string): void {
  const target = path.join(outputRoot, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

function main(outputRoot: string): void {
  const crd = customResourceDefinition();
  write(outputRoot, CRD_YAML, YAML_HEADER + YAML.stringify(crd, { lineWidth: 0 }));
  write(outputRoot, CRD_JSON, `${JSON.stringify(crd, null, 2)}\n`);
  console.log(`wrote ${CRD_YAML} and ${CRD_JSON} under ${outputRoot}`);
}

main(path.resolve(process.argv[2] ?? ROOT));
