import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EnvSource, withReferences } from '../../src/construct/references';
import { minimalSpecJson } from '../fixtures';

describe('withReferences', () => {
  const chart = new Chart(Testing.app(), 'c');
  const settings = kplus.ConfigMap.fromConfigMapName(chart, 'Settings', 'settings');
  const token = kplus.Secret.fromSecretName(chart, 'Token', 'api-token');

  test('returns the spec itself when there is nothing to add', () => {
    const spec = minimalSpecJson();
    expect(withReferences(spec, [], [])).toBe(spec);
  });

  test('appends the sources after the spec\'s own, in the order given, with a prefix only when one is given', () => {
    // GIVEN a spec with its own ConfigMap reference
    const spec = minimalSpecJson({ env: { configMapRefs: [{ name: 'own' }], variables: [{ name: 'A', value: '1' }] } });

    // WHEN a ConfigMap and a Secret are added as sources
    const withSources = withReferences(spec, [EnvSource.fromConfigMap(settings, 'APP_'), EnvSource.fromSecret(token), EnvSource.fromConfigMap(settings)], []);

    // THEN they follow the spec's own entries and the rest of env stays
    expect(withSources.env).toEqual({
      configMapRefs: [{ name: 'own' }, { name: 'settings', prefix: 'APP_' }, { name: 'settings' }],
      secretRefs: [{ name: 'api-token' }],
      variables: [{ name: 'A', value: '1' }],
    });
  });

  test('appends secret mounts, writing readOnly only when it is given', () => {
    const spec = minimalSpecJson({ env: { secretMounts: [{ name: 'own', mountPath: '/etc/own' }] } });
    const withMounts = withReferences(spec, [], [{ secret: token, mountPath: '/etc/token' }, { secret: token, mountPath: '/etc/rw', readOnly: false }]);
    expect(withMounts.env).toEqual({ secretMounts: [
      { name: 'own', mountPath: '/etc/own' },
      { name: 'api-token', mountPath: '/etc/token' },
      { name: 'api-token', mountPath: '/etc/rw', readOnly: false },
    ] });
  });

  test('leaves the input spec unchanged', () => {
    const spec = minimalSpecJson({ env: { secretRefs: [{ name: 'own' }] } });
    const before = structuredClone(spec);
    withReferences(spec, [EnvSource.fromSecret(token)], [{ secret: token, mountPath: '/etc/token' }]);
    expect(spec).toEqual(before);
  });

  test('adds env to a spec that has none', () => {
    expect(withReferences(minimalSpecJson(), [EnvSource.fromSecret(token, 'T_')], []).env).toEqual({ secretRefs: [{ name: 'api-token', prefix: 'T_' }] });
  });
});
