import { ApiObject, App, Chart } from 'cdk8s';
import { LocustTestOptions } from '../construct/options';
import { LocustTest } from '../construct/locust-test';
import { OperatorConfig } from '../operator/operator-config';
import { formatProblem } from '../core/problems';
import { formatWarning, strictProblem } from '../checks/warnings';
import { ObjectIdentity, UniqueObjects } from '../checks/unique-objects';
import { canonicalObject } from './canonical';
import { Report } from './report';
import { inCommandLineTerms, optionsFromAnnotations } from './run-annotations';
import { YamlDocument } from './yaml-documents';
import { isJsonObject } from '../spec/spec';

const LOCUST_GROUP = 'locust.io/';
const SUPPORTED_API_VERSION = 'locust.io/v2';

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
      } else if (value.kind === 'LocustTest' && typeof value.apiVersion === 'string' && value.apiVersion.startsWith(LOCUST_GROUP)) {
        objects.push(...this.renderLocustTest(file, document, value));
      } else {
        const object = canonicalObject(value);
        const where = `document ${document.index} (line ${document.line})`;
        const repeat = this.objects.claim(identityOf(object), { description: `${file}: document ${document.index}`, source: { file, within: where } }, file);
        if (repeat) this.report.inputProblem(file, `${where}: ${formatProblem(repeat.problem)}`);
        objects.push(object);
      }
    }
    return objects;
  }

  private renderLocustTest(file: string, document: YamlDocument, resource: JsonMap): JsonMap[] {
    const { index } = document;
    this.locustTestCount++;
    const metadata = isJsonObject(resource.metadata) ? resource.metadata : {};
    const label = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : `document ${index}`;
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
    // The construct validates name, namespace and spec itself, whatever their JSON type.
    const test = LocustTest.fromObject(this.chart, `LocustTest${++this.count}`, {
      name: metadata.name as string,
      namespace: metadata.namespace as string | undefined,
      spec: resource.spec,
      operatorConfig: this.operatorConfig,
      ...annotated.options,
    });
    for (const problem of test.problems) this.report.testProblem(file, label, inCommandLineTerms(problem));
    for (const warning of test.warnings) {
      if (test.strict) this.report.testProblem(file, label, strictProblem(warning));
      else this.report.warning(file, label, formatWarning(warning));
    }
    if (test.problems.length > 0 || annotated.problems.length > 0) return [];
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
