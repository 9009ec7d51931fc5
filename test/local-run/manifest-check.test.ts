// Mutants of manifest-check.ts that no test can tell apart:
// - line 60, trimStart for trimEnd: the two differ only for an error at an object's root, which no
//   schema of the four kinds checked reports (they require no field there, and the kind is read first).
// - line 69, `error.message ?? ''`: Ajv gives every error a message.
// - line 74, without `.slice(1)`: the empty first token of the instance path leaves the path empty,
//   as starting from the second token does.
// - line 81, `value[token]` for `value?.[token]`: the path of an error Ajv reports exists in the object.
import { join } from 'node:path';
import { stringify } from 'yaml';
import { dispatch } from '../../src/cli/dispatch';
import { manifestProblems } from '../../src/local-run/manifest-check';
import { KubeObject, LocalTest } from '../../src/local-run/select';
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

  test('fails when a ConfigMap the test reads holds a value that is not a string, naming the document it is in', () => {
    // GIVEN the rendered test with a ConfigMap value made a list
    const objects = renderedObjects(`${locustTestYaml('shop')}---\n${FILES}`);
    objects.find((object) => object.kind === 'ConfigMap')!.data = { 'a.py': ['x'] };

    // WHEN it is run
    const result = runOn(objects);

    // THEN the input's own check names the file, the document and the field, before anything starts
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\S+\/bundle\.yaml: document 4 \(line \d+\): ConfigMap files data\.a\.py must be a string \(got \["x"\]\); quote the value \("x"\): the API server reads data values as strings only\n$/);
  });

  test('starts a manifest that matches the schemas', () => {
    const result = runOn(renderedObjects(`${locustTestYaml('shop')}---\n${FILES}`));
    expect(result.status).toBe(0);
    expect(result.localRun?.test.name).toBe('shop');
  });
});

describe('manifestProblems', () => {
  const FIX = 'correct the manifest, or render it again from its LocustTest';
  const jobOf = (name: string, container: KubeObject): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { containers: [container], restartPolicy: 'Never' } } } });
  const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop-master' }, spec: { ports: [{ port: 5557 }] } };
  const testOf = (given: Partial<LocalTest>): LocalTest => ({
    name: 'shop',
    masterJob: jobOf('shop-master', { name: 'shop-master', image: 'locustio/locust' }),
    workerJob: jobOf('shop-worker', { name: 'shop-worker', image: 'locustio/locust' }),
    service,
    sources: [],
    ...given,
  });

  test('finds nothing in objects that match the schemas, and does not check kinds a local run does not read', () => {
    expect(manifestProblems(testOf({ sources: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: 'not a pod spec' }] }))).toEqual([]);
  });

  test('fails with one line per object when the schema check itself fails, as on an object that contains itself', () => {
    // GIVEN a master whose args hold themselves (a YAML alias can make such a document)
    const args: unknown[] = ['--master'];
    args.push(args);
    const problems = manifestProblems(testOf({ masterJob: jobOf('shop-master', { name: 'shop-master', image: 'locustio/locust', args }) }));

    // THEN the object is named, without a crash
    expect(problems).toEqual([{ path: 'Job shop-master', message: 'does not match the Kubernetes schema', fix: 'render it again from its LocustTest' }]);
  });

  test('writes list indexes in brackets and keys with digits as keys', () => {
    // GIVEN an eleventh variable and ConfigMap keys that hold digits, all with values that are not strings
    const env = Array.from({ length: 11 }, (_, i) => ({ name: `V${i}`, value: i === 10 ? 10 : 'x' }));
    const problems = manifestProblems(testOf({
      masterJob: jobOf('shop-master', { name: 'shop-master', image: 'locustio/locust', env }),
      sources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'files' }, data: { v2: 1, '2v': 2 } }],
    }));
    expect(problems.map((problem) => problem.path)).toEqual([
      'Job shop-master spec.template.spec.containers[0].env[10].value',
      'ConfigMap files data.v2',
      'ConfigMap files data.2v',
    ]);
  });

  test('names a missing required field with its path', () => {
    // GIVEN a worker container without its name
    const problems = manifestProblems(testOf({ workerJob: jobOf('shop-worker', { image: 'locustio/locust' }) }));

    // THEN the field is named as missing
    expect(problems).toEqual([{ path: 'Job shop-worker spec.template.spec.containers[0].name', message: 'is required', fix: FIX }]);
  });

  test('names each broken field of each object, once per field, with the value found', () => {
    // GIVEN a quantity that is no number, a port that is neither a number nor a name,
    // a ConfigMap key holding / and ~, and a Secret value that is not base64
    const problems = manifestProblems(testOf({
      workerJob: jobOf('shop-worker', { name: 'shop-worker', image: 'locustio/locust', resources: { limits: { cpu: ['lots'] } } }),
      service: { ...service, spec: { ports: [{ port: 5557, targetPort: {} }] } },
      sources: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'files' }, data: { 'a/b~c': 1 } },
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, data: { TOKEN: '!!!' } },
      ],
    }));

    // THEN each is one problem, at its field, with its value
    expect(problems).toEqual([
      { path: 'Job shop-worker spec.template.spec.containers[0].resources.limits.cpu', message: 'must be a number', value: ['lots'], fix: FIX },
      { path: 'Service shop-master spec.ports[0].targetPort', message: 'must be a string', value: {}, fix: FIX },
      { path: 'ConfigMap files data.a/b~c', message: 'must be a string', value: 1, fix: FIX },
      { path: 'Secret token data.TOKEN', message: 'must match format "byte"', value: '!!!', fix: FIX },
    ]);
  });
});
