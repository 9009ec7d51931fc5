import { KubeObject, selectTest, testNames } from '../../src/local-run/select';
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
