import { assertValidKubernetesObject, find, locustContainer, Manifest, synthChart } from './util';
import { minimalSpecJson } from './fixtures';
import { LocustTest } from '../src';
import { unknownFields } from './k8s-schema';

/** A master Job exactly as the library renders it, for mutating in each test. */
function renderedMasterJob(): Manifest {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, 'test', { name: 'demo', spec: minimalSpecJson() }));
  return find(objects, 'Job', 'demo-master');
}

describe('unknown-field check of synthesized objects', () => {
  test('accepts every field of a rendered Job', () => {
    // GIVEN a Job the library rendered
    const job = renderedMasterJob();
    // THEN no field is unknown
    expect(unknownFields(job)).toEqual([]);
  });

  test('fails when a container has a field Kubernetes does not define', () => {
    // GIVEN a rendered Job with an invented container field
    const job = renderedMasterJob();
    locustContainer(job).foo = 'bar';
    // THEN the field is reported by path, and the shared assertion refuses the object
    expect(unknownFields(job)).toEqual(['spec.template.spec.containers[0].foo']);
    expect(() => assertValidKubernetesObject(job)).toThrow(/spec\.template\.spec\.containers\[0\]\.foo/);
  });

  test('fails when a field name is misspelled', () => {
    // GIVEN a rendered Job whose restartPolicy is spelled restartPolicyy and whose pod spec has imagePullSecret
    const job = renderedMasterJob();
    job.spec.template.spec.restartPolicyy = job.spec.template.spec.restartPolicy;
    job.spec.template.spec.imagePullSecret = [{ name: 'registry' }];
    // THEN both are reported
    expect(unknownFields(job)).toEqual(['spec.template.spec.restartPolicyy', 'spec.template.spec.imagePullSecret']);
  });

  test('fails when a field inside a map value or list item is unknown', () => {
    // GIVEN a Service port with a misspelled targetPort and an env var with valueFrom.secretKeyRef.nmae
    const objects = synthChart((chart) => LocustTest.fromObject(chart, 'test', { name: 'demo', spec: minimalSpecJson() }));
    const service = find(objects, 'Service', 'demo-master');
    service.spec.ports[1].tragetPort = 5558;
    const job = find(objects, 'Job', 'demo-worker');
    locustContainer(job).env.push({ name: 'TOKEN', valueFrom: { secretKeyRef: { nmae: 'token', key: 'value' } } });
    // THEN each is reported with its full path
    expect(unknownFields(service)).toEqual(['spec.ports[1].tragetPort']);
    expect(unknownFields(job)).toEqual([`spec.template.spec.containers[0].env[${locustContainer(job).env.length - 1}].valueFrom.secretKeyRef.nmae`]);
  });

  test('does not look inside free-form maps such as labels', () => {
    // GIVEN a ConfigMap with arbitrary data keys and labels
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'files', labels: { anything: 'goes' } }, data: { 'locustfile.py': 'x' } };
    // THEN nothing is unknown
    expect(unknownFields(configMap)).toEqual([]);
  });

  test('fails when the kind has no field map', () => {
    expect(() => unknownFields({ apiVersion: 'apps/v1', kind: 'DaemonSet' })).toThrow(/no field map for apps\/v1 DaemonSet/);
  });
});
