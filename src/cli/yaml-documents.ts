import { Composer, isCollection, isPair, LineCounter, Parser, visit } from 'yaml';
import { lowerFirst } from '../core/text';
import { MAX_INPUT_BYTES } from './read-input';

/**
 * How many nodes aliases may bring in per document: the `yaml` package's own default, which
 * counts an alias of a list or mapping by its size, so that nested aliases cannot multiply.
 */
export const MAX_ALIAS_COUNT = 100;
/**
 * The most text a document may hold once its aliases are expanded: what the whole input may
 * hold. An alias of a long string counts once for the alias limit, so this bounds the rest.
 */
export const MAX_EXPANDED_BYTES = MAX_INPUT_BYTES;

/**
 * How input YAML is read: YAML 1.1, as kubectl and the API server's YAML decoder read it
 * (`yes`, `on`, `0777` mean what they mean to Kubernetes), except that a plain date stays a
 * string, so that a ConfigMap value such as `2024-01-31` passes through as written.
 */
const PARSE_OPTIONS = {
  version: '1.1',
  prettyErrors: false,
  customTags: (tags: any[]) => tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:timestamp'),
} as const;

/** A document of an input, its value as plain JSON. */
export interface YamlDocument {
  /** 1-based position of the document in its input. */
  readonly index: number;
  readonly line: number;
  readonly column: number;
  readonly value: unknown;
}

/** Position in the text for messages, 1-based. */
export interface Located {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Splits a multi-document YAML text into its readable documents, converted to plain JSON.
 * Empty documents (nothing but comments or `---`) are skipped, as kubectl skips them. Syntax
 * errors, values JSON cannot hold and alias bombs are reported with their line, never thrown.
 */
export function parseDocuments(text: string): { documents: YamlDocument[]; errors: Located[] } {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const documents: YamlDocument[] = [];
  const errors: Located[] = [];
  // parseAllDocuments, one document at a time: each syntax tree is dropped once its document is
  // converted, so that memory follows the plain values, not the trees of every document at once.
  const composer = new Composer({ ...PARSE_OPTIONS, lineCounter } as any);
  let i = -1;
  for (const doc of composer.compose(new Parser(lineCounter.addNewLine).parse(text))) {
    i++;
    const start = position(doc.contents?.range?.[0] ?? doc.range[0]);
    if (doc.errors.length > 0) {
      // The reader's stack can run out at several depths of one document: one line says it.
      const tooDeep = doc.errors.find((error) => STACK_EXHAUSTED.test(error.message));
      for (const error of tooDeep !== undefined ? [tooDeep] : doc.errors) errors.push({ ...position(error.pos[0]), message: inWords(error.message, i + 1) });
      continue;
    }
    if (doc.contents === null) continue;
    // JSON keys are strings; YAML allows lists and maps as keys, which JS would turn into text.
    let complexKey: number | undefined;
    visit(doc, { Pair: (_, pair) => { if (isPair(pair) && isCollection(pair.key)) { complexKey = pair.key.range?.[0] ?? 0; return visit.BREAK; } return undefined; } });
    if (complexKey !== undefined) {
      errors.push({ ...position(complexKey), message: `document ${i + 1}: a mapping key is a list or a mapping; Kubernetes keys are strings` });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = (error as { message?: unknown })?.message;
      const text = typeof message === 'string' ? message : String(error);
      errors.push({ ...start, message: /alias count/i.test(text)
        ? `document ${i + 1} expands aliases (*name) to more than ${MAX_ALIAS_COUNT} nodes; write the repeated values out, or alias less`
        : inWords(text, i + 1) });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (expandedSizeExceeds(value, MAX_EXPANDED_BYTES)) {
      errors.push({ ...start, message: `document ${i + 1} holds more than ${MAX_EXPANDED_BYTES / (1024 * 1024)} MiB of text once its aliases (*name) are expanded; write the repeated values out once, or alias less` });
      continue;
    }
    const unsupported = findNonJson(value, '');
    if (unsupported) {
      const where = unsupported.path ? `document ${i + 1}: ${unsupported.path}` : `document ${i + 1}`;
      errors.push({ ...start, message: `${where} holds a value Kubernetes cannot represent (got ${unsupported.what}); use a string, number, boolean, list or mapping` });
      continue;
    }
    documents.push({ index: i + 1, ...start, value });
  }
  return { documents, errors };
}

const STACK_EXHAUSTED = /maximum call stack/i;

/** A parser's message as a sentence of ours; the reader's stack running out means nesting. */
function inWords(message: string, document: number): string {
  if (STACK_EXHAUSTED.test(message)) return `document ${document} nests lists or mappings too deeply to be read; flatten it (Kubernetes objects nest a few dozen levels at most)`;
  return lowerFirst(message);
}

/**
 * Whether the text of a value (strings, keys and numbers) adds up to more than `limit` bytes,
 * counting every alias as the copy it becomes. Walked with a list, not recursion, and stopped as
 * soon as the limit is passed.
 */
function expandedSizeExceeds(value: unknown, limit: number): boolean {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') size += next.length;
    else if (Array.isArray(next)) {
      size += next.length;
      for (const item of next) pending.push(item);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, child] of Object.entries(next)) {
        size += key.length + 1;
        pending.push(child);
      }
    } else size += 8;
    if (size > limit) return true;
  }
  return false;
}

/** The first value that JSON, and so Kubernetes, cannot hold: binary, sets, .inf, .nan and the like. */
function findNonJson(value: unknown, path: string): { path: string; what: string } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, what: String(value) };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonJson(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const found = findNonJson(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  const what = typeof value === 'object' ? (value as object).constructor?.name ?? 'an object' : typeof value;
  return { path, what };
}
