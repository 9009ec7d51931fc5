import { App, Chart } from 'cdk8s';
import { LocustTest, LocustTestTypedSpec } from '../../src';
import { LocustTestSpecMasterResourcesLimits } from '../../imports/locust.io';
import { minimalSpec, minimalSpecJson } from '../fixtures';
import { find, locustContainer, synthChart } from '../util';

/** The problems of a test built from the typed props, and of the same spec given to `fromObject`. */
function problemsBothWays(spec: unknown) {
  const typed = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: spec as LocustTestTypedSpec }).problems;
  const plain = LocustTest.fromObject(new Chart(new App(), 'c'), 't', { name: 'checkout', spec }).problems;
  return { typed, plain };
}

describe('the typed spec', () => {
  test('fails when a spec held in a variable misspells a top-level field, as fromObject does', () => {
    // GIVEN a spec in a variable, which TypeScript does not check for excess properties
    const spec = { ...minimalSpec(), imagePulPolicy: 'Always' };

    // WHEN it is given to the typed constructor and to fromObject
    const { typed, plain } = problemsBothWays(spec);

    // THEN both refuse the field with the same message
    expect(typed).toEqual([expect.objectContaining({ path: 'spec.imagePulPolicy', message: 'is not a known field' })]);
    expect(typed).toEqual(plain);
  });

  test('fails synthesis when a spec held in a variable misspells a field, naming it', () => {
    // GIVEN the typo of the report: imagePulPolicy, in a variable, in an app
    const spec = { ...minimalSpec(), imagePulPolicy: 'Always' };
    const app = new App({ outdir: '/nonexistent-never-written' });
    new LocustTest(new Chart(app, 'load'), 'checkout', { name: 'checkout', spec });

    // THEN synthesis stops with the field's path
    expect(() => app.synth()).toThrow(/\[load\/checkout\] spec\.imagePulPolicy is not a known field/);
  });

  test('fails when a spec held in a variable misspells nested fields, as fromObject does', () => {
    // GIVEN a misspelt field under master and one inside an embedded Kubernetes volume
    const master = { command: 'x', autoQuit: { enabled: false } };
    const spec = { ...minimalSpec(), master, volumes: [{ name: 'scratch', emptyDir: { medium: 'Memory', sizeLimt: '1Gi' } }] };

    // WHEN it is given to both constructors
    const { typed, plain } = problemsBothWays(spec);

    // THEN both fields are named, the same way
    expect(typed.map((p) => p.path)).toEqual(['spec.master.autoQuit', 'spec.volumes[0].emptyDir.sizeLimt']);
    expect(typed).toEqual(plain);
  });

  test('keeps a field written with its Kubernetes name instead of the TypeScript one', () => {
    // GIVEN a volume source under its YAML name, `downwardAPI`, where TypeScript declares `downwardApi`
    const volumes = [{ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }];
    const spec = { ...minimalSpec(), volumes, volumeMounts: [{ name: 'info', mountPath: '/info' }] };

    // WHEN it is synthesized
    const objects = synthChart((chart) => new LocustTest(chart, 't', { name: 'info', spec: spec as LocustTestTypedSpec }));

    // THEN the volume is written, not dropped
    const podVolumes = find(objects, 'Job', 'info-worker').spec.template.spec.volumes;
    expect(podVolumes).toContainEqual({ name: 'info', downwardAPI: volumes[0].downwardAPI });
  });

  test('takes resources written as strings, from TypeScript or plain JavaScript', () => {
    // GIVEN quantities as strings inline, and `cpu: '2'` from a JavaScript caller in a variable
    const fromJs: unknown = { ...minimalSpec(), worker: { command: 'x', replicas: 1, resources: { limits: { cpu: '2' } } } };
    const objects = synthChart((chart) => {
      new LocustTest(chart, 'a', {
        name: 'typed',
        spec: { ...minimalSpec(), master: { command: 'x', resources: { requests: { cpu: '500m', memory: '1Gi' } } } },
      });
      new LocustTest(chart, 'b', { name: 'plain', spec: fromJs as LocustTestTypedSpec });
    });

    // THEN both are written as given
    expect(locustContainer(find(objects, 'Job', 'typed-master')).resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' } });
    expect(locustContainer(find(objects, 'Job', 'plain-worker')).resources).toEqual({ limits: { cpu: '2' } });
  });

  test('still takes the generated quantity classes', () => {
    const objects = synthChart((chart) => new LocustTest(chart, 'a', {
      name: 'classes',
      spec: { ...minimalSpec(), master: { command: 'x', resources: { limits: { cpu: LocustTestSpecMasterResourcesLimits.fromString('1') } } } },
    }));
    expect(locustContainer(find(objects, 'Job', 'classes-master')).resources).toEqual({ limits: { cpu: '1' } });
  });

  test('fails when a quantity string is not a quantity', () => {
    const { typed } = problemsBothWays({ ...minimalSpecJson(), master: { command: 'x', resources: { limits: { cpu: 'two' } } } });
    expect(typed).toEqual([expect.objectContaining({ path: 'spec.master.resources.limits.cpu', value: 'two' })]);
  });

  test('refuses a misspelt field written inline at compile time', () => {
    const build = () => new LocustTest(new Chart(new App(), 'c'), 't', {
      name: 'inline',
      // @ts-expect-error TypeScript checks the excess properties of an inline literal
      spec: { ...minimalSpec(), imagePulPolicy: 'Always' },
    });
    expect(build().problems.map((p) => p.path)).toEqual(['spec.imagePulPolicy']);
  });
});

describe('closed sets in the typed spec', () => {
  test('take their values as written in YAML, giving what the generated enums give', () => {
    // GIVEN a spec whose enum fields are plain strings, as in a LocustTest YAML
    const spec: LocustTestTypedSpec = {
      ...minimalSpec({ image: 'locustio/locust-otel:2.43.4' }),
      imagePullPolicy: 'Always',
      volumes: [{ name: 'scratch', emptyDir: {} }],
      volumeMounts: [{ name: 'scratch', mountPath: '/scratch', target: 'both' }],
      observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4318', protocol: 'http/protobuf' } },
    };

    // WHEN it is synthesized
    const master = locustContainer(find(synthChart((chart) => new LocustTest(chart, 't', { name: 'checkout', spec })), 'Job', 'checkout-master'));

    // THEN the values reach the pods unchanged
    expect(master.imagePullPolicy).toBe('Always');
    expect(master.env).toContainEqual({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' });
    expect(master.volumeMounts).toContainEqual({ name: 'scratch', mountPath: '/scratch' });
  });

  test('fails when a value is not in the set, in TypeScript and at synth', () => {
    // GIVEN a protocol the CRD does not know
    // @ts-expect-error: the typed spec still refuses strings outside the set
    const otel: LocustTestTypedSpec['observability'] = { openTelemetry: { enabled: true, endpoint: 'http://collector:4317', protocol: 'grpcc' } };

    // THEN the schema check names the field
    const { typed } = problemsBothWays({ ...minimalSpec({ image: 'locustio/locust-otel:2.43.4' }), observability: otel });
    expect(typed).toEqual([expect.objectContaining({ path: 'spec.observability.openTelemetry.protocol' })]);
  });
});
