import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The README quotes real files: every fenced block after a `<!-- quoted from FILE -->` comment
 * must appear in FILE, line for line (indentation aside), so the README cannot drift from the
 * examples that CI compiles and synthesizes.
 */
const ROOT = resolve(__dirname, '..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const QUOTE = /<!-- quoted from (\S+) -->\n```[a-z]*\n([\s\S]*?)\n```/g;

const trimmedLines = (text: string) => text.split('\n').map((line) => line.trim());

function contains(haystack: string[], needle: string[]): boolean {
  return haystack.some((_, start) => needle.every((line, i) => haystack[start + i] === line));
}

const quotes = [...README.matchAll(QUOTE)].map((m) => ({ file: m[1], block: m[2] }));

describe('README', () => {
  test('quotes at least the example app, the command line example and its output', () => {
    expect(quotes.map((q) => q.file)).toEqual(expect.arrayContaining(['examples/main.ts', 'examples/cli/operator-config.yaml', 'docs/cli.md']));
  });

  test.each(quotes.map((q) => [q.file, q]))('quotes %s verbatim', (_file, quote) => {
    const source = readFileSync(resolve(ROOT, quote.file), 'utf8');
    expect(contains(trimmedLines(source), trimmedLines(quote.block))).toBe(true);
  });

  test('opens with Install and use, whose consumer example is the whole of examples/consumer/main.ts', () => {
    // The consumer check (scripts/check-consumer.sh) compiles this block in a fresh project: it must be complete.
    expect(README.split('\n## ')[1]).toMatch(/^Install and use\n/);
    const quote = quotes.find((q) => q.file === 'examples/consumer/main.ts');
    expect(quote?.block).toBe(readFileSync(resolve(ROOT, 'examples/consumer/main.ts'), 'utf8').trimEnd());
    expect(quote?.block).toMatch(/from 'cdk8s-locust';/);
  });

  test('sets in its install commands what keeps cdk8s synth from checking for upgrades, and says why', () => {
    const install = README.split('\n## Install and use\n')[1].split('\n## ')[0];
    const commands = [...install.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
    expect(commands).toMatch(/npm pkg set scripts\.synth="cdk8s synth --no-check-upgrade"/);
    expect(install).toMatch(/CDK8S_CHECK_UPGRADE=false/);
    expect(install).toMatch(/no internet/);
  });

  test('says where npm run docs writes the API reference', () => {
    expect(README).toMatch(/`npm run docs` writes it as HTML to `docs\/api\/`/);
    expect(JSON.parse(readFileSync(resolve(ROOT, 'typedoc.json'), 'utf8')).out).toBe('docs/api');
  });

  test('has a Quick start with exactly two commands: install and synthesize, then the tests', () => {
    const section = README.split('## Quick start')[1].split('\n## ')[0];
    const blocks = [...section.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1].trim().split('\n'));
    expect(blocks).toEqual([['npm ci && npm run synth', 'npm test']]);
  });
});
