import { LocustTest } from '../../src';
import { mountTargets } from '../../src/pod/volumes';
import { LocustRole } from '../../src/core/names';
import { minimalSpecJson } from '../fixtures';
import { find, initContainer, locustContainer, synthChart } from '../util';

function pods(spec: Record<string, unknown>, name = 'checkout') {
  const objects = synthChart((chart) => LocustTest.fromObject(chart, name, { name, spec: minimalSpecJson(spec) }));
  const base = name.split('.').join('-');
  const master = find(objects, 'Job', `${base}-master`);
  const worker = find(objects, 'Job', `${base}-worker`);
  return {
    master: { volumes: master.spec.template.spec.volumes, mounts: locustContainer(master).volumeMounts, sidecar: initContainer(master, 'locust-metrics-exporter') },
    worker: { volumes: worker.spec.template.spec.volumes, mounts: locustContainer(worker).volumeMounts },
  };
}

describe('volumes', () => {
  test('mounts the locustfile ConfigMap per pod under the node name and the lib as locust-lib, at the default paths and without readOnly', () => {
    const { master, worker } = pods({ testFiles: { configMapRef: 'files', libConfigMapRef: 'lib' } }, 'shop.checkout');
    expect(master.volumes).toEqual([{ name: 'shop-checkout-master', configMap: { name: 'files' } }, { name: 'locust-lib', configMap: { name: 'lib' } }]);
    expect(master.mounts).toEqual([{ name: 'shop-checkout-master', mountPath: '/lotest/src' }, { name: 'locust-lib', mountPath: '/opt/locust/lib' }]);
    expect(worker.volumes).toEqual([{ name: 'shop-checkout-worker', configMap: { name: 'files' } }, { name: 'locust-lib', configMap: { name: 'lib' } }]);
    expect(worker.mounts).toEqual([{ name: 'shop-checkout-worker', mountPath: '/lotest/src' }, { name: 'locust-lib', mountPath: '/opt/locust/lib' }]);
  });

  test('uses overridden mount paths, and the defaults for empty ones', () => {
    expect(pods({ testFiles: { configMapRef: 'f', libConfigMapRef: 'l', srcMountPath: '/tests', libMountPath: '/libs' } }).master.mounts.map((m: any) => m.mountPath)).toEqual(['/tests', '/libs']);
    expect(pods({ testFiles: { configMapRef: 'f', libConfigMapRef: 'l', srcMountPath: '', libMountPath: '' } }).master.mounts.map((m: any) => m.mountPath)).toEqual(['/lotest/src', '/opt/locust/lib']);
  });

  test('writes no test-file volume for an empty ConfigMap reference and no volumes key at all when nothing is mounted', () => {
    const { master } = pods({ testFiles: { configMapRef: '', libConfigMapRef: '' } });
    expect(master.volumes).toBeUndefined();
    expect(master.mounts).toBeUndefined();
  });

  test('mounts secrets as secret-<name> without sanitising, read-only by default and without readOnly when false', () => {
    const secretMounts = [{ name: 'api-token', mountPath: '/etc/token' }, { name: 'tls', mountPath: '/etc/tls', readOnly: false }, { name: 'ca', mountPath: '/etc/ca', readOnly: true }];
    for (const pod of Object.values(pods({ env: { secretMounts } }))) {
      expect(pod.volumes).toEqual([
        { name: 'secret-api-token', secret: { secretName: 'api-token' } },
        { name: 'secret-tls', secret: { secretName: 'tls' } },
        { name: 'secret-ca', secret: { secretName: 'ca' } },
      ]);
      expect(pod.mounts).toEqual([
        { name: 'secret-api-token', mountPath: '/etc/token', readOnly: true },
        { name: 'secret-tls', mountPath: '/etc/tls' },
        { name: 'secret-ca', mountPath: '/etc/ca', readOnly: true },
      ]);
    }
  });

  test('orders volumes and mounts: locustfile, lib, secrets, then user volumes in spec order', () => {
    const { master } = pods({
      testFiles: { configMapRef: 'f', libConfigMapRef: 'l' },
      env: { secretMounts: [{ name: 's', mountPath: '/etc/s' }] },
      volumes: [{ name: 'b', emptyDir: {} }, { name: 'a', emptyDir: {} }],
      volumeMounts: [{ name: 'a', mountPath: '/a' }, { name: 'b', mountPath: '/b' }],
    });
    expect(master.volumes.map((v: any) => v.name)).toEqual(['checkout-master', 'locust-lib', 'secret-s', 'b', 'a']);
    expect(master.mounts.map((m: any) => m.name)).toEqual(['checkout-master', 'locust-lib', 'secret-s', 'a', 'b']);
  });

  test('filters user volumes and mounts by target: master, worker, both and absent', () => {
    const { master, worker } = pods({
      volumes: [{ name: 'm', emptyDir: {} }, { name: 'w', emptyDir: {} }, { name: 'both', emptyDir: {} }, { name: 'plain', configMap: { name: 'cm' } }],
      volumeMounts: [
        { name: 'm', mountPath: '/m', target: 'master' },
        { name: 'w', mountPath: '/w', target: 'worker' },
        { name: 'both', mountPath: '/both', target: 'both' },
        { name: 'plain', mountPath: '/plain', readOnly: true, subPath: 'x' },
      ],
    });
    expect(master.volumes).toEqual([{ name: 'm', emptyDir: {} }, { name: 'both', emptyDir: {} }, { name: 'plain', configMap: { name: 'cm' } }]);
    expect(master.mounts).toEqual([{ name: 'm', mountPath: '/m' }, { name: 'both', mountPath: '/both' }, { name: 'plain', mountPath: '/plain', readOnly: true, subPath: 'x' }]);
    expect(worker.volumes.map((v: any) => v.name)).toEqual(['w', 'both', 'plain']);
    expect(worker.mounts).toEqual([{ name: 'w', mountPath: '/w' }, { name: 'both', mountPath: '/both' }, { name: 'plain', mountPath: '/plain', readOnly: true, subPath: 'x' }]);
  });

  test('drops a user volume that no mount targets at the pod', () => {
    const { master, worker } = pods({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'unused', emptyDir: {} }], volumeMounts: [{ name: 'data', mountPath: '/data', target: 'worker' }] });
    expect(master.volumes).toBeUndefined();
    expect(worker.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  test('gives the exporter sidecar no mounts', () => {
    const { master } = pods({ testFiles: { configMapRef: 'f' } });
    expect(master.sidecar).not.toHaveProperty('volumeMounts');
  });

  test('treats an empty target as both and an unknown one as neither pod', () => {
    expect(mountTargets({ name: 'a', mountPath: '/a', target: '' }, LocustRole.MASTER)).toBe(true);
    expect(mountTargets({ name: 'a', mountPath: '/a', target: 'other' }, LocustRole.MASTER)).toBe(false);
    expect(mountTargets({ name: 'a', mountPath: '/a', target: 'other' }, LocustRole.WORKER)).toBe(false);
  });
});
