import { join } from 'node:path';
import { stringify } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { KubeObject } from '../../src/local-run/select';
import { tempTree } from '../temp-tree';
import { locustTestYaml, renderedObjects } from './rendered';

/** Rendered manifests edited by hand: `run` names the broken field before it starts anything. */
const FILES = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: files, namespace: load}\ndata: {a.py: "x = 1"}\n';

function job(objects: KubeObject[], name: string): KubeObject {
  return objects.find((object) => object.kind === 'Job' && object.metadata.name === name)!;
}

function runOn(objects: KubeObject[]) {
  const input = join(tempTree({ 'bundle.yaml': objects.map((object) => stringify(object)).join('---\n') }), 'bundle.yaml');
  return dispatch(['run', input, '--run-time', '1s']);
}

describe('broken rendered manifests given to run', () => {
  test('fails when a container env is a mapping, naming the field, before anything starts', () => {
    // GIVEN the rendered test with the master's env rewritten as a mapping
    const objects = renderedObjects(`${locustTestYaml('shop')}---\n${FILES}`);
    job(objects, 'shop-master').spec.template.spec.containers[0].env = { TARGET: 'shop' };

    // WHEN it is run
    const result = runOn(objects);

    // THEN one line names the Job, the field and the value, and nothing is started
    expect(result).toEqual({ status: 1, stdout: '', stderr: 'cdk8s-locust: Job shop-master spec.template.spec.containers[0].env must be a list (got {"TARGET":"shop"}); correct the manifest, or render it again from its LocustTest\n' });
  });

  test('fails when a volume mode is not a number, in each Job that has it', () => {
    const objects = renderedObjects(`${locustTestYaml('shop')}---\n${FILES}`);
    for (const name of ['shop-master', 'shop-worker']) job(objects, name).spec.template.spec.volumes[0].configMap.defaultMode = 'rwx';
    const result = runOn(objects);
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'cdk8s-locust: Job shop-master spec.template.spec.volumes[0].configMap.defaultMode must be an integer (got "rwx"); correct the manifest, or render it again from its LocustTest',
      'cdk8s-locust: Job shop-worker spec.template.spec.volumes[0].configMap.defaultMode must be an integer (got "rwx"); correct the manifest, or render it again from its LocustTest',
    ]);
  });

  test('fails when a ConfigMap the test reads holds a value that is not a string', () => {
    const objects = renderedObjects(`${locustTestYaml('shop')}---\n${FILES}`);
    objects.find((object) => object.kind === 'ConfigMap')!.data = { 'a.py': ['x'] };
    expect(runOn(objects).stderr).toBe('cdk8s-locust: ConfigMap files data.a.py must be a string (got ["x"]); correct the manifest, or render it again from its LocustTest\n');
  });

  test('starts a manifest that matches the schemas', () => {
    const result = runOn(renderedObjects(`${locustTestYaml('shop')}---\n${FILES}`));
    expect(result.status).toBe(0);
    expect(result.localRun?.test.name).toBe('shop');
  });
});
