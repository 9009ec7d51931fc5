import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../src/cli/dispatch';
import { MAX_INPUT_BYTES, readOne, STDIN_NAME } from '../../src/cli/read-input';

/** Large, hostile and broken input: each refused in one line, before it costs memory or time. */
let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'cdk8s-locust-input-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const LOCUST_TEST = `apiVersion: locust.io/v2
kind: LocustTest
metadata: {name: shop, namespace: load}
spec:
  image: locustio/locust:2.43.1
  master: {command: "-f /lotest/src/a.py"}
  worker: {command: "-f /lotest/src/a.py", replicas: 2}
`;

/** The one line of a failed validation, checked to be the only one and no internal error. */
function oneLine(args: string[]): string {
  const result = dispatch(['validate', ...args]);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain('internal error');
  return lines[0];
}

describe('input size', () => {
  test('fails when a file is over the limit, before reading it', () => {
    // GIVEN a 50 MB file (sparse: it costs no disk)
    const input = file('huge.yaml', '');
    truncateSync(input, 50 * 1000 * 1000);

    // WHEN it is validated
    const line = oneLine([input]);

    // THEN it is refused by its size
    expect(line).toBe(`${input}: holds 50000000 bytes, more than the 8 MiB the command line reads in one run; split the input and run the command once per part`);
  });

  test('fails when the inputs together are over the limit', () => {
    const half = `${LOCUST_TEST}---\n# ${'x'.repeat(MAX_INPUT_BYTES / 2)}\n`;
    const first = file('half-1.yaml', half);
    const second = file('half-2.yaml', half.replace('name: shop', 'name: shop-2'));
    expect(oneLine([first, second])).toMatch(new RegExp(`^${second}: holds \\d+ bytes, more than the 8 MiB the command line reads in one run \\(\\d+ bytes were left after the inputs before it\\)`));
  });

  test('stops reading a stream at the limit: standard input from /dev/zero ends', () => {
    // GIVEN /dev/zero opened as standard input would be
    const fd = openSync('/dev/zero', 'r');

    // WHEN it is read as standard input
    const input = readOne(STDIN_NAME, fd);
    closeSync(fd);

    // THEN the read ends at the limit with one line
    expect(input).toEqual({ name: STDIN_NAME, error: 'is larger than the 8 MiB the command line reads in one run; split the input and run the command once per part' });
  });
});

describe('special files', () => {
  test('fails when a file is a device such as /dev/zero', () => {
    expect(oneLine(['/dev/zero'])).toBe('/dev/zero: is a character device, not a regular file; give a YAML file, or pipe the YAML to standard input with -');
  });

  test('fails when a file is a FIFO, without waiting for a writer', () => {
    const fifo = join(work, 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(oneLine([fifo])).toBe(`${fifo}: is a FIFO, not a regular file; give a YAML file, or pipe the YAML to standard input with -`);
  });

  test('fails when a file is a directory', () => {
    const folder = join(work, 'folder.yaml');
    mkdirSync(folder);
    expect(oneLine([folder])).toBe(`${folder}: is a directory, not a regular file; give a YAML file, or pipe the YAML to standard input with -`);
  });
});

describe('encoding', () => {
  test('fails when the bytes are not UTF-8, naming where', () => {
    // GIVEN a LocustTest whose command holds a Latin-1 byte
    const input = file('latin1.yaml', Buffer.concat([Buffer.from(LOCUST_TEST.slice(0, LOCUST_TEST.indexOf('a.py'))), Buffer.from([0xe9]), Buffer.from(LOCUST_TEST.slice(LOCUST_TEST.indexOf('a.py')))]));

    // WHEN it is validated THEN it is refused, not rendered with U+FFFD
    expect(oneLine([input])).toBe(`${input}: is not UTF-8 text: line 6, column 37 (byte 156) holds 0xe9; save the file as UTF-8`);
  });

  test('names the first bad byte after a U+FFFD written as text', () => {
    const input = file('mixed.yaml', Buffer.concat([Buffer.from('# \uFFFD written\n'), Buffer.from(LOCUST_TEST), Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a])]));
    expect(oneLine([input])).toBe(`${input}: is not UTF-8 text: line 9, column 3 (byte 235) holds 0xc3; save the file as UTF-8`);
  });

  test('reads a U+FFFD written in the input as text', () => {
    const input = file('replacement.yaml', LOCUST_TEST.replace('namespace: load}', 'namespace: load, annotations: {example.com/note: "\uFFFD"}}'));
    expect(dispatch(['validate', input])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('documents', () => {
  test('reads 150,000 documents without running out of stack', () => {
    // GIVEN a LocustTest followed by 150,000 small documents
    const many = Array.from({ length: 150_000 }, (_, i) => `---\n{kind: Note, metadata: {name: n${i}}}\n`).join('');
    const input = file('many.yaml', `${LOCUST_TEST}${many}`);

    // WHEN it is rendered
    const result = dispatch(['render', input]);

    // THEN every document comes out
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('---\n')).toHaveLength(150_003);
  }, 60_000);

  test('fails when aliases are expanded too often', () => {
    // GIVEN 999 aliases of a 200 KB string
    const aliases = Array.from({ length: 998 }, (_, i) => `    k${i + 1}: *s\n`).join('');
    const input = file('alias-count.yaml', `${LOCUST_TEST}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    k0: &s "${'x'.repeat(200_000)}"\n${aliases}`);
    expect(oneLine([input])).toBe(`${input}:9:1: document 2 expands aliases (*name) to more than 100 nodes; write the repeated values out, or alias less`);
  });

  test('fails when aliases of long strings expand past the limit', () => {
    // GIVEN 50 aliases of a 1 MB string: few aliases, 50 MB once expanded
    const aliases = Array.from({ length: 49 }, (_, i) => `    k${i + 1}: *s\n`).join('');
    const input = file('alias-size.yaml', `${LOCUST_TEST}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    k0: &s "${'x'.repeat(1_000_000)}"\n${aliases}`);
    expect(oneLine([input])).toBe(`${input}:9:1: document 2 holds more than 8 MiB of text once its aliases (*name) are expanded; write the repeated values out once, or alias less`);
  });

  test('fails when a document nests too deeply to be read', () => {
    const input = file('deep.yaml', `${LOCUST_TEST}---\na: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(oneLine([input])).toMatch(/^.*deep\.yaml:\d+:\d+: document 2 nests lists or mappings too deeply to be read; flatten it/);
  });
});
