import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { find, Manifest } from '../util';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-thresholds-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function resource(annotation: string): string {
  const path = join(work, 'test.yaml');
  writeFileSync(path, `apiVersion: locust.io/v2
kind: LocustTest
metadata:
  name: checkout
  annotations:
    cdk8s-locust/thresholds: ${annotation}
spec:
  image: locustio/locust:2.43.1
  master: {command: "--locustfile /lotest/src/locustfile.py"}
  worker: {command: "--locustfile /lotest/src/locustfile.py", replicas: 1}
`);
  return path;
}

describe('the thresholds annotation', () => {
  test('makes the rendered master judge the thresholds it lists', () => {
    // WHEN a LocustTest with the annotation is rendered
    const result = dispatch(['render', resource('"fail-ratio<=0.01, avg<=300ms, p95<=800ms, rps>=50"')]);

    // THEN the master carries the thresholds and loads the module
    expect(result.status).toBe(0);
    const objects = parseAllDocuments(result.stdout).map((document) => document.toJS() as Manifest);
    const container = find(objects, 'Job', 'checkout-master').spec.template.spec.containers[0];
    expect(container.env).toContainEqual({
      name: 'CDK8S_LOCUST_THRESHOLDS',
      value: '{"maxFailRatio":0.01,"maxAverageResponseTimeMs":300,"maxResponseTimePercentiles":[{"percentile":0.95,"maxMs":800}],"minRequestsPerSecond":50}',
    });
    expect(container.args[1]).toMatch(/^\/opt\/cdk8s-locust\/verdict\/cdk8s_locust_verdict_v.*\.py,\/lotest\/src\/locustfile\.py$/);
    expect(objects.filter((object) => object.kind === 'ConfigMap')).toHaveLength(1);
  });

  test('of the example file renders with the README\'s command', () => {
    const example = resolve(__dirname, '..', '..', 'examples', 'cli', 'verdict.yaml');
    const result = dispatch(['render', example, '--argocd', '--run-id', '2026-12-01-1']);
    expect(result.stderr).toBe('');
    const objects = parseAllDocuments(result.stdout).map((document) => document.toJS() as Manifest);
    const container = find(objects, 'Job', 'checkout-load-master').spec.template.spec.containers[0];
    expect(container.env).toContainEqual(expect.objectContaining({ name: 'CDK8S_LOCUST_THRESHOLDS' }));
  });

  test('fails when an entry is bad, naming the annotation and the entry', () => {
    const file = resource('"fail-ratio<=0.01, p95<800ms"');
    const result = dispatch(['validate', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locust/thresholds"] has an entry that is not NAME<=LIMIT or rps>=LIMIT (got "p95<800ms")');
  });

  test('fails when the annotation is not a string', () => {
    const result = dispatch(['validate', resource('{avg: 3}')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('metadata.annotations["cdk8s-locust/thresholds"] must be a string');
  });
});
