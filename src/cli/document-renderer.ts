import { ApiObject, App, Chart } from 'cdk8s';
import { LocustTestOptions } from '../construct/options';
import { LocustTest } from '../construct/locust-test';
import { OperatorConfig } from '../operator/operator-config';
import { formatProblem, Problem } from '../core/problems';
import { formatWarning, strictProblem } from '../checks/warnings';
import { ObjectIdentity, UniqueObjects } from '../checks/unique-objects';
import { MAX_OBJECT_BYTES } from '../checks/object-size';
import { canonicalObject } from './canonical';
import { Report } from './report';
import { ANNOTATION_PREFIX, inCommandLineTerms, optionsFromAnnotations } from './run-annotations';
import { didYouMean } from '../core/suggest';
import { LocustTestMetadata } from '../construct/metadata';
import { YamlDocument } from './yaml-documents';
import { isJsonObject } from '../spec/spec';
import { passedThroughProblems } from './passed-through';

const LOCUST_GROUP = 'locust.io/';
const SUPPORTED_API_VERSION = 'locust.io/v2';
const LOCUST_TEST = 'LocustTest';

type JsonMap = Record<string, unknown>;

/**
 * Turns documents into the objects of the bundle, in order: a `locust.io/v2` LocustTest becomes
 * the objects the LocustTest construct writes for it (Service, master Job, worker Job); any other
 * mapping passes through with its keys sorted. Every problem goes to the report.
 */
export class DocumentRenderer {
  // One app for every test: the construct validates itself when created (its `problems`), so the
  // objects are serialised directly instead of synthesizing a chart, which validates the whole app.
  private readonly chart = new Chart(new App(), 'LocustTests');
  private count = 0;
  private documentCount = 0;
  private locustTestCount = 0;

  /** Every object rendered so far, to name both sources of a duplicate. */
  private readonly objects = new UniqueObjects<string>();

  constructor(
    private readonly operatorConfig: OperatorConfig | undefined,
    private readonly report: Report,
    private readonly options: LocustTestOptions = {},
  ) {}

  /** How many documents every input read so far held, and how many of them were LocustTests. */
  public get seen(): { readonly documents: number; readonly locustTests: number } {
    return { documents: this.documentCount, locustTests: this.locustTestCount };
  }

  /** The objects of one input's documents; meaningful only when nothing was reported. */
  public render(file: string, documents: readonly YamlDocument[]): JsonMap[] {
    const objects: JsonMap[] = [];
    this.documentCount += documents.length;
    for (const document of documents) {
      const { value } = document;
      if (!isJsonObject(value)) {
        this.report.located(file, document.line, document.column, `document ${document.index} is not a mapping (got ${describe(value)}); each document must be a Kubernetes object such as a LocustTest or a ConfigMap`);
      } else if (value.kind === LOCUST_TEST && typeof value.apiVersion === 'string' && value.apiVersion.startsWith(LOCUST_GROUP)) {
        objects.push(...this.renderLocustTest(file, document, value));
      } else if (isMeantAsLocustTest(value)) {
        // Passed through, it would be applied as an object nothing reads: the test never runs.
        this.locustTestCount++;
        this.report.testProblem(file, labelOf(value, document.index), unsupportedKind(value));
      } else {
        const object = canonicalObject(value);
        const where = `document ${document.index} (line ${document.line})`;
        const repeat = this.objects.claim(identityOf(object), { description: `${file}: document ${document.index}`, source: { file, within: where } }, file);
        if (repeat) this.report.inputProblem(file, `${where}: ${formatProblem(repeat.problem)}`);
        const { kind, name } = identityOf(object);
        for (const problem of passedThroughProblems(object)) this.report.inputProblem(file, `${where}: ${kind} ${name} ${formatProblem(problem)}`);
        const size = Buffer.byteLength(JSON.stringify(object));
        if (size > MAX_OBJECT_BYTES) {
          this.report.inputProblem(file, `${where}: ${kind} ${name} is ${size} bytes, more than the ${MAX_OBJECT_BYTES / (1024 * 1024)} MiB an object may have (etcd's request limit); split it, or build large files into the image`);
        }
        objects.push(object);
      }
    }
    return objects;
  }

  private renderLocustTest(file: string, document: YamlDocument, resource: JsonMap): JsonMap[] {
    const { index } = document;
    this.locustTestCount++;
    const metadata = isJsonObject(resource.metadata) ? resource.metadata : {};
    const label = labelOf(resource, index);
    if (resource.apiVersion !== SUPPORTED_API_VERSION) {
      this.report.testProblem(file, label, {
        path: 'apiVersion',
        message: `must be ${SUPPORTED_API_VERSION}: only v2 LocustTests can be rendered`,
        value: resource.apiVersion,
        fix: 'convert the test to locust.io/v2 (v2 groups the master and worker settings under spec.master and spec.worker)',
      });
      return [];
    }
    const annotated = optionsFromAnnotations(metadata.annotations, this.options);
    for (const problem of annotated.problems) this.report.testProblem(file, label, problem);
    const carried = carriedMetadata(metadata);
    for (const problem of carried.problems) this.report.testProblem(file, label, problem);
    // The construct validates name, namespace and spec itself, whatever their JSON type.
    const test = LocustTest.fromObject(this.chart, `LocustTest${++this.count}`, {
      name: metadata.name as string,
      namespace: metadata.namespace as string | undefined,
      spec: resource.spec,
      operatorConfig: this.operatorConfig,
      ...annotated.options,
      metadata: carried.metadata,
    });
    for (const problem of test.problems) this.report.testProblem(file, label, inCommandLineTerms(problem));
    for (const warning of test.warnings) {
      if (test.strict) this.report.testProblem(file, label, strictProblem(warning));
      else this.report.warning(file, label, formatWarning(warning));
    }
    if (test.problems.length > 0 || annotated.problems.length > 0 || carried.problems.length > 0) return [];
    // Construct-tree order is creation order: Service, master Job, worker Job. cdk8s already
    // writes each object with sorted keys and apiVersion, kind, metadata first.
    const rendered = test.node.findAll().filter(ApiObject.isApiObject).map((object) => object.toJson());
    // Two tests of one name in one file are told apart by their document and line.
    const where = `document ${index} (line ${document.line})`;
    for (const object of rendered) {
      const repeat = this.objects.claim(identityOf(object), { description: `${file}: LocustTest ${label}`, source: { file, within: `LocustTest ${label} of ${where}` } }, file);
      if (repeat) this.report.testProblem(file, repeat.earlier === file ? `${label} of ${where}` : label, repeat.problem);
    }
    return rendered;
  }
}

/** The test's name for messages, or `document N` when it has no usable one. */
function labelOf(resource: JsonMap, index: number): string {
  const metadata = isJsonObject(resource.metadata) ? resource.metadata : {};
  return typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : `document ${index}`;
}

/**
 * A document written as a LocustTest that the command line would not render: another kind of
 * the locust.io group (`Locusttest`, `LocustTests`), or a LocustTest of another group.
 */
function isMeantAsLocustTest(value: JsonMap): boolean {
  const group = typeof value.apiVersion === 'string' && value.apiVersion.startsWith(LOCUST_GROUP);
  const kind = typeof value.kind === 'string' ? value.kind.toLowerCase() : '';
  return group || kind === 'locusttest' || kind === 'locusttests';
}

function unsupportedKind(value: JsonMap): Problem {
  if (value.kind !== LOCUST_TEST) {
    const near = didYouMean(String(value.kind ?? ''), [LOCUST_TEST]);
    return { path: 'kind', message: `must be ${LOCUST_TEST}, the one kind of the locust.io group the command line renders`, value: value.kind, fix: `${near}write kind: ${LOCUST_TEST} with apiVersion: ${SUPPORTED_API_VERSION}` };
  }
  return { path: 'apiVersion', message: `must be ${SUPPORTED_API_VERSION}: the command line renders LocustTests of the locust.io group only`, value: value.apiVersion, fix: `write apiVersion: ${SUPPORTED_API_VERSION}` };
}

/** kubectl's copy of the resource as last applied: it describes the LocustTest, not its Jobs. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The LocustTest's own labels and annotations, for the construct's `metadata`: on every object
 * the test writes, and the labels on its pods too, as a chart's LocustTest takes them. The
 * command line's own annotations (`cdk8s-locust/...`) are read, not carried, and kubectl's
 * last-applied copy of the resource (in a LocustTest exported from a cluster) is left behind.
 */
function carriedMetadata(metadata: JsonMap): { metadata?: LocustTestMetadata; problems: Problem[] } {
  const problems: Problem[] = [];
  const mapOf = (field: 'labels' | 'annotations'): Record<string, string> | undefined => {
    const given = metadata[field];
    if (given === undefined || given === null) return undefined;
    if (!isJsonObject(given)) {
      problems.push({ path: `metadata.${field}`, message: 'must be a mapping of keys to string values', value: given, fix: `write one key: value per line under metadata.${field}` });
      return undefined;
    }
    return given as Record<string, string>;
  };
  const labels = mapOf('labels');
  const given = mapOf('annotations');
  const annotations = given === undefined ? undefined : Object.fromEntries(Object.entries(given).filter(([key]) => !key.startsWith(ANNOTATION_PREFIX) && key !== LAST_APPLIED));
  const kept = {
    ...(labels !== undefined && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotations !== undefined && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return { metadata: Object.keys(kept).length > 0 ? kept : undefined, problems };
}

/** A short rendering of a non-mapping document for messages. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The identity of a rendered or passed-through object, whatever its metadata holds. */
function identityOf(object: JsonMap): ObjectIdentity {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  return {
    apiVersion: String(object.apiVersion ?? ''),
    kind: String(object.kind),
    namespace: typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined,
    name: String(metadata.name),
  };
}
