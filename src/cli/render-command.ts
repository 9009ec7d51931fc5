import { ApiObject, App, Chart } from 'cdk8s';
import { LocustTestOptions } from '../construct/options';
import { LocustTest } from '../construct/locust-test';
import { OperatorConfig } from '../operator/operator-config';
import { formatProblem, Problem } from '../core/problems';
import { formatWarning } from '../checks/warnings';
import { canonicalObject } from './canonical';
import { Report } from './report';
import { YamlDocument } from './yaml-documents';
import { thresholdsOfResource } from './thresholds-of-resource';

const LOCUST_GROUP = 'locust.io/';
const SUPPORTED_API_VERSION = 'locust.io/v2';

type JsonMap = Record<string, unknown>;

function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

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

  /** Where each rendered object came from, to name both sources of a duplicate. */
  private readonly origins = new Map<string, string>();

  constructor(
    private readonly operatorConfig: OperatorConfig | undefined,
    private readonly report: Report,
    private readonly options: LocustTestOptions = {},
  ) {}

  /** The objects of one input's documents; meaningful only when nothing was reported. */
  public render(file: string, documents: readonly YamlDocument[]): JsonMap[] {
    const objects: JsonMap[] = [];
    for (const document of documents) {
      const { value } = document;
      if (!isMap(value)) {
        this.report.located(file, document.line, document.column, `document ${document.index} is not a mapping (got ${describe(value)}); each document must be a Kubernetes object such as a LocustTest or a ConfigMap`);
      } else if (value.kind === 'LocustTest' && typeof value.apiVersion === 'string' && value.apiVersion.startsWith(LOCUST_GROUP)) {
        objects.push(...this.renderLocustTest(file, document.index, value));
      } else {
        const object = canonicalObject(value);
        this.checkUnique(object, file, `document ${document.index}`, (problem) => this.report.inputProblem(file, `document ${document.index}: ${formatProblem(problem)}`));
        objects.push(object);
      }
    }
    return objects;
  }

  private renderLocustTest(file: string, index: number, resource: JsonMap): JsonMap[] {
    const metadata = isMap(resource.metadata) ? resource.metadata : {};
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
    const thresholds = thresholdsOfResource(metadata);
    if (thresholds.problems.length > 0) {
      for (const problem of thresholds.problems) this.report.testProblem(file, label, problem);
      return [];
    }
    // The construct validates name, namespace and spec itself, whatever their JSON type.
    const test = LocustTest.fromObject(this.chart, `LocustTest${++this.count}`, {
      name: metadata.name as string,
      namespace: metadata.namespace as string | undefined,
      spec: resource.spec,
      operatorConfig: this.operatorConfig,
      ...this.options,
      ...(thresholds.thresholds ? { thresholds: thresholds.thresholds } : {}),
    });
    for (const problem of test.problems) this.report.testProblem(file, label, problem);
    for (const warning of test.warnings) {
      if (test.strict) this.report.testProblem(file, label, { ...warning, message: `${warning.message} (strict mode: a warning is an error)` });
      else this.report.warning(file, label, formatWarning(warning));
    }
    if (test.problems.length > 0) return [];
    // Construct-tree order is creation order: Service, master Job, worker Job. cdk8s already
    // writes each object with sorted keys and apiVersion, kind, metadata first.
    const rendered = test.node.findAll().filter(ApiObject.isApiObject).map((object) => object.toJson());
    for (const object of rendered) this.checkUnique(object, file, `LocustTest ${label}`, (problem) => this.report.testProblem(file, label, problem));
    return rendered;
  }

  /**
   * Reports an object whose kind, namespace and name an earlier document already produced:
   * applied together, one would silently replace the other.
   */
  private checkUnique(object: JsonMap, file: string, source: string, report: (problem: Problem) => void): void {
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const apiVersion = String(object.apiVersion ?? '');
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
    const key = `${group}/${String(object.kind)}/${namespace}/${String(metadata.name)}`;
    const earlier = this.origins.get(key);
    if (earlier === undefined) {
      this.origins.set(key, `${file}: ${source}`);
      return;
    }
    const where = namespace ? `${namespace}/` : '';
    report({
      path: 'metadata.name',
      message: `gives ${String(object.kind)} ${where}${String(metadata.name)}, which ${earlier} also gives`,
      fix: 'give the tests different names, or put them in different namespaces',
    });
  }
}

/** A short rendering of a non-mapping document for messages. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
