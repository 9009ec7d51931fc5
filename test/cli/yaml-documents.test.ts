import { parseDocuments } from '../../src/cli/yaml-documents';

describe('parseDocuments', () => {
  test('reads every document with its position, skipping empty ones', () => {
    // GIVEN two documents around an empty one and a comment-only one
    const { documents, errors } = parseDocuments('a: 1\n---\n---\n# only a comment\n---\nb: [x]\n');

    // THEN both documents are read with their index and line
    expect(errors).toEqual([]);
    expect(documents).toEqual([
      { index: 1, line: 1, column: 1, value: { a: 1 } },
      { index: 4, line: 6, column: 1, value: { b: ['x'] } },
    ]);
  });

  test('reads YAML 1.1 as Kubernetes does, except that dates stay strings', () => {
    const { documents } = parseDocuments('on: yes\nmode: 0755\nday: 2024-01-31\nquoted: "no"\n');
    expect(documents[0].value).toEqual({ true: true, mode: 493, day: '2024-01-31', quoted: 'no' });
  });

  test('fails when the YAML is broken, with the line and column', () => {
    const { documents, errors } = parseDocuments('ok: 1\n---\nkey: [open\nnext: 2\n');
    expect(documents.map((d) => d.index)).toEqual([1]);
    expect(errors).toEqual([{ line: 4, column: 1, message: 'flow sequence in block collection must be sufficiently indented and end with a ]' }]);
  });

  test('fails when a value cannot be JSON or a key is a collection', () => {
    const { errors } = parseDocuments('x: .nan\n---\n!!binary aGk=\n---\n? [a]\n: b\n');
    expect(errors.map((e) => e.message)).toEqual([
      'document 1: x holds a value Kubernetes cannot represent (got NaN); use a string, number, boolean, list or mapping',
      'document 2 holds a value Kubernetes cannot represent (got Buffer); use a string, number, boolean, list or mapping',
      'document 3: a mapping key is a list or a mapping; Kubernetes keys are strings',
    ]);
  });

  test('fails when aliases expand beyond reason, without throwing', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    const { documents, errors } = parseDocuments(bomb);
    expect(documents).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('alias') })]);
  });
});
