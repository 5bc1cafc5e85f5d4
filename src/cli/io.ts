import { fstatSync } from 'node:fs';
import { DigestError } from '../core/errors.js';

/** A stream the CLI writes text to (process.stdout, or a buffer in tests). */
export interface CliWritable {
  write(chunk: string | Uint8Array): unknown;
  /** Terminal width, when it is a terminal: help text wraps to it. */
  columns?: number;
}

/**
 * Everything the CLI touches outside itself, so that tests can run it in-process.
 * Paths on the command line are resolved against `cwd`.
 */
export interface CliIo {
  /** Read when a file argument is `-`. */
  stdin: AsyncIterable<string | Uint8Array>;
  stdout: CliWritable;
  stderr: CliWritable;
  /** The folder relative paths start from. */
  cwd: string;
  /** Environment variables (credentials of `publish`, for example). */
  env: Record<string, string | undefined>;
  /** Ends a command that runs until stopped (`preview --watch`). Default: Ctrl+C (SIGINT) or SIGTERM. */
  signal?: AbortSignal;
}

/** What every command receives: the io, and a place to leave a non-zero exit code. */
export interface CliContext {
  readonly io: CliIo;
  /** 0 unless a command finished but must report failure (e.g. `check` found errors). */
  exitCode: number;
}

/**
 * The io of the running process.
 *
 * @example
 * // run(['themes'], processIo()) prints the themes to the terminal
 * processIo().cwd === process.cwd() // → true
 * processIo().stdout.columns === process.stdout.columns // → true
 */
export function processIo(): CliIo {
  return { stdin: processStdin(), stdout: quietWhenClosed(process.stdout), stderr: quietWhenClosed(process.stderr), cwd: process.cwd(), env: process.env };
}

const closedStreams = new WeakSet<NodeJS.WriteStream>();

/**
 * The process's stdout or stderr, writing nothing more once the reader has gone (`| head`
 * closes the pipe): the command ends as it would have, without an `EPIPE` stack trace.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): CliWritable {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closedStreams.add(stream);
    });
  }
  return {
    write: (chunk) => closedStreams.has(stream) || stream.write(chunk),
    get columns() {
      return stream.columns;
    },
  };
}

/** The process's stdin, refused when it is a folder (`< some-folder` reads as nothing at all). */
async function* processStdin(): AsyncGenerator<string | Uint8Array> {
  let folder = false;
  try {
    folder = fstatSync(0).isDirectory();
  } catch {
    // no stdin at all: read as empty
  }
  if (folder) throw new DigestError('E_FILE', 'stdin: cannot read: it is a folder, expected a file (e.g. < digest.json)');
  yield* process.stdin;
}

/**
 * The most an input (a file or stdin) may hold: far more than any digest or article, and far
 * less than a JavaScript string can take.
 *
 * @example
 * MAX_INPUT_BYTES // → 67108864
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a whole stream as text (see `decodeText`), at most `MAX_INPUT_BYTES`.
 *
 * @throws DigestError `E_FILE` when the stream holds more, or is not text.
 * @example
 * import { Readable } from 'node:stream'
 * await readAll(Readable.from(['\uFEFF{"title":', '"x"}'])) // → '{"title":"x"}'
 */
export async function readAll(stream: AsyncIterable<string | Uint8Array>, source = 'stdin'): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    bytes += buffer.length;
    if (bytes > MAX_INPUT_BYTES) throw tooLarge(source);
    chunks.push(buffer);
  }
  return decodeText(Buffer.concat(chunks), source);
}

/**
 * The error for an input past `MAX_INPUT_BYTES`.
 *
 * @example
 * tooLarge('stdin').message // → 'stdin: cannot read: more than 64 MB; a digest or an article is far smaller: is this the right input?'
 */
export function tooLarge(source: string): DigestError {
  return new DigestError('E_FILE', `${source}: cannot read: more than ${MAX_INPUT_BYTES / 1024 / 1024} MB; a digest or an article is far smaller: is this the right input?`);
}

/**
 * Bytes as text: UTF-8 (a leading byte-order mark removed), or UTF-16 when a byte-order mark
 * says so. Anything else is refused with where the first wrong byte stands, rather than read
 * with replacement characters in place of its accents.
 *
 * @throws DigestError `E_FILE` for bytes that are not UTF-8 (a Latin-1 or GBK file, UTF-16 without a byte-order mark).
 * @example
 * decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'a.json') // → 'A'
 * decodeText(Buffer.from('caf\xe9', 'latin1'), 'a.json')
 * // throws: a.json: cannot read: not UTF-8 text (byte 0xE9 at line 1, column 4, as in a Latin-1 or GBK file); save it as UTF-8
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = Buffer.from(bytes.subarray(0, at)).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const utf16 = bytes.length > 1 && bytes.subarray(0, 64).filter((b, i) => i % 2 === 1 && b === 0).length > 8;
    const like = utf16 ? 'UTF-16 without a byte-order mark' : 'a Latin-1 or GBK file';
    const hex = bytes[at].toString(16).toUpperCase().padStart(2, '0');
    throw new DigestError('E_FILE', `${source}: cannot read: not UTF-8 text (byte 0x${hex} at line ${line}, column ${column}, as in ${like}); save it as UTF-8`);
  }
}

/** The offset of the first byte that does not start or continue a UTF-8 sequence (overlong forms aside). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i];
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return bytes.length - 1;
}

/**
 * Removes a UTF-8 byte-order mark, which editors on Windows like to add.
 *
 * @example
 * stripBom('\uFEFF{"title":"x"}') // → '{"title":"x"}'
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
