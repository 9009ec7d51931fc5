import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { find, Manifest } from '../util';

/** Documents that look like LocustTests but are not rendered, and what a LocustTest carries along. */
let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-kinds-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const test_ = (name: string, head = 'apiVersion: locust.io/v2\nkind: LocustTest', metadata = '') => `${head}
metadata: {name: ${name}, namespace: load${metadata}}
spec:
  image: locustio/locust:2.43.1
  master: {command: "-f /lotest/src/a.py"}
  worker: {command: "-f /lotest/src/a.py", replicas: 2}
`;

describe('documents meant as LocustTests', () => {
  test.each([
    ['Locusttest', 'apiVersion: locust.io/v2\nkind: Locusttest', 'kind must be LocustTest, the one kind of the locust.io group the command line renders (got "Locusttest"); did you mean LocustTest? write kind: LocustTest with apiVersion: locust.io/v2'],
    ['LocustTests', 'apiVersion: locust.io/v2\nkind: LocustTests', 'kind must be LocustTest, the one kind of the locust.io group the command line renders (got "LocustTests"); did you mean LocustTest?'],
    ['a LocustTest of another group', 'apiVersion: locust.example.io/v2\nkind: LocustTest', 'apiVersion must be locust.io/v2: the command line renders LocustTests of the locust.io group only (got "locust.example.io/v2"); write apiVersion: locust.io/v2'],
  ])('fails on %s beside a valid test, instead of passing it through', (_, head, message) => {
    // GIVEN a valid LocustTest and a document that was meant as one
    const input = file('mixed.yaml', `${test_('good')}---\n${test_('typo', head)}`);

    // WHEN the file is validated and rendered
    const validated = dispatch(['validate', input]);
    const rendered = dispatch(['render', input]);

    // THEN both fail on the second document, which would never have run
    expect(validated.status).toBe(1);
    expect(validated.stderr).toContain(`${input}: LocustTest typo: ${message}`);
    expect(validated.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(rendered.status).toBe(1);
    expect(rendered.stdout).toBe('');
  });

  test('fails when a document that passes through is larger than an object may be', () => {
    const input = file('big-config-map.yaml', `${test_('good')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: load}\ndata: {blob: ${'x'.repeat(1_600_000)}}\n`);
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    // THEN both limits it passes are named: the API server's for a ConfigMap's values, etcd's for any object
    expect(result.stderr).toBe([
      `${input}: document 2 (line 9): ConfigMap big data and binaryData hold 1600000 bytes, more than the 1 MiB the API server accepts in one ConfigMap; split the files over several objects, or build the large ones into the image`,
      `${input}: document 2 (line 9): ConfigMap big is 1600102 bytes, more than the 1.5 MiB an object may have (etcd's request limit); split it, or build large files into the image`,
      '',
    ].join('\n'));
  });

  test('passes other groups and kinds through', () => {
    const input = file('other.yaml', `${test_('good')}---\napiVersion: example.com/v1\nkind: LocustTask\nmetadata: {name: other}\n`);
    const result = dispatch(['render', input]);
    expect(result.stderr).toBe('');
    expect(parseAllDocuments(result.stdout).map((d) => (d.toJS() as Manifest).kind)).toContain('LocustTask');
  });
});

describe("a LocustTest's own labels and annotations", () => {
  test('go on every object it writes, and the labels on its pods, as the construct metadata prop puts them', () => {
    // GIVEN a LocustTest with a cost-centre label and an owner annotation
    const input = file('labelled.yaml', test_('shop', undefined, ', labels: {example.com/cost-center: cc-1}, annotations: {example.com/owner: payments}'));

    // WHEN it is rendered
    const result = dispatch(['render', input]);

    // THEN the Service and both Jobs carry both, and both pod templates the label
    expect(result.stderr).toBe('');
    const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as Manifest);
    for (const [kind, name] of [['Service', 'shop-master'], ['Job', 'shop-master'], ['Job', 'shop-worker']]) {
      const object = find(objects, kind, name);
      expect(object.metadata.labels).toEqual({ 'example.com/cost-center': 'cc-1' });
      expect(object.metadata.annotations).toEqual({ 'example.com/owner': 'payments' });
    }
    expect(find(objects, 'Job', 'shop-worker').spec.template.metadata.labels['example.com/cost-center']).toBe('cc-1');
  });

  test("leaves kubectl's last-applied copy of the resource behind", () => {
    const input = file('exported.yaml', test_('shop', undefined, ', annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}", example.com/owner: payments}'));
    const result = dispatch(['render', input]);
    expect(result.stderr).toBe('');
    const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as Manifest);
    expect(find(objects, 'Job', 'shop-master').metadata.annotations).toEqual({ 'example.com/owner': 'payments' });
  });

  test('fails when a label would replace one the operator writes on the pods', () => {
    const input = file('app-label.yaml', test_('shop', undefined, ', labels: {app: mine}'));
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${input}: LocustTest shop: metadata.labels["app"] is a label the operator writes on the pods`);
  });

  test('fails when the labels are not a mapping', () => {
    const input = file('label-list.yaml', test_('shop', undefined, ', labels: [a, b]'));
    expect(dispatch(['validate', input]).stderr).toBe(`${input}: LocustTest shop: metadata.labels must be a mapping of keys to string values (got ["a","b"]); write one key: value per line under metadata.labels\n`);
  });

  test('fails when the annotations are over the size the API server accepts', () => {
    const input = file('big-annotation.yaml', test_('shop', undefined, `, annotations: {example.com/blob: ${'x'.repeat(300 * 1024)}}`));
    const result = dispatch(['validate', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations hold 307216 bytes of keys and values, more than the 256 KiB the API server accepts on one object');
  });
});

describe('did you mean', () => {
  test('names the nearest field of a misspelt spec field', () => {
    const input = file('field.yaml', test_('shop').replace('  image:', '  imagePulPolicy: Always\n  image:'));
    expect(dispatch(['validate', input]).stderr).toBe(`${input}: LocustTest shop: spec.imagePulPolicy is not a known field (got "Always"); did you mean spec.imagePullPolicy? rename it, or remove spec.imagePulPolicy\n`);
  });

  test('names the nearest operator setting of a misspelt one', () => {
    const config = file('config.yaml', 'POD_MEM_LIMT: 1Gi\n');
    const result = dispatch(['validate', file('ok.yaml', test_('shop')), '--operator-config', config]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${config}: POD_MEM_LIMT is not an operator setting this library knows; did you mean POD_MEM_LIMIT? rename it\n`);
  });
});
