import { isUtf8 } from 'node:buffer';
import { describeSystemError } from '../core/text';
import { closeSync, fstatSync, openSync, readSync, Stats, statSync } from 'node:fs';

export { describeSystemError };

/** The name standard input goes by in messages. */
export const STDIN_NAME = '<stdin>';

/**
 * The most the command line reads, all inputs together (files and standard input): 8 MiB, about
 * 1,500 rendered tests. Past it an input is refused before it is parsed, so that the memory a run
 * takes stays bounded (docs/cli.md gives the measured figure); a larger bundle is split into
 * several runs.
 */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** One input as read: its name for messages, and its text or why it could not be read. */
export type Input =
  | { readonly name: string; readonly text: string }
  | { readonly name: string; readonly error: string };

/**
 * Reads every input in order, within `MAX_INPUT_BYTES` for all of them together. `-` is standard
 * input, read once even when named twice, so that `render - -` does not silently see an empty
 * second input.
 */
export function readInputs(files: readonly string[]): Input[] {
  let stdin: Input | undefined;
  let budget = MAX_INPUT_BYTES;
  return files.map((file) => {
    if (file === '-' && stdin !== undefined) return stdin;
    const input = file === '-' ? readOne(STDIN_NAME, 0, budget) : readOne(file, file, budget);
    if (file === '-') stdin = input;
    if ('text' in input) budget -= Buffer.byteLength(input.text, 'utf8');
    return input;
  });
}

/**
 * Reads a whole file, or standard input (`source` 0), as UTF-8 text of at most `budget` bytes.
 * Only regular files are opened: a FIFO, a device such as /dev/zero or a folder is refused before
 * anything is read. Standard input is read in chunks and given up as soon as it passes the budget,
 * so that `< /dev/zero` ends. Every failure is one line, without a stack.
 */
export function readOne(name: string, source: string | number, budget = MAX_INPUT_BYTES): Input {
  let fd: number | undefined;
  try {
    if (typeof source === 'string') {
      // stat before open: opening a FIFO blocks until someone writes to it.
      const refused = notARegularFile(statSync(source));
      if (refused) return { name, error: refused };
    }
    fd = typeof source === 'string' ? openSync(source, 'r') : source;
    const stat = fstatSync(fd);
    if (typeof source === 'string') {
      const refused = notARegularFile(stat);
      if (refused) return { name, error: refused };
    }
    if (stat.isFile() && stat.size > budget) return { name, error: tooLarge(stat.size, budget) };
    const bytes = readBounded(fd, budget);
    if (bytes === undefined) return { name, error: tooLarge(undefined, budget) };
    return decodeUtf8(name, bytes);
  } catch (error) {
    return { name, error: `cannot be read: ${describeSystemError(error)}` };
  } finally {
    if (fd !== undefined && typeof source === 'string') closeSync(fd);
  }
}

/** Why a file that is not a regular file is refused, or undefined for a regular file. */
function notARegularFile(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  const what = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device' : stat.isSocket() ? 'a socket' : 'not a regular file';
  return `is ${what}, not a regular file; give a YAML file, or pipe the YAML to standard input with -`;
}

function tooLarge(size: number | undefined, budget: number): string {
  const mib = MAX_INPUT_BYTES / (1024 * 1024);
  const what = size === undefined ? 'is larger' : `holds ${size} bytes, more`;
  const rest = budget < MAX_INPUT_BYTES ? ` (${budget} bytes were left after the inputs before it)` : '';
  return `${what} than the ${mib} MiB the command line reads in one run${rest}; split the input and run the command once per part`;
}

/** Every byte of `fd` up to `budget`; undefined as soon as there is more. */
function readBounded(fd: number, budget: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking standard input that has nothing yet: wait a little and try again.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw error;
    }
    if (read === 0) return Buffer.concat(chunks, total);
    total += read;
    if (total > budget) return undefined;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
}

/**
 * The bytes as text, or where they stop being UTF-8: a replacement character in the output would
 * hide a broken file (Kubernetes stores text as UTF-8 and refuses other bytes in a string).
 */
function decodeUtf8(name: string, bytes: Buffer): Input {
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return { name, text };
  // The first U+FFFD that was not written as such in the input marks the first bad byte.
  let index = text.indexOf('\uFFFD');
  let offset = Buffer.byteLength(text.slice(0, index), 'utf8');
  while (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) {
    index = text.indexOf('\uFFFD', index + 1);
    offset = Buffer.byteLength(text.slice(0, index), 'utf8');
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const byte = `0x${bytes[offset].toString(16).padStart(2, '0')}`;
  return { name, error: `is not UTF-8 text: line ${line}, column ${column} (byte ${offset}) holds ${byte}; save the file as UTF-8` };
}
