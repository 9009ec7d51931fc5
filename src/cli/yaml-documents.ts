import { isCollection, isPair, LineCounter, parseAllDocuments, visit } from 'yaml';
import { lowerFirst } from '../core/text';

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
  const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter } as any);
  // parseAllDocuments returns an EmptyStream (an array) for empty input.
  const all = Array.isArray(parsed) ? parsed : [];
  all.forEach((doc, i) => {
    const start = position(doc.contents?.range?.[0] ?? doc.range[0]);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) errors.push({ ...position(error.pos[0]), message: lowerFirst(error.message) });
      return;
    }
    if (doc.contents === null) return;
    // JSON keys are strings; YAML allows lists and maps as keys, which JS would turn into text.
    let complexKey: number | undefined;
    visit(doc, { Pair: (_, pair) => { if (isPair(pair) && isCollection(pair.key)) { complexKey = pair.key.range?.[0] ?? 0; return visit.BREAK; } return undefined; } });
    if (complexKey !== undefined) {
      errors.push({ ...position(complexKey), message: `document ${i + 1}: a mapping key is a list or a mapping; Kubernetes keys are strings` });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      const message = (error as { message?: unknown })?.message;
      errors.push({ ...start, message: lowerFirst(typeof message === 'string' ? message : String(error)) });
      return;
    }
    if (value === null || value === undefined) return;
    const unsupported = findNonJson(value, '');
    if (unsupported) {
      const where = unsupported.path ? `document ${i + 1}: ${unsupported.path}` : `document ${i + 1}`;
      errors.push({ ...start, message: `${where} holds a value Kubernetes cannot represent (got ${unsupported.what}); use a string, number, boolean, list or mapping` });
      return;
    }
    documents.push({ index: i + 1, ...start, value });
  });
  return { documents, errors };
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
