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
