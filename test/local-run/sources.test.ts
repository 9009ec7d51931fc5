// Mutants of sources.ts that no test can tell apart:
// - line 15, `object.metadata.namespace` for `object.metadata?.namespace` (both finds): every object
//   found has a metadata.name equal to the name asked, so it has metadata.
// - lines 27 and 29, `Buffer.from(value, '')` for `Buffer.from(value, 'utf8')`: Node reads an
//   empty encoding as UTF-8, its default.
import { Sources } from '../../src/local-run/sources';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Sources.find', () => {
  const sources = new Sources([
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'other' }, data: { WHERE: 'other' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { WHERE: 'none' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'load' }, data: { WHERE: 'load' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, data: { TOKEN: b64('t') } },
  ], 'load');

  test('prefers the object in the pod\'s namespace, whatever the order of the input', () => {
    expect(sources.find('ConfigMap', 'settings')?.data).toEqual({ WHERE: 'load' });
  });

  test('takes an object without a namespace, as kubectl -n would apply it', () => {
    expect(new Sources([{ kind: 'ConfigMap', metadata: { name: 'settings' }, data: { A: '1' } }], 'load').find('ConfigMap', 'settings')?.data).toEqual({ A: '1' });
    expect(sources.find('Secret', 'token')?.kind).toBe('Secret');
  });

  test('finds nothing in another namespace, of another kind or of another name', () => {
    const elsewhere = new Sources([{ kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'other' } }], 'load');
    expect(elsewhere.find('ConfigMap', 'settings')).toBeUndefined();
    expect(sources.find('Secret', 'settings')).toBeUndefined();
    expect(sources.find('ConfigMap', 'missing')).toBeUndefined();
  });

  test('skips objects without metadata, and finds nothing for a reference without a name', () => {
    // GIVEN a hand-edited input with a ConfigMap that lost its metadata
    const partial = new Sources([{ kind: 'ConfigMap', data: { A: 'nameless' } }, { kind: 'ConfigMap', metadata: { name: 'settings' }, data: { A: '1' } }], 'load');

    // THEN a name finds the named one, and no name finds nothing
    expect(partial.find('ConfigMap', 'settings')?.data).toEqual({ A: '1' });
    expect(partial.find('ConfigMap', undefined as unknown as string)).toBeUndefined();
  });

  test('reads a pod without a namespace against objects without one', () => {
    const plain = new Sources([
      { kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'load' }, data: { WHERE: 'load' } },
      { kind: 'ConfigMap', metadata: { name: 'settings' }, data: { WHERE: 'none' } },
    ], undefined);
    expect(plain.find('ConfigMap', 'settings')?.data).toEqual({ WHERE: 'none' });
  });
});

describe('Sources.entries', () => {
  const text = (entries: Map<string, Buffer>) => Object.fromEntries([...entries].map(([key, value]) => [key, value.toString('utf8')]));

  test('reads a ConfigMap\'s data as text and its binaryData as base64', () => {
    const entries = Sources.entries({ kind: 'ConfigMap', data: { 'a.py': 'x = 1' }, binaryData: { 'b.bin': b64('bytes') } });
    expect(text(entries)).toEqual({ 'a.py': 'x = 1', 'b.bin': 'bytes' });
  });

  test('reads a Secret\'s data as base64 and its stringData as text, stringData winning as the API server merges it', () => {
    const entries = Sources.entries({ kind: 'Secret', data: { TOKEN: b64('old'), USER: b64('u') }, stringData: { TOKEN: 'new' } });
    expect(text(entries)).toEqual({ TOKEN: 'new', USER: 'u' });
  });

  test('gives an empty value for a null one, and no entry for missing maps', () => {
    expect(text(Sources.entries({ kind: 'ConfigMap', data: { EMPTY: null } }))).toEqual({ EMPTY: '' });
    expect(Sources.entries({ kind: 'Secret' }).size).toBe(0);
    expect(Sources.entries({ kind: 'ConfigMap' }).size).toBe(0);
  });
});
