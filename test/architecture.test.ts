import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** The folders of src/ in the order ARCHITECTURE.md draws them. */
function documentedOrder(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  return [...text.matchAll(/^src\/([a-z-]+)\//gm)].map((m) => m[1]);
}

/** `[file, imported folder]` for every import of another src/ folder. */
function folderImports(): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const folder of fs.readdirSync(path.join(ROOT, 'src'))) {
    const dir = path.join(ROOT, 'src', folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/from '\.\.\/([a-z-]+)\//g)) found.push([`src/${folder}/${file}`, folder, m[1]]);
    }
  }
  return found;
}

describe('architecture', () => {
  test('ARCHITECTURE.md names every folder of src/', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'src')).filter((f) => fs.statSync(path.join(ROOT, 'src', f)).isDirectory());
    expect([...documentedOrder()].sort()).toEqual(folders.sort());
  });

  test('no folder imports from a folder drawn after it', () => {
    // GIVEN the documented order, lowest concern first
    const order = documentedOrder();

    // THEN every import between folders runs to an earlier folder
    const upward = folderImports().filter(([, from, to]) => order.indexOf(to) > order.indexOf(from)).map(([file, , to]) => `${file} -> ${to}`);
    expect(upward).toEqual([]);
  });

  test('sees the imports between folders, so that the check above can fail', () => {
    expect(folderImports().some(([file, from, to]) => file === 'src/construct/locust-test.ts' && from === 'construct' && to === 'checks')).toBe(true);
  });
});
