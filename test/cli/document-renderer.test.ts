import { stringify } from 'yaml';
import { DocumentRenderer } from '../../src/cli/document-renderer';
import { Report } from '../../src/cli/report';
import { parseDocuments } from '../../src/cli/yaml-documents';
import { MAX_OBJECT_BYTES } from '../../src/checks/object-size';
import { minimalSpecJson } from '../fixtures';

/** YAML text of the given documents, one after another. */
function yamlOf(...documents: unknown[]): string {
  return documents.map((document) => stringify(document)).join('---\n');
}

function locustTest(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'locust.io/v2', kind: 'LocustTest', metadata: { name, ...extra }, spec: minimalSpecJson() };
}

/** Renders the documents of each file in turn with one renderer; the objects, the report's text and the counts. */
function render(...files: Array<[string, string]>) {
  const report = new Report();
  const renderer = new DocumentRenderer(undefined, report);
  const objects = files.flatMap(([file, text]) => {
    const { documents, errors } = parseDocuments(text);
    if (errors.length > 0) throw new Error(`test input is no YAML: ${JSON.stringify(errors)}`);
    return renderer.render(file, documents);
  });
  return { objects: objects as any[], report: report.toString(), failed: report.failed, seen: renderer.seen };
}

const kindsAndNames = (objects: any[]) => objects.map((object) => `${object.kind}/${object.metadata.name}`);

describe('DocumentRenderer', () => {
  test('renders a LocustTest as its Service, master Job and worker Job, in that order', () => {
    // GIVEN one LocustTest
    // WHEN it is rendered
    const { objects, report, seen } = render(['shop.yaml', yamlOf(locustTest('checkout'))]);

    // THEN the objects are the operator's three, and nothing is reported
    expect(kindsAndNames(objects)).toEqual(['Service/checkout-master', 'Job/checkout-master', 'Job/checkout-worker']);
    expect(report).toBe('');
    expect(seen).toEqual({ documents: 1, locustTests: 1 });
  });

  test('passes any other object through as kubectl writes it (apiVersion, kind, metadata, then the rest sorted), beside the tests', () => {
    // GIVEN a ConfigMap written with its keys out of order, before a test
    const configMap = { data: { 'b.py': '2', 'a.py': '1' }, metadata: { name: 'files' }, kind: 'ConfigMap', apiVersion: 'v1' };

    // WHEN both are rendered
    const { objects, report, seen } = render(['shop.yaml', yamlOf(configMap, locustTest('checkout'))]);

    // THEN the ConfigMap comes first, its keys in kubectl's order, and counts as a document but not a test
    expect(report).toBe('');
    expect(kindsAndNames(objects)).toEqual(['ConfigMap/files', 'Service/checkout-master', 'Job/checkout-master', 'Job/checkout-worker']);
    expect(JSON.stringify(objects[0])).toBe('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"files"},"data":{"a.py":"1","b.py":"2"}}');
    expect(seen).toEqual({ documents: 2, locustTests: 1 });
  });

  test('counts documents and tests over every file it renders', () => {
    const { seen } = render(['a.yaml', yamlOf(locustTest('one'))], ['b.yaml', yamlOf(locustTest('two'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })]);
    expect(seen).toEqual({ documents: 3, locustTests: 2 });
  });

  test('fails when a document is not a mapping, at its line and column', () => {
    const { objects, report, failed } = render(['shop.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- one\n- two\n---\njust text\n']);
    expect(failed).toBe(true);
    expect(report).toBe([
      'shop.yaml:5:1: document 2 is not a mapping (got a list); each document must be a Kubernetes object such as a LocustTest or a ConfigMap',
      'shop.yaml:8:1: document 3 is not a mapping (got "just text"); each document must be a Kubernetes object such as a LocustTest or a ConfigMap',
      '',
    ].join('\n'));
    expect(kindsAndNames(objects)).toEqual(['ConfigMap/a']);
  });

  test('fails when a document that is not a mapping is long, shortening it in the message', () => {
    const { report } = render(['shop.yaml', `${'x'.repeat(100)}\n`]);
    expect(report).toContain(`(got "${'x'.repeat(56)}...)`);
  });

  test('fails when a LocustTest is of locust.io/v1, and renders nothing for it', () => {
    const { objects, report, seen } = render(['shop.yaml', yamlOf({ ...locustTest('checkout'), apiVersion: 'locust.io/v1' })]);
    expect(objects).toEqual([]);
    expect(report).toBe('shop.yaml: LocustTest checkout: apiVersion must be locust.io/v2: only v2 LocustTests can be rendered (got "locust.io/v1"); convert the test to locust.io/v2 (v2 groups the master and worker settings under spec.master and spec.worker)\n');
    expect(seen.locustTests).toBe(1);
  });

  test('fails when the kind is a misspelt LocustTest, with the kind it meant', () => {
    const { objects, report, seen } = render(['shop.yaml', yamlOf({ ...locustTest('checkout'), kind: 'Locusttest' })]);
    expect(objects).toEqual([]);
    expect(report).toBe('shop.yaml: LocustTest checkout: kind must be LocustTest, the one kind of the locust.io group the command line renders (got "Locusttest"); did you mean LocustTest? write kind: LocustTest with apiVersion: locust.io/v2\n');
    expect(seen.locustTests).toBe(1);
  });

  test('fails when a LocustTest kind is of another group, naming the document when the test has no name', () => {
    const { objects, report } = render(['shop.yaml', yamlOf({ apiVersion: 'example.com/v1', kind: 'LocustTests', spec: {} })]);
    expect(objects).toEqual([]);
    expect(report).toBe('shop.yaml: LocustTest document 1: kind must be LocustTest, the one kind of the locust.io group the command line renders (got "LocustTests"); did you mean LocustTest? write kind: LocustTest with apiVersion: locust.io/v2\n');
  });

  test('fails when a LocustTest is of another group, telling the apiVersion to write', () => {
    const { report } = render(['shop.yaml', yamlOf({ ...locustTest('checkout'), apiVersion: 'example.com/v2' })]);
    expect(report).toBe('shop.yaml: LocustTest checkout: apiVersion must be locust.io/v2: the command line renders LocustTests of the locust.io group only (got "example.com/v2"); write apiVersion: locust.io/v2\n');
  });

  test('fails when the spec has a problem, reporting it under the test\'s name and rendering nothing', () => {
    const invalid = { ...locustTest('checkout'), spec: minimalSpecJson({ worker: { command: '--locustfile /lotest/src/locustfile.py', replicas: 0 } }) };
    const { objects, report } = render(['shop.yaml', yamlOf(invalid)]);
    expect(objects).toEqual([]);
    expect(report).toMatch(/^shop\.yaml: LocustTest checkout: spec\.worker\.replicas /);
  });

  test('carries the test\'s labels and annotations, but not its own annotations nor kubectl\'s copy', () => {
    // GIVEN a test exported from a cluster, with a command line annotation
    const test = locustTest('checkout', {
      labels: { team: 'shop' },
      annotations: { 'owner': 'payments', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'cdk8s-locust/schedule': '0 3 * * *' },
    });

    // WHEN it is rendered
    const { objects, report } = render(['shop.yaml', yamlOf(test)]);

    // THEN every object carries the label and the owner annotation only; the schedule was read
    expect(report).toBe('');
    expect(kindsAndNames(objects)).toEqual(['Service/checkout-master', 'CronJob/checkout-master', 'CronJob/checkout-worker']);
    for (const object of objects) {
      expect(object.metadata.labels).toMatchObject({ team: 'shop' });
      expect(object.metadata.annotations).toEqual({ owner: 'payments' });
    }
  });

  test('carries nothing when the only annotations are its own', () => {
    const { objects } = render(['shop.yaml', yamlOf(locustTest('checkout', { labels: {}, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }))]);
    for (const object of objects) expect(object.metadata.annotations).toBeUndefined();
  });

  test.each(['labels', 'annotations'])('fails when metadata.%s is not a mapping', (field) => {
    const { objects, report } = render(['shop.yaml', yamlOf(locustTest('checkout', { [field]: ['team=shop'] }))]);
    expect(objects).toEqual([]);
    expect(report).toBe(`shop.yaml: LocustTest checkout: metadata.${field} must be a mapping of keys to string values (got ["team=shop"]); write one key: value per line under metadata.${field}\n`);
  });

  test('fails when an annotation of the command line has a bad value, rendering nothing', () => {
    const { objects, report } = render(['shop.yaml', yamlOf(locustTest('checkout', { annotations: { 'cdk8s-locust/schedule': 'never' } }))]);
    expect(objects).toEqual([]);
    expect(report).toMatch(/^shop\.yaml: LocustTest checkout: .*never/);
  });

  test('fails when two files write one object, naming both', () => {
    const { report } = render(['a.yaml', yamlOf(locustTest('checkout'))], ['b.yaml', yamlOf(locustTest('checkout'))]);
    expect(report).toMatch(/^b\.yaml: LocustTest checkout: .*a\.yaml/);
  });

  test('fails when one file holds two tests of one name, telling them apart by document and line', () => {
    const { report } = render(['a.yaml', yamlOf(locustTest('checkout'), locustTest('checkout'))]);
    expect(report).toMatch(/^a\.yaml: LocustTest checkout of document 2 \(line \d+\): /);
  });

  test('fails when two passed-through objects are the same, naming the document', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'files', namespace: 'load' } };
    const { report } = render(['a.yaml', yamlOf(configMap, configMap)]);
    expect(report).toMatch(/^a\.yaml: document 2 \(line 7\): metadata\.name gives ConfigMap load\/files, which document 1 \(line 1\) of this file also gives; /);
  });

  test('fails when a passed-through object is over the size an object may have', () => {
    // GIVEN an object of a kind whose own rules are its controller's: only its size is checked
    const big = { apiVersion: 'example.com/v1', kind: 'Dataset', metadata: { name: 'files' }, spec: { rows: 'x'.repeat(MAX_OBJECT_BYTES) } };
    const { report } = render(['a.yaml', yamlOf(big)]);
    expect(report).toMatch(/^a\.yaml: document 1 \(line 1\): Dataset files is \d+ bytes, more than the 1\.5 MiB an object may have \(etcd's request limit\); split it, or build large files into the image\n$/);
  });
});
