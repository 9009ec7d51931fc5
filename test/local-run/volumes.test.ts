import { expandReferences, resolveEnv } from '../../src/local-run/env';
import { Sources } from '../../src/local-run/sources';
import { mountedEntries } from '../../src/local-run/volumes';

const POD = { name: 'shop-master-local', namespace: 'load', labels: { app: 'shop' }, annotations: {} };

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

describe('resolveEnv', () => {
  const sources = new Sources([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'load' }, data: { PAGE: '50' } }], 'load');

  test('expands $(NAME) against the variables defined before, keeps unknown ones and unescapes $$', () => {
    expect(expandReferences('$(A)/$(B)/$$(A)', new Map([['A', 'x']]))).toBe('x/$(B)/$(A)');
  });

  test('builds envFrom first, then env in order, with prefixes and downward API fields', () => {
    // GIVEN a container reading a ConfigMap with a prefix, then overriding one of its variables
    const container = {
      envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'SHOP_' }],
      env: [
        { name: 'SHOP_PAGE', value: '$(SHOP_PAGE)0' },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
    };

    // WHEN it is resolved
    const { env, problems } = resolveEnv(container, 'c', POD, sources);

    // THEN the values are the kubelet's
    expect(problems).toEqual([]);
    expect(Object.fromEntries(env)).toEqual({ SHOP_PAGE: '500', POD: 'shop-master-local', APP: 'shop', IP: '127.0.0.1' });
  });

  test('fails when a value comes from a source a local run cannot read', () => {
    const container = { env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] };
    expect(resolveEnv(container, 'c', POD, sources).problems).toEqual([expect.objectContaining({ path: 'c.env[0].valueFrom', message: 'cannot be resolved on this machine' })]);
  });

  test.each([
    [{ env: { TOKEN: 'x' } }, 'c.env', 'must be a list, not a map'],
    [{ env: [{ value: 'x' }] }, 'c.env[0].name', 'must be the name of the variable'],
    [{ env: [{ name: 'A', valueFrom: 'settings' }] }, 'c.env[0].valueFrom', 'must be a map with configMapKeyRef, secretKeyRef or fieldRef'],
    [{ env: [{ name: 'A', valueFrom: { secretKeyRef: 'token' } }] }, 'c.env[0].valueFrom', 'must name its ConfigMap or Secret key as {name: ..., key: ...}'],
    [{ envFrom: [{ configMapRef: 'settings' }] }, 'c.envFrom[0]', 'must name its ConfigMap or Secret as {name: ...}'],
    [{ envFrom: ['settings'] }, 'c.envFrom[0]', 'must be an object, not a string'],
  ])('fails with the field named when env is malformed: %j', (container, path, message) => {
    expect(resolveEnv(container, 'c', POD, sources).problems).toEqual([expect.objectContaining({ path, message })]);
  });

  test('fails when a key is missing from its ConfigMap, unless the reference is optional', () => {
    const container = {
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'NOPE' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'settings', key: 'NOPE', optional: true } } },
      ],
    };
    const { env, problems } = resolveEnv(container, 'c', POD, sources);
    expect(problems).toEqual([expect.objectContaining({ path: 'c.env[0].valueFrom.configMapKeyRef.key', message: 'is not a key of ConfigMap settings' })]);
    expect(env.has('B')).toBe(false);
  });
});
