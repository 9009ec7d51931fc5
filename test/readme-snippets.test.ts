import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * Every TypeScript block of the README compiles as written, against the library's sources: a
 * block quoted from a file is that file (test/readme.test.ts keeps them equal, the type check
 * compiles the file); a block that starts with imports is a whole file; any other block is the
 * body of the chart constructor in examples/snippets/chart-body.ts, as the README states.
 */
const ROOT = resolve(__dirname, '..');
const WRAPPER_FILE = join(ROOT, 'examples', 'snippets', 'chart-body.ts');
const MARKER = '    // README snippet';

interface Snippet {
  /** The README line of the block's first line of code. */
  readonly line: number;
  readonly code: string;
  readonly kind: 'quoted' | 'file' | 'chart body';
}

/** The TypeScript blocks of a Markdown text, with the line each starts on and how it is compiled. */
function snippetsOf(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  let previous = '';
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented, inside a list item; the block's lines then share the indentation.
    const fence = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]);
    if (!fence) {
      if (lines[i].trim() !== '') previous = lines[i].trim();
      if (/^\s*```/.test(lines[i])) {
        // skip another language's block whole, so that its lines are not read as text
        const close = lines.findIndex((line, j) => j > i && /^\s*```/.test(line));
        i = close === -1 ? lines.length : close;
      }
      continue;
    }
    const close = lines.findIndex((line, j) => j > i && /^\s*```/.test(line));
    const indent = fence[1].length;
    const code = lines.slice(i + 1, close === -1 ? lines.length : close).map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join('\n');
    const kind = /^<!-- quoted from \S+ -->$/.test(previous) ? 'quoted' : /^import /m.test(code) ? 'file' : 'chart body';
    snippets.push({ line: i + 2, code, kind });
    i = close === -1 ? lines.length : close;
    previous = '';
  }
  return snippets;
}

/** The repository's compiler options, for sources that import the library by its package name. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  // A snippet may declare a value only to show it.
  return { ...parsed.options, noEmit: true, noUnusedLocals: false, skipLibCheck: true };
}

/** `README.md:LINE: message` for every compile error of the snippets that are not quoted. */
function compileErrors(snippets: readonly Snippet[]): string[] {
  const wrapper = readFileSync(WRAPPER_FILE, 'utf8');
  const markerLine = wrapper.split('\n').indexOf(MARKER);
  if (markerLine === -1) throw new Error(`${WRAPPER_FILE} has no line "${MARKER}"`);
  const files = new Map<string, { text: string; snippet: Snippet; firstLine: number }>();
  for (const snippet of snippets.filter((s) => s.kind !== 'quoted')) {
    // Next to the wrapper, so that relative paths and the package name resolve alike.
    const name = join(ROOT, 'examples', 'snippets', `readme-line-${snippet.line}.ts`);
    const text = snippet.kind === 'file'
      ? snippet.code
      : wrapper.replace(MARKER, `    {\n${snippet.code}\n    }`);
    files.set(name, { text, snippet, firstLine: snippet.kind === 'file' ? 0 : markerLine + 1 });
  }
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const file = files.get(resolve(name));
    return file ? ts.createSourceFile(name, file.text, language) : getSourceFile(name, language, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(resolve(name)) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: string[] = [];
  for (const [name, file] of files) {
    for (const diagnostic of ts.getPreEmitDiagnostics(program, program.getSourceFile(name))) {
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      errors.push(`README.md:${file.snippet.line + line - file.firstLine}: ${message}`);
    }
  }
  return errors;
}

const README_SNIPPETS = snippetsOf(readFileSync(join(ROOT, 'README.md'), 'utf8'));

describe('README TypeScript blocks', () => {
  test('every block that is not quoted from a file compiles as written', () => {
    // GIVEN the README's blocks that are whole files or chart bodies
    expect(README_SNIPPETS.filter((s) => s.kind === 'chart body').length).toBeGreaterThanOrEqual(5);

    // THEN none has a compile error
    expect(compileErrors(README_SNIPPETS)).toEqual([]);
  }, 180_000);

  test('fails when a block does not compile, naming its README line', () => {
    // GIVEN a chart-body block with a value outside a closed set, and a whole file missing a name
    const snippets = snippetsOf([
      'Intro.', '', '```ts',
      "new LocustTest(this, 'c', { name: 'c', spec: { ...spec, observability: { openTelemetry: { enabled: true, endpoint: 'http://c:4317', protocol: 'grpcc' } } } });",
      '```', '', '```ts', "import { LocustTest } from 'cdk8s-locust';", 'new LocustTest(undefinedScope, "t", { name: "t", spec: {} as any });', '```',
    ].join('\n'));

    // THEN each error names the line of the block it is on
    const errors = compileErrors(snippets);
    expect(errors).toEqual([expect.stringMatching(/^README\.md:4: .*"grpcc"/), expect.stringMatching(/^README\.md:9: Cannot find name 'undefinedScope'/)]);
  }, 180_000);

  test('tells quoted blocks, whole files and chart bodies apart', () => {
    const kinds = snippetsOf(['<!-- quoted from examples/main.ts -->', '```ts', 'x', '```', '```typescript', "import 'y';", '```', '```ts', 'z();', '```'].join('\n'));
    expect(kinds.map((s) => [s.line, s.kind])).toEqual([[3, 'quoted'], [6, 'file'], [9, 'chart body']]);
  });

  test('reads a block indented in a list item without its indentation, and skips other languages', () => {
    const snippets = snippetsOf(['- An item:', '', '  ```ts', '  if (x) {', '    y();', '  }', '  ```', '```sh', '```ts', '```'].join('\n'));
    expect(snippets).toEqual([{ line: 4, code: 'if (x) {\n  y();\n}', kind: 'chart body' }]);
  });
});
