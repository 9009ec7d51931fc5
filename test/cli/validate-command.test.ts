import { join } from 'node:path';
import { validateCommand } from '../../src/cli/validate-command';
import { locustTestYaml } from '../local-run/rendered';
import { tempTree } from '../temp-tree';

const invocation = (files: string[]) => ({ action: 'validate' as const, files, argoCd: false });

describe('validateCommand', () => {
  test('exits 0 and writes nothing for a valid test', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop') });
    expect(validateCommand(invocation([join(root, 'shop.yaml')]))).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('fails with the report of an invalid test, and writes nothing on stdout', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop').replace('replicas: 3', 'replicas: 0') });
    const result = validateCommand(invocation([join(root, 'shop.yaml')]));
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toContain('LocustTest shop: spec.worker.replicas must be at least 1');
  });

  test('fails for an input without a LocustTest: validating nothing must not pass a CI gate', () => {
    const root = tempTree({ 'empty.yaml': '' });
    const file = join(root, 'empty.yaml');
    expect(validateCommand(invocation([file]))).toEqual({ status: 1, stdout: '', stderr: `${file}: holds no documents; give the YAML of at least one locust.io/v2 LocustTest, as files or on standard input\n` });
  });

  test('passes with its warnings on stderr', () => {
    const root = tempTree({ 'shop.yaml': locustTestYaml('shop', '  observability: {openTelemetry: {enabled: true, endpoint: "http://collector:4317"}}\n') });
    const result = validateCommand(invocation([join(root, 'shop.yaml')]));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/LocustTest shop: warning: spec.image has no OpenTelemetry SDK/);
  });
});
