import { Sources } from '../../src/local-run/sources';
import { mountedEntries } from '../../src/local-run/volumes';

function job(volumes: object[], volumeMounts: object[]) {
  return { kind: 'Job', metadata: { name: 'shop-master' }, spec: { template: { spec: { volumes, containers: [{ name: 'shop-master', volumeMounts }] } } } };
}

describe('mountedEntries', () => {
  const sources = new Sources([
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lib', namespace: 'load' }, data: { 'shop__client.py': 'x = 1', 'top.py': 'y = 2' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'certs' }, data: { 'ca.pem': Buffer.from('PEM').toString('base64') } },
  ], 'load');

  test('writes a ConfigMap volume\'s items at their paths, with their modes', () => {
    // GIVEN a volume whose items restore a nested folder, one of them executable
    const volumes = [{ name: 'lib', configMap: { name: 'lib', defaultMode: 0o600, items: [{ key: 'shop__client.py', path: 'shop/client.py', mode: 0o755 }, { key: 'top.py', path: 'top.py' }] } }];

    const mounts = [{ name: 'lib', mountPath: '/opt/locust/lib' }];

    // WHEN its mount is resolved
    const { entries, mountPaths, problems } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);

    // THEN each item lands at its path with its mode, the default mode for the others
    expect(problems).toEqual([]);
    expect(mountPaths).toEqual(['/opt/locust/lib']);
    expect(entries).toEqual([
      { kind: 'directory', path: '/opt/locust/lib' },
      { kind: 'file', path: '/opt/locust/lib/shop/client.py', content: Buffer.from('x = 1'), mode: 0o755 },
      { kind: 'file', path: '/opt/locust/lib/top.py', content: Buffer.from('y = 2'), mode: 0o600 },
    ]);
  });

  test('decodes a Secret found without a namespace, mounts one key with subPath and an emptyDir as a folder', () => {
    const volumes = [{ name: 'certs', secret: { secretName: 'certs' } }, { name: 'reports', emptyDir: {} }];
    const mounts = [{ name: 'certs', mountPath: '/etc/ca.pem', subPath: 'ca.pem' }, { name: 'reports', mountPath: '/reports' }];
    const { entries } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);
    expect(entries).toEqual([
      { kind: 'file', path: '/etc/ca.pem', content: Buffer.from('PEM'), mode: 0o644 },
      { kind: 'directory', path: '/reports' },
    ]);
  });

  test('fails when an item names a key the ConfigMap lacks', () => {
    const volumes = [{ name: 'lib', configMap: { name: 'lib', items: [{ key: 'gone.py', path: 'gone.py' }] } }];
    const mounts = [{ name: 'lib', mountPath: '/lib' }];
    expect(mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources).problems).toEqual([
      expect.objectContaining({ path: 'Job shop-master: spec.template.spec.volumes[0].configMap.items[0].key', message: 'is not a key of ConfigMap lib', value: 'gone.py' }),
    ]);
  });

  test.each([
    ['../x', "must not contain '..'"],
    ['a/../../x', "must not contain '..'"],
    ['/etc/x', 'must be a relative path, not an absolute one'],
  ])('fails when an item\'s path is %s, which would leave the mount', (path, message) => {
    // GIVEN an item whose path the API server refuses
    const volumes = [{ name: 'lib', configMap: { name: 'lib', items: [{ key: 'top.py', path }] } }];
    const mounts = [{ name: 'lib', mountPath: '/lib' }];

    // WHEN its mount is resolved
    const { entries, problems } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);

    // THEN nothing is placed outside the mount, and the item's path is the problem
    expect(problems).toEqual([expect.objectContaining({ path: 'Job shop-master: spec.template.spec.volumes[0].configMap.items[0].path', message, value: path })]);
    expect(entries.filter((entry) => entry.kind === 'file')).toEqual([]);
  });

  test('fails when a subPath climbs out of its volume', () => {
    const volumes = [{ name: 'lib', configMap: { name: 'lib' } }];
    const mounts = [{ name: 'lib', mountPath: '/lib', subPath: '../../etc' }];
    expect(mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources).problems).toEqual([
      expect.objectContaining({ path: 'c.volumeMounts[0].subPath', message: "must not contain '..'" }),
    ]);
  });

  test.each([
    [{ defaultMode: 4096 }, 'Job shop-master: spec.template.spec.volumes[0].configMap.defaultMode', 4096],
    [{ items: [{ key: 'top.py', path: 'top.py', mode: 'rwx' }] }, 'Job shop-master: spec.template.spec.volumes[0].configMap.items[0].mode', 'rwx'],
    [{ items: [{ key: 'top.py', path: 'top.py', mode: -1 }] }, 'Job shop-master: spec.template.spec.volumes[0].configMap.items[0].mode', -1],
  ])('fails when a mode is not one the API server takes: %j', (source, path, value) => {
    const volumes = [{ name: 'lib', configMap: { name: 'lib', ...source } }];
    const mounts = [{ name: 'lib', mountPath: '/lib' }];
    expect(mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources).problems).toEqual([
      expect.objectContaining({ path, message: 'must be a whole number from 0 to 0777 (octal; 511 in decimal)', value }),
    ]);
  });

  test('fails when items is a map rather than a list', () => {
    const volumes = [{ name: 'lib', configMap: { name: 'lib', items: { 'top.py': 'top.py' } } }];
    const mounts = [{ name: 'lib', mountPath: '/lib' }];
    expect(mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources).problems).toEqual([
      expect.objectContaining({ path: 'Job shop-master: spec.template.spec.volumes[0].configMap.items', message: 'must be a list, not a map' }),
    ]);
  });

  test('mounts an optional ConfigMap that is missing as an empty folder', () => {
    const volumes = [{ name: 'extra', configMap: { name: 'nowhere', optional: true } }];
    const mounts = [{ name: 'extra', mountPath: '/extra' }];
    expect(mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources)).toEqual({ entries: [{ kind: 'directory', path: '/extra' }], mountPaths: ['/extra'], standIns: [], problems: [] });
  });
});
