import { LocustTestSpecMasterResourcesLimits, LocustTestSpecVolumesScaleIo } from '../../imports/locust.io';
import { wireSpecOf } from '../../src/spec/spec';
import { minimalSpec, minimalWireSpec } from '../fixtures';

describe('spec', () => {
  test('turns a minimal typed spec into the same plain JSON as the YAML form', () => {
    expect(wireSpecOf(minimalSpec())).toEqual(minimalWireSpec());
  });

  test('unwraps typed quantities and restores the Kubernetes field names', () => {
    const wire = wireSpecOf(minimalSpec({
      master: { command: 'x', resources: { limits: { cpu: LocustTestSpecMasterResourcesLimits.fromString('2'), memory: LocustTestSpecMasterResourcesLimits.fromNumber(1024) } } },
      volumes: [{ name: 'sio', scaleIo: { gateway: 'g', system: 's', secretRef: { name: 'x' } } as LocustTestSpecVolumesScaleIo }],
    })) as any;
    expect(wire.master.resources.limits).toEqual({ cpu: '2', memory: 1024 });
    expect(wire.volumes[0]).toEqual({ name: 'sio', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } });
  });
});
