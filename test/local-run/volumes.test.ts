// Mutants of volumes.ts that no test can tell apart:
// - lines 42 and 44, `mount.mountPath` for `mount?.mountPath`, and lines 111 and 113, `item.key`
//   for `item?.key`: listAt gives only objects, so neither is ever undefined.
// - line 129, `true &&` for `typeof mode === 'number' &&`: Number.isInteger is false for anything
//   but a number.
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

  /** The problems of one volume mounted once, as `path message`. */
  const problemsOf = (volume: object, mount: object = {}): string[] => {
    const mounts = [{ name: 'v', mountPath: '/v', ...mount }];
    return mountedEntries(job([{ name: 'v', ...volume }], mounts), { volumeMounts: mounts }, 'c', sources).problems.map((problem) => `${problem.path} ${problem.message}`);
  };

  test('stands an empty folder in for a claim, naming it, at the normalised mount path', () => {
    // GIVEN a PersistentVolumeClaim mounted at a path with a doubled and a trailing slash
    const volumes = [{ name: 'reports', persistentVolumeClaim: { claimName: 'shop-reports' } }];
    const mounts = [{ name: 'reports', mountPath: '/reports//run/' }];

    // WHEN its mount is resolved
    const resolved = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);

    // THEN an empty folder stands in for it, named as a stand-in
    expect(resolved).toEqual({ entries: [{ kind: 'directory', path: '/reports/run' }], mountPaths: ['/reports/run'], standIns: [{ volume: 'PersistentVolumeClaim shop-reports', mountPath: '/reports/run' }], problems: [] });
  });

  test('mounts a folder of a volume with subPath: the keys under it, and an empty subPath as the whole volume', () => {
    // GIVEN items that make a folder shop/, mounted by subPath, and the same volume mounted whole with an empty subPath
    const volumes = [{ name: 'lib', configMap: { name: 'lib', items: [{ key: 'shop__client.py', path: 'shop/client.py' }, { key: 'top.py', path: 'shopping.py' }] } }];
    const mounts = [{ name: 'lib', mountPath: '/opt/shop', subPath: 'shop' }, { name: 'lib', mountPath: '/opt/all', subPath: '' }];

    // WHEN the mounts are resolved
    const { entries, problems } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);

    // THEN the folder's files are at the mount, without the folder's name, and the whole volume at the other
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { kind: 'directory', path: '/opt/shop' },
      { kind: 'file', path: '/opt/shop/client.py', content: Buffer.from('x = 1'), mode: 0o644 },
      { kind: 'directory', path: '/opt/all' },
      { kind: 'file', path: '/opt/all/shop/client.py', content: Buffer.from('x = 1'), mode: 0o644 },
      { kind: 'file', path: '/opt/all/shopping.py', content: Buffer.from('y = 2'), mode: 0o644 },
    ]);
  });

  test('writes a Secret\'s items with its default mode, and a normalised item path', () => {
    const volumes = [{ name: 'certs', secret: { secretName: 'certs', defaultMode: 0o400, items: [{ key: 'ca.pem', path: 'tls//ca.pem' }] } }];
    const mounts = [{ name: 'certs', mountPath: '/etc/certs' }];
    expect(mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources).entries).toEqual([
      { kind: 'directory', path: '/etc/certs' },
      { kind: 'file', path: '/etc/certs/tls/ca.pem', content: Buffer.from('PEM'), mode: 0o400 },
    ]);
  });

  test.each([[0, 0], [0o777, 0o777]])('takes the mode %d, the bounds the API server takes', (mode, expected) => {
    const volumes = [{ name: 'lib', configMap: { name: 'lib', defaultMode: mode, items: [{ key: 'top.py', path: 'top.py' }] } }];
    const mounts = [{ name: 'lib', mountPath: '/lib' }];
    const { entries, problems } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);
    expect(problems).toEqual([]);
    expect(entries).toContainEqual({ kind: 'file', path: '/lib/top.py', content: Buffer.from('y = 2'), mode: expected });
  });

  test.each([
    [{ configMap: { name: 'lib', defaultMode: 0o1000 } }, 'Job shop-master: spec.template.spec.volumes[0].configMap.defaultMode must be a whole number from 0 to 0777 (octal; 511 in decimal)'],
    [{ configMap: { name: 'lib', defaultMode: 1.5 } }, 'Job shop-master: spec.template.spec.volumes[0].configMap.defaultMode must be a whole number from 0 to 0777 (octal; 511 in decimal)'],
    [{ secret: { secretName: 'certs', defaultMode: '0644' } }, 'Job shop-master: spec.template.spec.volumes[0].secret.defaultMode must be a whole number from 0 to 0777 (octal; 511 in decimal)'],
    [{ secret: { secretName: 'certs', items: [{ key: 'gone', path: 'gone' }] } }, 'Job shop-master: spec.template.spec.volumes[0].secret.items[0].key is not a key of Secret certs'],
    [{ hostPath: { path: '/var' } }, 'Job shop-master: spec.template.spec.volumes[0] is a hostPath volume, which a local run cannot provide'],
    [{}, 'Job shop-master: spec.template.spec.volumes[0] is a nothing volume, which a local run cannot provide'],
    [{ configMap: { name: 'nowhere' } }, 'Job shop-master: spec.template.spec.volumes[0].configMap.name names a ConfigMap that is not in the input'],
    [{ secret: { secretName: 'nowhere' } }, 'Job shop-master: spec.template.spec.volumes[0].secret.secretName names a Secret that is not in the input'],
  ])('fails on the volume %j, naming its field', (volume, problem) => {
    expect(problemsOf(volume)).toEqual([problem]);
  });

  test('says how to give a missing ConfigMap from a folder, and a missing Secret from a file', () => {
    const fixesOf = (volume: object) => {
      const mounts = [{ name: 'v', mountPath: '/v' }];
      return mountedEntries(job([{ name: 'v', ...volume }], mounts), { volumeMounts: mounts }, 'c', sources).problems.map((problem) => [problem.value, problem.fix]);
    };
    expect(fixesOf({ configMap: { name: 'files' } })).toEqual([['files', 'give run the file that defines the ConfigMap (a synthesized app emits the ConfigMaps of TestFiles.fromDirectory), or make it from a folder: --files files=DIR']]);
    expect(fixesOf({ secret: { secretName: 'token' } })).toEqual([['token', 'give run the file that defines the Secret']]);
  });

  test('leaves out an item whose key an optional ConfigMap lacks', () => {
    const volumes = [{ name: 'lib', configMap: { name: 'lib', optional: true, items: [{ key: 'gone.py', path: 'gone.py' }, { key: 'top.py', path: 'top.py' }] } }];
    const mounts = [{ name: 'lib', mountPath: '/lib' }];
    const { entries, problems } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);
    expect(problems).toEqual([]);
    expect(entries.map((entry) => entry.path)).toEqual(['/lib', '/lib/top.py']);
  });

  test.each([
    [{ mountPath: 'data' }, 'c.volumeMounts[0].mountPath is not an absolute path'],
    [{ mountPath: '' }, 'c.volumeMounts[0].mountPath must be an absolute path'],
    [{ name: 'other' }, 'c.volumeMounts[0].name names no volume of the pod'],
    [{ subPath: '/etc' }, 'c.volumeMounts[0].subPath must be a relative path, not an absolute one'],
  ])('fails on the mount %j, naming its field', (mount, problem) => {
    expect(problemsOf({ emptyDir: {} }, mount)).toEqual([problem]);
  });

  test('fails when the pod\'s volumes are not a list', () => {
    const mounts = [{ name: 'v', mountPath: '/v' }];
    const badJob = { kind: 'Job', metadata: { name: 'shop-master' }, spec: { template: { spec: { volumes: { v: {} } } } } };
    expect(mountedEntries(badJob, { volumeMounts: mounts }, 'c', sources).problems.map((problem) => `${problem.path} ${problem.message}`)).toEqual([
      'Job shop-master: spec.template.spec.volumes must be a list, not a map',
      'c.volumeMounts[0].name names no volume of the pod',
    ]);
  });

  test('says how to fix each problem of a mount or a volume', () => {
    // GIVEN one mount or volume of each kind of problem
    const volumes = [
      { name: 'host', hostPath: { path: '/var' }, nfs: { server: 'x' } },
      { name: 'lib', configMap: { name: 'lib', defaultMode: 'rw', items: [{ key: 'gone.py', path: 'gone.py' }, { key: 'top.py', path: '../top.py' }] } },
    ];
    const mounts = [
      { name: 'lib', mountPath: 'relative' },
      { name: 'lib', mountPath: '/a', subPath: '/abs' },
      { name: 'none', mountPath: '/b' },
      { name: 'host', mountPath: '/c' },
      { name: 'lib', mountPath: '/d' },
    ];

    // WHEN they are resolved
    const { problems } = mountedEntries(job(volumes, mounts), { volumeMounts: mounts }, 'c', sources);

    // THEN each problem says what to do
    expect(problems.map((problem) => `${problem.path} ${problem.message}: ${problem.fix}`)).toEqual([
      'c.volumeMounts[0].mountPath is not an absolute path: give the absolute path the container sees the volume at, e.g. /data (the kubelet would read a relative one from /)',
      'c.volumeMounts[1].subPath must be a relative path, not an absolute one: use a path relative to the volume root',
      'c.volumeMounts[2].name names no volume of the pod: add the volume to the pod, or remove the mount',
      'Job shop-master: spec.template.spec.volumes[0] is a hostPath, nfs volume, which a local run cannot provide: a local run mounts ConfigMap, Secret, emptyDir and PersistentVolumeClaim volumes; run this test in a cluster',
      'Job shop-master: spec.template.spec.volumes[1].configMap.defaultMode must be a whole number from 0 to 0777 (octal; 511 in decimal): write the mode as a number, e.g. 0644 in YAML or 420 in JSON',
      'Job shop-master: spec.template.spec.volumes[1].configMap.items[0].key is not a key of ConfigMap lib: add the key to the ConfigMap, or remove the item',
      'Job shop-master: spec.template.spec.volumes[1].configMap.items[1].path must not contain \'..\': give the file\'s path inside the volume, e.g. config/settings.json',
    ]);
  });

  test.each([
    ['no spec', {}],
    ['no template', { spec: {} }],
    ['no pod spec', { spec: { template: {} } }],
  ])('finds no volume in a Job with %s', (_, rest) => {
    const mounts = [{ name: 'v', mountPath: '/v' }];
    expect(mountedEntries({ kind: 'Job', metadata: { name: 'shop-master' }, ...rest }, { volumeMounts: mounts }, 'c', sources).problems.map((problem) => problem.message)).toEqual(['names no volume of the pod']);
  });
});
