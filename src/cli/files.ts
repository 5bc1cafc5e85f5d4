import { createReadStream, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { DigestError } from '../core/errors.js';
import { decodeText, MAX_INPUT_BYTES, readAll, tooLarge, type CliIo } from './io.js';

/** Text read from a file argument or from stdin. */
export interface InputText {
  text: string;
  /** How to name it in messages: the path as the user typed it, or `stdin`. */
  source: string;
  /** The absolute path; absent for stdin. */
  path?: string;
}

/**
 * Turns a failed file operation into a DigestError `E_FILE` (exit code 2) that names the file
 * and says what went wrong in words.
 *
 * @example
 * const enoent = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' })
 * fileError(enoent, 'digest.json', 'read').message // → 'digest.json: cannot read: no such file'
 * fileError(enoent, 'out/a.html', 'write').message // → 'out/a.html: cannot write: its folder does not exist'
 */
export function fileError(error: unknown, shown: string, action: 'read' | 'write'): DigestError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: action === 'read' ? 'no such file' : 'its folder does not exist',
    EISDIR: 'it is a folder, expected a file',
    ENOTDIR: 'a part of the path is not a folder',
    EEXIST: 'a part of the path is a file, not a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  const reason = (errno && reasons[errno]) || (error instanceof Error ? error.message : String(error));
  return new DigestError('E_FILE', `${shown}: cannot ${action}: ${reason}`, { details: { path: shown, errno }, cause: error });
}

/**
 * Reads a file argument as text (UTF-8, or UTF-16 with a byte-order mark); `-` reads stdin.
 *
 * @throws DigestError `E_FILE` when the file is missing or unreadable, larger than
 *   `MAX_INPUT_BYTES`, or not UTF-8 text.
 * @example
 * // `io.cwd` holds digest.json
 * await readInputText('digest.json', io) // → { text: '{\n  "$schema": …', source: 'digest.json', path: '/…/digest.json' }
 * await readInputText('nothing.json', io) // throws: nothing.json: cannot read: no such file
 */
export async function readInputText(arg: string, io: CliIo): Promise<InputText> {
  if (arg === '-') return { text: await readAll(io.stdin), source: 'stdin' };
  const path = resolve(io.cwd, arg);
  let bytes: Buffer;
  try {
    // A FIFO or a device has no size to look at first: it is read up to the limit like stdin.
    const info = await stat(path);
    if (info.isFile() && info.size > MAX_INPUT_BYTES) throw tooLarge(arg);
    rememberInput(io, info);
    bytes = info.isFile() ? await readFile(path) : Buffer.from(await readAll(createReadStream(path), arg), 'utf8');
  } catch (error) {
    if (error instanceof DigestError) throw error;
    throw fileError(error, arg, 'read');
  }
  return { text: decodeText(bytes, arg), source: arg, path };
}

/** Files each run has read (device and inode), so that `-o` never writes over one of them. */
const inputsRead = new WeakMap<CliIo, Set<string>>();

/** Remembers that this run read `path`. */
function rememberInput(io: CliIo, info: { dev: number; ino: number }): void {
  let read = inputsRead.get(io);
  if (!read) inputsRead.set(io, (read = new Set()));
  read.add(`${info.dev}:${info.ino}`);
}

/**
 * Writes an output file (text as UTF-8, or bytes). A regular file is written atomically (a
 * temporary file renamed into place), so that a failed run never leaves a half-written file
 * behind and an existing file is replaced whole or not at all; a folder of the path that does
 * not exist yet is created. `-` is stdout. A special file that exists (`/dev/null`,
 * `/dev/stdout`, a FIFO, a terminal) is written into as a stream, never replaced. A file this
 * run read as its input is refused.
 *
 * @returns The absolute path written, or undefined when written to stdout (`-`).
 * @throws DigestError `E_FILE` when the file cannot be written; `E_INVALID_OPTION` when it is the input.
 * @example
 * await writeOutputFile('article.html', '<section>…</section>', io) // → '/…/article.html'
 * // out/ is created:
 * await writeOutputFile('out/article.html', '<section>…</section>', io) // → '/…/out/article.html'
 * await writeOutputFile('digest.json', '<section>…</section>', io) // after reading digest.json: throws: digest.json: is the input of this command; writing there would replace it: choose another output file
 */
export async function writeOutputFile(arg: string, content: string | Buffer, io: CliIo): Promise<string | undefined> {
  if (arg === '-') {
    io.stdout.write(content);
    return undefined;
  }
  const path = resolve(io.cwd, arg);
  let info: Stats | undefined;
  try {
    info = await stat(path);
  } catch {
    // nothing there yet: written atomically below (or the error says why not)
  }
  if (info && inputsRead.get(io)?.has(`${info.dev}:${info.ino}`)) {
    throw new DigestError('E_INVALID_OPTION', `${arg}: is the input of this command; writing there would replace it: choose another output file`);
  }
  try {
    if (info && !info.isFile() && !info.isDirectory()) {
      await writeFile(path, content, { flag: 'w' });
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomically(path, content, typeof content === 'string' ? { encoding: 'utf8' } : {});
    }
  } catch (error) {
    throw fileError(error, arg, 'write');
  }
  return path;
}

/**
 * The file an `-o` value names: the value itself, or, when it is a folder (one that exists, or
 * any path ending in `/`), the file `name` inside it.
 *
 * @param arg - The `-o` value as typed.
 * @param name - The file name to use inside a folder, e.g. `digest.html`.
 * @example
 * import { mkdirSync } from 'node:fs'
 * import { join } from 'node:path'
 * mkdirSync(join(io.cwd, 'out'))
 * outputFileFor('out', 'digest.html', io)          // → 'out/digest.html'
 * // a name ending in / is a folder, created when the file is written:
 * outputFileFor('later/', 'digest.html', io)       // → 'later/digest.html'
 * outputFileFor('out/week.html', 'digest.html', io) // → 'out/week.html'
 */
export function outputFileFor(arg: string, name: string, io: CliIo): string {
  const folder = arg.endsWith('/') || arg.endsWith(sep) || isFolder(resolve(io.cwd, arg));
  return folder ? join(arg, name) : arg;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
