import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { createJob, AsBuiltJob } from '../../src/construct/jobs';

describe('job', () => {
  test('writes a Job with only name and namespace in its metadata and the spec as given', () => {
    const chart = Testing.chart();
    createJob(chart, 'J', 'checkout-master', 'load', { parallelism: 1, backoffLimit: 0, template: { spec: { containers: [{ name: 'c', image: 'i' }], restartPolicy: 'Never' } } });
    const [job] = Testing.synth(chart);
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'checkout-master', namespace: 'load' },
      spec: { parallelism: 1, backoffLimit: 0, template: { spec: { containers: [{ name: 'c', image: 'i' }], restartPolicy: 'Never' } } },
    });
  });

  test('keeps fields newer than the 1.28 declarations, which KubeJob would drop', () => {
    const chart = Testing.chart();
    const env = [{ name: 'F', valueFrom: { fileKeyRef: { path: 'p', key: 'k', volumeName: 'v', optional: false } } }];
    createJob(chart, 'J', 'j', undefined, { template: { spec: { containers: [{ name: 'c', env, volumeMounts: [{ name: 'v', mountPath: '/v', recursiveReadOnly: 'Enabled' }] }] } } });
    const [job] = Testing.synth(chart);
    expect(job.spec.template.spec.containers[0].env).toEqual(env);
    expect(job.spec.template.spec.containers[0].volumeMounts[0].recursiveReadOnly).toBe('Enabled');
  });

  test('omits the namespace when there is none', () => {
    const chart = new Chart(Testing.app(), 'c');
    createJob(chart, 'J', 'checkout-master', undefined, { backoffLimit: 0 });
    const [job] = Testing.synth(chart);
    expect(job.metadata).toEqual({ name: 'checkout-master' });
  });

  test('stays reachable for escape hatches through ApiObject.of and JSON patches', () => {
    const chart = Testing.chart();
    const job = createJob(chart, 'J', 'j', undefined, { backoffLimit: 0 });
    expect(job).toBeInstanceOf(AsBuiltJob);
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/activeDeadlineSeconds', 600));
    expect(Testing.synth(chart)[0].spec).toEqual({ backoffLimit: 0, activeDeadlineSeconds: 600 });
  });
});
