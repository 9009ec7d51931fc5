import { join } from 'node:path';
import { renderInputs, reportNothingToRender } from '../../src/cli/rendered-inputs';
import { Report } from '../../src/cli/report';
import { locustTestYaml } from '../local-run/rendered';
import { tempTree } from '../temp-tree';

describe('renderInputs', () => {
  test('renders every input in order into its objects, with an empty report', () => {
    // GIVEN two files, one test each
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop'), 'cart.yaml': locustTestYaml('cart') });

    // WHEN both are rendered
    const { report, objects } = renderInputs([join(root, 'cart.yaml'), join(root, 'shop.yaml')], undefined, {});

    // THEN the objects of the first file come first
    expect(report.toString()).toBe('');
    expect(objects.filter((o) => o.kind === 'Job').map((o) => (o.metadata as { name: string }).name)).toEqual(['cart-master', 'cart-worker', 'shop-master', 'shop-worker']);
  });

  test('reports an unreadable input and goes on with the others', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop') });
    const missing = join(root, 'missing.yaml');
    const { report, objects } = renderInputs([missing, join(root, 'shop.yaml')], undefined, {});
    expect(report.toString()).toBe(`${missing}: cannot be read: no such file or directory (ENOENT)\n`);
    expect(objects.length).toBeGreaterThan(0);
  });

  test('reports a YAML error at its line and column', () => {
    const root = tempTree({ 'bad.yaml': 'a: 1\na: 2\n' });
    const file = join(root, 'bad.yaml');
    expect(renderInputs([file], undefined, {}).report.toString()).toMatch(new RegExp(`^${file}:2:1: `));
  });

  test('stops before the inputs when the operator configuration is broken', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop'), 'operator.yaml': 'METRICS_EXPORTER_PORT: "http"\n' });
    const { report, objects } = renderInputs([join(root, 'shop.yaml')], join(root, 'operator.yaml'), {});
    expect(report.failed).toBe(true);
    expect(report.toString()).toMatch(/operator\.yaml: METRICS_EXPORTER_PORT /);
    expect(report.toString()).not.toMatch(/shop\.yaml/);
    expect(objects).toEqual([]);
  });
});

describe('reportNothingToRender', () => {
  function seen(text: string, files: string[]) {
    const root = tempTree({ 'input.yaml': text });
    const { renderer } = renderInputs([join(root, 'input.yaml')], undefined, {});
    const report = new Report();
    reportNothingToRender(renderer, files, report);
    return report.toString();
  }

  test('says nothing when a LocustTest was rendered', () => {
    expect(seen(locustTestYaml('shop'), ['input.yaml'])).toBe('');
  });

  test('fails for inputs without documents, naming every input and standard input by its name', () => {
    expect(seen('', ['a.yaml', '-'])).toBe('a.yaml, <stdin>: holds no documents; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input\n');
  });

  test.each([
    ['one document', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', 'holds 1 document and no LocustTest'],
    ['two documents', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n', 'holds 2 documents and no LocustTest'],
  ])('fails for %s without a LocustTest, counting them', (_what, text, what) => {
    expect(seen(text, ['input.yaml'])).toBe(`input.yaml: ${what}; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input\n`);
  });
});
