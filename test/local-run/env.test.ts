// Mutants of env.ts that no test can tell apart:
// - line 33, `default:` without `return undefined`: the switch then ends, and the function gives
//   undefined all the same.
import { expandReferences, resolveEnv } from '../../src/local-run/env';
import { Sources } from '../../src/local-run/sources';

const POD = { name: 'shop-master-local', namespace: 'load', labels: { app: 'shop' }, annotations: {} };

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

  test('says how to fix each malformed entry', () => {
    const container = {
      envFrom: [{ secretRef: 'token' }],
      env: [
        { name: '', value: 'x' },
        { name: 'A', valueFrom: 'settings' },
        { name: 'B', valueFrom: { configMapKeyRef: ['settings'] } },
        { name: 'C', valueFrom: { configMapKeyRef: { name: 'settings', key: 'NOPE' } } },
        { name: 'D', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
    };
    expect(resolveEnv(container, 'c', POD, sources).problems.map((problem) => `${problem.path}: ${problem.fix}`)).toEqual([
      'c.envFrom[0]: write configMapRef: {name: NAME} or secretRef: {name: NAME}',
      'c.env[0].name: give every entry of env a name',
      'c.env[1].valueFrom: write valueFrom: {secretKeyRef: {name: NAME, key: KEY}}, or use value',
      'c.env[2].valueFrom: write secretKeyRef: {name: NAME, key: KEY}',
      'c.env[3].valueFrom.configMapKeyRef.key: add the key to the ConfigMap, or mark the reference optional',
      'c.env[4].valueFrom: a local run resolves values, ConfigMap and Secret keys, and the fields metadata.name, metadata.namespace, metadata.labels, metadata.annotations, status.podIP, status.hostIP and spec.nodeName',
    ]);
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

  test('gives each downward API field its value on this machine', () => {
    // GIVEN a pod without a namespace, with an annotation, and every field a local run knows
    const pod = { name: 'shop-worker-local', labels: { app: 'shop' }, annotations: { team: 'checkout' } };
    const fields = ['metadata.name', 'metadata.namespace', "metadata.labels['app']", "metadata.labels['missing']", "metadata.annotations['team']", 'status.podIP', 'status.hostIP', 'spec.nodeName'];
    const container = { env: fields.map((fieldPath, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath } } })) };

    // WHEN it is resolved
    const { env, problems } = resolveEnv(container, 'c', pod, sources);

    // THEN each field has the value the pod would see here
    expect(problems).toEqual([]);
    expect(Object.fromEntries(env)).toEqual({ F0: 'shop-worker-local', F1: 'default', F2: 'shop', F3: '', F4: 'checkout', F5: '127.0.0.1', F6: '127.0.0.1', F7: 'localhost' });
  });

  test('names the namespace of a pod that has one', () => {
    const container = { env: [{ name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }] };
    expect(resolveEnv(container, 'c', POD, sources).env.get('NS')).toBe('load');
  });

  test('reads Secrets by envFrom and secretKeyRef, and a plain value, later names winning', () => {
    // GIVEN a Secret read whole and by key, and a variable without a value
    const withSecret = new Sources([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'load' }, data: { TOKEN: Buffer.from('s3cret').toString('base64'), USER: Buffer.from('me').toString('base64') } },
    ], 'load');
    const container = {
      envFrom: [{ secretRef: { name: 'token' } }],
      env: [
        { name: 'AUTH', valueFrom: { secretKeyRef: { name: 'token', key: 'TOKEN' } } },
        { name: 'USER', value: 'you' },
        { name: 'EMPTY' },
      ],
    };

    // WHEN it is resolved
    const { env, problems } = resolveEnv(container, 'c', POD, withSecret);

    // THEN the Secret's values are decoded, and the later USER wins
    expect(problems).toEqual([]);
    expect(Object.fromEntries(env)).toEqual({ TOKEN: 's3cret', USER: 'you', AUTH: 's3cret', EMPTY: '' });
  });

  test('fails when a ConfigMap or Secret is not in the input, naming its kind and field, unless optional', () => {
    // GIVEN references to missing objects, two of them optional
    const container = {
      envFrom: [{ configMapRef: { name: 'nope' } }, { secretRef: { name: 'hidden' } }, { secretRef: { name: 'maybe', optional: true } }],
      env: [
        { name: 'A', valueFrom: { secretKeyRef: { name: 'hidden', key: 'K' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'nope', key: 'K', optional: true } } },
      ],
    };

    // WHEN it is resolved
    const { env, problems } = resolveEnv(container, 'c', POD, sources);

    // THEN each required one is a problem with its field path and how to fix it
    expect(problems).toEqual([
      { path: 'c.envFrom[0].configMapRef.name', message: 'names a ConfigMap that is not in the input', value: 'nope', fix: 'give run the file that defines the ConfigMap, or mark the reference optional' },
      { path: 'c.envFrom[1].secretRef.name', message: 'names a Secret that is not in the input', value: 'hidden', fix: 'give run the file that defines the Secret, or mark the reference optional' },
      { path: 'c.env[0].valueFrom.secretKeyRef.name', message: 'names a Secret that is not in the input', value: 'hidden', fix: 'give run the file that defines the Secret, or mark the reference optional' },
    ]);
    expect(env.size).toBe(0);
  });

  test('skips an envFrom entry that names nothing', () => {
    expect(resolveEnv({ envFrom: [{ prefix: 'X_' }] }, 'c', POD, sources)).toEqual({ env: new Map(), problems: [] });
  });

  test('fails when a value is not a string, saying how to quote it', () => {
    expect(resolveEnv({ env: [{ name: 'N', value: 5 }] }, 'c', POD, sources).problems).toEqual([
      { path: 'c.env[0].value', message: 'must be a string, not a number', value: 5, fix: 'quote the value in YAML, e.g. value: "5"' },
    ]);
  });

  test('fails on an unknown field, and on a valueFrom without a source', () => {
    const container = {
      env: [
        { name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
        { name: 'B', valueFrom: {} },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: "spec.metadata.labels['app']" } } },
        { name: 'D', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app'].x" } } },
      ],
    };
    expect(resolveEnv(container, 'c', POD, sources).problems.map((problem) => `${problem.path} ${problem.message}`)).toEqual([
      'c.env[0].valueFrom cannot be resolved on this machine',
      'c.env[1].valueFrom cannot be resolved on this machine',
      'c.env[2].valueFrom cannot be resolved on this machine',
      'c.env[3].valueFrom cannot be resolved on this machine',
    ]);
  });
});
