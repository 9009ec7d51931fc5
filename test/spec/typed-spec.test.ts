import { readFileSync } from 'fs';
import { join } from 'path';
import * as locust from '../../imports/locust.io';
import { LocustTestSpecMasterResourcesLimits, LocustTestSpecVolumesScaleIo, toJson_LocustTestSpec } from '../../imports/locust.io';
import { LocustTestTypedSpec, specJsonOf, typedPropertyName } from '../../src/spec/typed-spec';
import { minimalSpec, minimalSpecJson } from '../fixtures';

/** A spec touching every kind of conversion: renamed fields, quantity classes at several depths, enums, maps. */
function richSpec(): locust.LocustTestSpec {
  return minimalSpec({
    imagePullPolicy: locust.LocustTestSpecImagePullPolicy.ALWAYS,
    master: {
      command: 'x',
      labels: { team: 'shop' },
      autoquit: { enabled: true, timeout: 30 },
      resources: { limits: { cpu: LocustTestSpecMasterResourcesLimits.fromString('2'), memory: LocustTestSpecMasterResourcesLimits.fromNumber(1024) } },
    },
    worker: { command: 'y', replicas: 2, resources: { requests: { cpu: locust.LocustTestSpecWorkerResourcesRequests.fromString('500m') } } },
    volumes: [
      { name: 'sio', scaleIo: { gateway: 'g', system: 's', secretRef: { name: 'x' } } as LocustTestSpecVolumesScaleIo },
      { name: 'scratch', emptyDir: { sizeLimit: locust.LocustTestSpecVolumesEmptyDirSizeLimit.fromString('1Gi') } },
      { name: 'info', downwardApi: { items: [{ path: 'cpu', resourceFieldRef: { resource: 'limits.cpu', divisor: locust.LocustTestSpecVolumesDownwardApiItemsResourceFieldRefDivisor.fromString('1m') } }] } },
    ],
    observability: { openTelemetry: { enabled: true, endpoint: 'c:4317', protocol: locust.LocustTestSpecObservabilityOpenTelemetryProtocol.GRPC, extraEnvVars: { OTEL_SERVICE_NAME: 'shop' } } },
  });
}

describe('specJsonOf', () => {
  test('turns a minimal typed spec into the same plain JSON as the YAML form', () => {
    expect(specJsonOf(minimalSpec())).toEqual(minimalSpecJson());
  });

  test('unwraps typed quantities and restores the Kubernetes field names', () => {
    const json = specJsonOf(richSpec()) as any;
    expect(json.master.resources.limits).toEqual({ cpu: '2', memory: 1024 });
    expect(json.volumes[0]).toEqual({ name: 'sio', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } });
    expect(json.volumes[2].downwardAPI.items[0].resourceFieldRef.divisor).toBe('1m');
  });

  test('gives what the generated converter gives for a spec it fully knows', () => {
    expect(specJsonOf(richSpec())).toEqual(toJson_LocustTestSpec(richSpec()));
  });

  test('takes quantities written as strings', () => {
    // GIVEN quantities as plain strings, nested in the resources and a volume
    const spec: LocustTestTypedSpec = {
      ...minimalSpec(),
      master: { command: 'x', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
      volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2Gi' } }],
    };

    // THEN they are written as given
    const json = specJsonOf(spec) as any;
    expect(json.master.resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(json.volumes[0].emptyDir.sizeLimit).toBe('2Gi');
  });

  test('keeps keys the schema does not know, at every depth, under their own name', () => {
    // GIVEN a spec in a variable, with a misspelt key at the top level and two nested ones
    const spec = { ...minimalSpec(), imagePulPolicy: 'Always', master: { command: 'x', autoQuit: { enabled: false } }, volumes: [{ name: 'v', emptyDir: { medium: 'Memory', sizeLimt: '1Gi' } }] };

    // THEN the JSON form still holds them, for the schema check to report
    const json = specJsonOf(spec) as any;
    expect(json.imagePulPolicy).toBe('Always');
    expect(json.master.autoQuit).toEqual({ enabled: false });
    expect(json.volumes[0].emptyDir).toEqual({ medium: 'Memory', sizeLimt: '1Gi' });
  });

  test('keeps values of the wrong type as given', () => {
    const json = specJsonOf({ ...minimalSpec(), volumes: 'none', master: { command: 'x', resources: { limits: { cpu: {} } } } } as any) as any;
    expect(json.volumes).toBe('none');
    expect(json.master.resources.limits.cpu).toEqual({});
  });
});

describe('typedPropertyName', () => {
  test('names every field as the generated TypeScript declarations do', () => {
    // GIVEN every Kubernetes-name to TypeScript-name pair of the generated converters
    const generated = readFileSync(join(__dirname, '..', '..', 'imports', 'locust.io.ts'), 'utf8');
    const pairs = [...generated.matchAll(/^ {4}'([^']+)': .*?obj\.([A-Za-z0-9_]+)/gm)].map((m) => [m[1], m[2]]);
    expect(pairs.length).toBeGreaterThan(400);

    // THEN the library derives the same TypeScript name from each Kubernetes name
    const mismatches = pairs.filter(([json, typed]) => typedPropertyName(json) !== typed);
    expect(mismatches).toEqual([]);
    expect(pairs).toContainEqual(['targetWWNs', 'targetWwNs']);
  });
});
