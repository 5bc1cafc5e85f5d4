/** A stream the CLI writes text to (process.stdout, or a buffer in tests). */
export interface CliWritable {
  write(chunk: string): unknown;
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
 * processIo().stdout === process.stdout // → true
 */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/**
 * Reads a whole stream as UTF-8 text (a leading byte-order mark removed).
 *
 * @example
 * import { Readable } from 'node:stream'
 * await readAll(Readable.from(['\uFEFF{"title":', '"x"}'])) // → '{"title":"x"}'
 */
export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return stripBom(Buffer.concat(chunks).toString('utf8'));
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
