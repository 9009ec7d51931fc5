import { LocustTestSpecMasterResourcesLimits, LocustTestSpecVolumesScaleIo } from '../../imports/locust.io';
import { specJsonOf } from '../../src/spec/spec';
import { minimalSpec, minimalSpecJson } from '../fixtures';

describe('spec', () => {
  test('turns a minimal typed spec into the same plain JSON as the YAML form', () => {
    expect(specJsonOf(minimalSpec())).toEqual(minimalSpecJson());
  });

  test('unwraps typed quantities and restores the Kubernetes field names', () => {
    const wire = specJsonOf(minimalSpec({
      master: { command: 'x', resources: { limits: { cpu: LocustTestSpecMasterResourcesLimits.fromString('2'), memory: LocustTestSpecMasterResourcesLimits.fromNumber(1024) } } },
      volumes: [{ name: 'sio', scaleIo: { gateway: 'g', system: 's', secretRef: { name: 'x' } } as LocustTestSpecVolumesScaleIo }],
    })) as any;
    expect(wire.master.resources.limits).toEqual({ cpu: '2', memory: 1024 });
    expect(wire.volumes[0]).toEqual({ name: 'sio', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } });
  });
});
