import { passedThroughProblems } from '../../src/cli/passed-through';
import { formatProblem } from '../../src/core/problems';
import { dispatch } from '../../src/cli/dispatch';
import { stringify } from 'yaml';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minimalSpec } from '../fixtures';

/** The one-line forms of what the API server would refuse in `object`. */
function linesOf(object: Record<string, unknown>): string[] {
  return passedThroughProblems(object).map(formatProblem);
}

const configMap = (extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-files', namespace: 'load' }, ...extra });
const secret = (extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-token' }, ...extra });

describe('ConfigMaps and Secrets passed through beside the LocustTests', () => {
  test('a ConfigMap of text and binary files, and a Secret of both forms, pass', () => {
    expect(linesOf(configMap({ 'data': { 'locustfile.py': 'print(1)\n', 'users.csv': 'a,b\n' }, 'binaryData': { 'logo.png': 'iVBORw0KGgo=' }, 'immutable': true }))).toEqual([]);
    expect(linesOf(secret({ data: { token: 'c2VjcmV0', empty: '' }, stringData: { token: 'plain', other: 'x' } }))).toEqual([]);
    expect(linesOf(configMap({ data: null }))).toEqual([]);
  });

  test('fails when a key cannot be a file name, in each of the ways the API server says', () => {
    const lines = linesOf(configMap({ data: { 'my test.py': '', '.': '', '..': '', '..data': '', [`${'k'.repeat(254)}`]: '', 'a_b-c.d': '' } }));
    expect(lines).toEqual([
      'data.my test.py is not a valid key: it must contain only letters, digits, -, _ and .; rename the key; a mounted key becomes a file of that name',
      "data.. is not a valid key: it must not be '.'; rename the key; a mounted key becomes a file of that name",
      "data... is not a valid key: it must not be '..'; rename the key; a mounted key becomes a file of that name",
      "data...data is not a valid key: it must not start with '..'; rename the key; a mounted key becomes a file of that name",
      `data.${'k'.repeat(254)} is not a valid key: it must be 253 characters or fewer; rename the key; a mounted key becomes a file of that name`,
    ]);
  });

  test('fails when a value is not a string, as YAML writes a number or a boolean unquoted', () => {
    expect(linesOf(configMap({ data: { replicas: 3, debug: true } }))).toEqual([
      'data.replicas must be a string (got 3); quote the value ("3"): the API server reads data values as strings only',
      'data.debug must be a string (got true); quote the value ("true"): the API server reads data values as strings only',
    ]);
  });

  test('fails when base64 does not decode, in binaryData and in a Secret\'s data', () => {
    expect(linesOf(configMap({ binaryData: { 'logo.png': 'not base64!' } }))).toEqual([
      'binaryData.logo.png is not valid base64 (got "not base64!"); encode the value with base64, or move it to data as plain text',
    ]);
    expect(linesOf(secret({ data: { token: 'secret' } }))).toEqual([
      'data.token is not valid base64 (got "secret"); encode the value with base64, or move it to stringData as plain text',
    ]);
  });

  test('fails when a ConfigMap has a key in both maps, while a Secret\'s stringData may override its data', () => {
    expect(linesOf(configMap({ data: { 'a.py': '' }, binaryData: { 'a.py': '' } }))).toEqual(['binaryData.a.py is also a key of data; keep the key in one of them']);
    expect(linesOf(secret({ data: { token: 'c2VjcmV0' }, stringData: { token: 'new' } }))).toEqual([]);
  });

  test('fails when a map is not a mapping', () => {
    expect(linesOf(configMap({ data: ['locustfile.py'] }))).toEqual(['data must be a mapping of keys to strings (got ["locustfile.py"]); write data as key: value lines']);
  });

  test('fails when the values hold more than 1 MiB, counting binary values decoded', () => {
    // GIVEN 700,000 bytes of text and 400,000 bytes of binary (about 533,000 characters of base64)
    const binary = Buffer.alloc(400_000, 1).toString('base64');
    const lines = linesOf(configMap({ data: { 'a.csv': 'x'.repeat(700_000) }, binaryData: { 'b.bin': binary } }));
    expect(lines).toEqual(['data and binaryData hold 1100000 bytes, more than the 1 MiB the API server accepts in one ConfigMap; split the files over several objects, or build the large ones into the image']);
    // AND exactly 1 MiB is accepted
    expect(linesOf(configMap({ data: { 'a.csv': 'x'.repeat(1024 * 1024) } }))).toEqual([]);
  });

  test('fails when the name or the namespace is not one Kubernetes accepts', () => {
    expect(linesOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'Load' } })).toEqual([
      'metadata.name is required; name the object as its LocustTest refers to it, e.g. checkout-files',
      'metadata.namespace must be a DNS-1123 label (lowercase letters, digits and -, at most 63 characters) (got "Load"); use the namespace of its LocustTest',
    ]);
    expect(linesOf({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'Shop_Token' } })).toEqual([
      'metadata.name must be a DNS-1123 subdomain (lowercase letters, digits, - and ., at most 253 characters) (got "Shop_Token"); name the object as its LocustTest refers to it, e.g. checkout-files',
    ]);
  });

  test('leaves other kinds and other versions to their own controllers', () => {
    expect(linesOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Target' }, data: { x: 1 } })).toEqual([]);
    expect(linesOf({ apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: {}, data: { x: 1 } })).toEqual([]);
  });
});

describe('the command line', () => {
  test('fails validate, naming the document, the object and the key, when a ConfigMap beside a test would be refused', () => {
    // GIVEN a LocustTest and its ConfigMap whose data holds an unquoted number
    const dir = mkdtempSync(join(tmpdir(), 'passed-through-'));
    const test = { apiVersion: 'locust.io/v2', kind: 'LocustTest', metadata: { name: 'checkout', namespace: 'load' }, spec: minimalSpec() };
    const input = join(dir, 'test.yaml');
    writeFileSync(input, `${stringify(test)}---\n${stringify(configMap({ data: { 'locustfile.py': 'pass\n', 'users': 20 } }))}`);

    // WHEN it is validated
    const result = dispatch(['validate', input]);

    // THEN the one line says where, what and how, and the command fails
    expect(result.stderr).toMatch(/^.*test\.yaml: document 2 \(line \d+\): ConfigMap checkout-files data\.users must be a string \(got 20\); quote the value \("20"\): the API server reads data values as strings only\n$/);
    expect(result.status).toBe(1);
  });
});
