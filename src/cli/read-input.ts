import { readFileSync } from 'node:fs';

/** The name standard input goes by in messages. */
export const STDIN_NAME = '<stdin>';

/** One input as read: its name for messages, and its text or why it could not be read. */
export type Input =
  | { readonly name: string; readonly text: string }
  | { readonly name: string; readonly error: string };

/**
 * Reads every input in order. `-` is standard input, read once even when named twice, so that
 * `render - -` does not silently see an empty second input.
 */
export function readInputs(files: readonly string[]): Input[] {
  let stdin: Input | undefined;
  return files.map((file) => {
    if (file !== '-') return readOne(file, file);
    stdin = stdin ?? readOne(STDIN_NAME, 0);
    return stdin;
  });
}

/** Reads a whole file as UTF-8; the failure says what the system said, without a stack. */
export function readOne(name: string, source: string | number): Input {
  try {
    return { name, text: readFileSync(source, 'utf8') };
  } catch (error) {
    return { name, error: describeSystemError(error) };
  }
}

/** `no such file or directory (ENOENT)` rather than node's `ENOENT: no such file or directory, open 'x'`. */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  // Duck-typed: errors from another realm (a test sandbox) are not `instanceof Error` here.
  const raw = (error as { message?: unknown })?.message;
  const message = typeof raw === 'string' ? raw : String(error);
  // Node ends the message with the call and, for most calls, the path (`, open 'x'`, `, read`).
  const reason = code && message.startsWith(`${code}: `) ? message.slice(code.length + 2).replace(/, \w+( '.*')?$/, '') : message;
  return code ? `${reason} (${code})` : reason;
}
