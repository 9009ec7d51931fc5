// Mutants of select.ts that no test can tell apart:
// - line 107, `?? "Stryker was here!"` for `?? ''` in a test's key: the key only groups the Jobs of a
//   namespace, and the name is read after its first `/`, which a namespace never holds.
// - line 71, `["Stryker was here"]` for `[]` (a non-Job object among the Jobs): a string has no pod
//   template, so it carries no test label and no role, and is skipped as `[]` was.
import { Problem } from '../../src/core/problems';
import { isObject, KubeObject, listAt, mainContainerOf, objectLabel, selectTest, testNames } from '../../src/local-run/select';
import { locustTestYaml, renderedObjects } from './rendered';

function rendered(...names: string[]): KubeObject[] {
  return renderedObjects(names.map((name) => locustTestYaml(name)).join('---\n'));
}

describe('selectTest', () => {
  test('picks the only test: its master Job, worker Job and the Service selecting the master pod', () => {
    // GIVEN the rendered objects of one test
    const objects = rendered('shop.checkout');

    // WHEN a test is selected without a name
    const selected = selectTest(objects);

    // THEN it is that test, found by its label (dots sanitised in the object names)
    if (!('test' in selected)) throw new Error(JSON.stringify(selected));
    expect(selected.test.name).toBe('shop.checkout');
    expect(selected.test.namespace).toBe('load');
    expect(selected.test.masterJob.metadata.name).toBe('shop-checkout-master');
    expect(selected.test.workerJob.metadata.name).toBe('shop-checkout-worker');
    expect(selected.test.service.metadata.name).toBe('shop-checkout-master');
  });

  test('fails with a problem, not an exception, when the test label is not a string', () => {
    // GIVEN hand-edited manifests whose test label became a number
    const objects = rendered('shop');
    for (const job of objects.filter((object) => object.kind === 'Job')) job.spec.template.metadata.labels['performance-test-name'] = 123;

    // THEN no test is found, and the problem says what was looked for
    const selected = selectTest(objects);
    expect('problem' in selected && selected.problem.message).toMatch(/^holds no Locust test/);
  });

  test('runs a scheduled test as one run: the job templates of its two CronJobs', () => {
    // GIVEN a LocustTest rendered on a schedule
    const yaml = locustTestYaml('soak').replace('metadata: {name: soak, namespace: load}', 'metadata: {name: soak, namespace: load, annotations: {"cdk8s-locust/schedule": "0 2 * * *"}}');
    const objects = renderedObjects(yaml);
    const cronJob = objects.find((o) => o.kind === 'CronJob' && o.metadata.name === 'soak-master')!;

    // WHEN the test is selected
    const selected = selectTest(objects);

    // THEN its Jobs are the CronJobs' job templates, under the CronJobs' names
    if (!('test' in selected)) throw new Error(JSON.stringify(selected));
    expect(selected.test.masterJob).toEqual({ apiVersion: 'batch/v1', kind: 'Job', metadata: cronJob.metadata, spec: cronJob.spec.jobTemplate.spec });
    expect(selected.test.workerJob.metadata.name).toBe('soak-worker');
  });

  test('lists the tests sorted by name', () => {
    expect(testNames(rendered('b', 'a'))).toEqual(['a', 'b']);
  });

  test('fails when several tests are given and none is named, listing them', () => {
    expect(selectTest(rendered('b', 'a'))).toEqual({ problem: expect.objectContaining({ path: '--test', message: 'is required: the input holds several tests (a, b)' }) });
  });

  test('fails when the named test is not in the input, listing the names found', () => {
    expect(selectTest(rendered('a'), 'x')).toEqual({ problem: expect.objectContaining({ path: '--test', message: 'names no test of the input (found: a)', value: 'x' }) });
  });

  test('fails when the input holds no test', () => {
    expect(selectTest([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }])).toEqual({ problem: expect.objectContaining({ path: 'input' }) });
  });

  test('fails when the master Service is missing', () => {
    const objects = rendered('a').filter((object) => object.kind !== 'Service');
    expect(selectTest(objects)).toEqual({ problem: expect.objectContaining({ path: 'Job a-master', message: expect.stringContaining('has no Service selecting its pod') }) });
  });
});

describe('selectTest, on hand-edited manifests', () => {
  const jobNamed = (objects: KubeObject[], name: string) => objects.find((object) => object.kind === 'Job' && object.metadata.name === name)!;

  test('takes the Service in the master\'s namespace that selects its pod, and only v1 ConfigMaps and Secrets as sources', () => {
    // GIVEN a test, a Service of the same name in another namespace listed first, a Service selecting another pod, and sources of other kinds
    const objects = renderedObjects(`${locustTestYaml('shop')}---
apiVersion: v1
kind: ConfigMap
metadata: {name: files, namespace: load}
data: {a.py: "x = 1"}
`);
    const service = objects.find((object) => object.kind === 'Service')!;
    const elsewhere = { ...service, metadata: { ...service.metadata, namespace: 'other' } };
    const otherPod = { ...service, metadata: { ...service.metadata, name: 'other' }, spec: { ...service.spec, selector: { 'performance-test-pod-name': 'other-master' } } };
    const notSources = [{ apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'v2' } }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' } }];

    // WHEN the test is selected
    const selected = selectTest([elsewhere, otherPod, ...objects, ...notSources]);

    // THEN the Service is the master's own, and the sources are the v1 ConfigMaps and Secrets
    if (!('test' in selected)) throw new Error(JSON.stringify(selected));
    expect(selected.test.service).toBe(service);
    expect(selected.test.sources.map(objectLabel)).toEqual(['ConfigMap files', 'Secret token']);
  });

  test('reads past hand-edited objects that lack metadata, spec, template or selector', () => {
    // GIVEN a test among Jobs, CronJobs and Services missing every optional part
    const junk: KubeObject[] = [
      { apiVersion: 'batch/v1', kind: 'Job' },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: {} },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: {} } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { labels: { 'performance-test-name': 'a' } } } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: {} },
      { apiVersion: 'v1', kind: 'Service' },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'load' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'load' }, spec: {} },
    ];
    const objects = [...junk, ...rendered('a')];

    // WHEN the test is selected
    const selected = selectTest(objects);

    // THEN it is the rendered one
    if (!('test' in selected)) throw new Error(JSON.stringify(selected));
    expect([selected.test.masterJob.metadata.name, selected.test.workerJob.metadata.name, selected.test.service.metadata.name]).toEqual(['a-master', 'a-worker', 'a-master']);
  });

  test('takes the master by its role, and the Service by its kind, whatever the order of the input', () => {
    // GIVEN the worker Job first, and an object of another kind selecting the master pod before the Service
    const objects = rendered('a').reverse();
    const service = objects.find((object) => object.kind === 'Service')!;
    const budget = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'a-master', namespace: 'load' }, spec: { selector: service.spec.selector } };

    // WHEN the test is selected
    const selected = selectTest([budget, ...objects]);

    // THEN the master is the --master Job, and the Service the Service
    if (!('test' in selected)) throw new Error(JSON.stringify(selected));
    expect(selected.test.masterJob.metadata.name).toBe('a-master');
    expect(selected.test.service.kind).toBe('Service');
  });

  test('runs a test whose objects have no namespace', () => {
    const objects = rendered('a');
    for (const object of objects) delete object.metadata.namespace;
    const selected = selectTest(objects.map((object) => (object.kind === 'Job' ? { ...object, metadata: undefined } : object)));
    expect('test' in selected && selected.test.namespace).toBeUndefined();
    expect('test' in selected && selected.test.service.metadata.name).toBe('a-master');
  });

  test('finds no test in an object of batch/v1 whose kind is misspelt', () => {
    const yaml = locustTestYaml('soak').replace('metadata: {name: soak, namespace: load}', 'metadata: {name: soak, namespace: load, annotations: {"cdk8s-locust/schedule": "0 2 * * *"}}');
    const objects = renderedObjects(yaml);
    for (const cronJob of objects.filter((object) => object.kind === 'CronJob')) cronJob.kind = 'Cronjob';
    expect(testNames(objects)).toEqual([]);
  });

  test('says how to fix each selection problem', () => {
    expect(selectTest([])).toEqual({ problem: { path: 'input', message: 'holds no Locust test: no master Job and worker Job labelled performance-test-name', fix: 'give the rendered manifests (dist/*.k8s.yaml) or LocustTest resources' } });
    expect(selectTest([], 'x')).toEqual({ problem: { path: '--test', message: 'names no test of the input (found: none)', value: 'x', fix: 'use one of the names found' } });
    expect(selectTest(rendered('b', 'a'))).toEqual({ problem: { path: '--test', message: 'is required: the input holds several tests (a, b)', fix: 'name the one to run with --test NAME' } });
    expect(selectTest(rendered('a').filter((object) => object.kind !== 'Service'))).toEqual({ problem: { path: 'Job a-master', message: 'has no Service selecting its pod in the input, so workers could not reach it', fix: 'give every file the test was rendered into' } });
  });

  test('picks the named test among several', () => {
    const selected = selectTest(rendered('a', 'b'), 'b');
    expect('test' in selected && [selected.test.name, selected.test.masterJob.metadata.name, selected.test.workerJob.metadata.name]).toEqual(['b', 'b-master', 'b-worker']);
  });

  test('finds no test in Jobs of another API version, or without a role', () => {
    // GIVEN a test whose worker Job has another apiVersion, and one whose worker runs neither --master nor --worker
    const otherVersion = rendered('a');
    jobNamed(otherVersion, 'a-worker').apiVersion = 'batch/v2';
    const noRole = rendered('b');
    jobNamed(noRole, 'b-worker').spec.template.spec.containers[0].args = ['-f', '/lotest/src/a.py'];
    const argsNotAList = rendered('c');
    jobNamed(argsNotAList, 'c-worker').spec.template.spec.containers[0].args = '--worker';

    // THEN none of them holds a test
    expect(testNames([...otherVersion, ...noRole, ...argsNotAList])).toEqual([]);
  });

  test('tells apart tests of the same name in two namespaces, and needs both roles of one namespace', () => {
    // GIVEN test a in namespace load, and its master alone in namespace other
    const objects = rendered('a');
    const master = jobNamed(objects, 'a-master');
    const lone = { ...master, metadata: { ...master.metadata, namespace: 'other' } };

    // THEN there is one test a; a master without its worker in its namespace is none
    expect(testNames([...objects, lone])).toEqual(['a']);
    expect(testNames([lone, jobNamed(objects, 'a-worker')])).toEqual([]);
  });

  test('finds no test in a CronJob of another API version', () => {
    const yaml = locustTestYaml('soak').replace('metadata: {name: soak, namespace: load}', 'metadata: {name: soak, namespace: load, annotations: {"cdk8s-locust/schedule": "0 2 * * *"}}');
    const objects = renderedObjects(yaml);
    for (const cronJob of objects.filter((object) => object.kind === 'CronJob')) cronJob.apiVersion = 'batch/v1beta1';
    expect(testNames(objects)).toEqual([]);
  });

  test('fails when the master\'s pod has no pod-name label for a Service to select', () => {
    const objects = rendered('a');
    delete jobNamed(objects, 'a-master').spec.template.metadata.labels['performance-test-pod-name'];
    // AND a Service that selects no pod by that label either
    objects.find((object) => object.kind === 'Service')!.spec.selector = { app: 'a' };
    expect(selectTest(objects)).toEqual({ problem: expect.objectContaining({ path: 'Job a-master', message: 'has no Service selecting its pod in the input, so workers could not reach it' }) });
  });

  test('fails when the master\'s namespace differs from its Service\'s', () => {
    const objects = rendered('a');
    objects.find((object) => object.kind === 'Service')!.metadata.namespace = 'other';
    expect('problem' in selectTest(objects)).toBe(true);
  });
});

describe('mainContainerOf', () => {
  const job = (containers: unknown): KubeObject => ({ kind: 'Job', metadata: { name: 'shop-master' }, spec: { template: { spec: { containers } } } });

  test('takes the container named like its Job, else the first object', () => {
    expect(mainContainerOf(job([{ name: 'sidecar' }, 'junk', { name: 'shop-master' }]))?.name).toBe('shop-master');
    expect(mainContainerOf(job(['junk', { name: 'first' }, { name: 'second' }]))?.name).toBe('first');
  });

  test('finds none where containers is not a list', () => {
    expect(mainContainerOf(job({ name: 'shop-master' }))).toBeUndefined();
    expect(mainContainerOf({ kind: 'Job' })).toBeUndefined();
  });
});

describe('listAt', () => {
  test('reads a list of objects, and a missing or null list as empty, without a problem', () => {
    const problems: Problem[] = [];
    expect(listAt({ env: [{ name: 'A' }] }, 'env', 'c', problems)).toEqual([{ name: 'A' }]);
    expect(listAt({ env: null }, 'env', 'c', problems)).toEqual([]);
    expect(listAt({}, 'env', 'c', problems)).toEqual([]);
    expect(listAt('not an object', 'env', 'c', problems)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test.each([
    [{ name: 'A' }, 'c.env', 'must be a list, not a map'],
    ['A=1', 'c.env', 'must be a list, not a string'],
    [[{ name: 'A' }, ['B']], 'c.env[1]', 'must be an object, not a list'],
    [[{ name: 'A' }, null], 'c.env[1]', 'must be an object, not null'],
    [[7], 'c.env[0]', 'must be an object, not a number'],
  ])('fails on %j, naming the field', (env, path, message) => {
    const problems: Problem[] = [];
    expect(listAt({ env }, 'env', 'c', problems)).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ path, message })]);
  });

  test('says how to write the list or its entries', () => {
    const problems: Problem[] = [];
    listAt({ env: { A: '1' } }, 'env', 'c', problems);
    listAt({ env: ['A'] }, 'env', 'c', problems);
    expect(problems).toEqual([
      { path: 'c.env', message: 'must be a list, not a map', value: { A: '1' }, fix: 'write env as a YAML list (each entry starting with -)' },
      { path: 'c.env[0]', message: 'must be an object, not a string', value: 'A', fix: 'give every entry of env its fields' },
    ]);
  });
});

describe('isObject', () => {
  test.each([[{}, true], [[], false], [null, false], ['x', false]])('takes %j for a map: %s', (value, expected) => {
    expect(isObject(value)).toBe(expected);
  });
});

describe('objectLabel', () => {
  test('names an object by kind and name, even without metadata', () => {
    expect(objectLabel({ kind: 'Job', metadata: { name: 'shop-master' } })).toBe('Job shop-master');
    expect(objectLabel({ kind: 'Job' })).toBe('Job undefined');
  });
});
