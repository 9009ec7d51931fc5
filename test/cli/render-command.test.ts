import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderCommand, renderOptions } from '../../src/cli/render-command';
import { locustTestYaml } from '../local-run/rendered';
import { tempTree } from '../temp-tree';

const invocation = (files: string[], more: { output?: string; argoCd?: boolean; runId?: string; strict?: true } = {}) =>
  ({ action: 'render' as const, files, argoCd: false, ...more });

const kindsAndNames = (yaml: string) => parseAllDocuments(yaml).map((doc) => doc.toJS()).map((o) => `${o.kind}/${o.metadata.name}`);

describe('renderCommand', () => {
  test('writes the bundle of every test on stdout', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop') });
    const result = renderCommand(invocation([join(root, 'shop.yaml')]));
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(kindsAndNames(result.stdout)).toEqual(['Service/shop-master', 'Job/shop-master', 'Job/shop-worker']);
  });

  test('writes the bundle to the output file, and nothing on stdout', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop') });
    const output = join(root, 'bundle.k8s.yaml');
    const result = renderCommand(invocation([join(root, 'shop.yaml')], { output }));
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(kindsAndNames(readFileSync(output, 'utf8'))).toEqual(['Service/shop-master', 'Job/shop-master', 'Job/shop-worker']);
  });

  test('fails when the output cannot be written, in one line', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop') });
    const output = join(root, 'missing-folder', 'bundle.yaml');
    expect(renderCommand(invocation([join(root, 'shop.yaml')], { output }))).toEqual({ status: 1, stdout: '', stderr: `${output}: cannot be written: no such file or directory (ENOENT)\n` });
  });

  test('writes no output file when a test is invalid, so bad input never leaves half a bundle', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop').replace('replicas: 3', 'replicas: 0') });
    const output = join(root, 'bundle.yaml');
    const result = renderCommand(invocation([join(root, 'shop.yaml')], { output }));
    expect(result.status).toBe(1);
    expect(() => readFileSync(output)).toThrow(/ENOENT/);
  });
});

describe('renderOptions', () => {
  test('stands for the flags: --argocd, --run-id and --strict', () => {
    expect(renderOptions(invocation([], { argoCd: true, runId: 'r7', strict: true }))).toEqual({ argoCd: {}, runId: 'r7', strict: true });
  });

  test('leaves every option unset without its flag, so the environment may still turn strict on', () => {
    expect(renderOptions(invocation([]))).toEqual({ argoCd: undefined, runId: undefined, strict: undefined });
  });
});
