import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DigestError } from '../core/errors.js';
import { readAll, stripBom, type CliIo } from './io.js';

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
 * Reads a file argument as UTF-8 text; `-` reads stdin.
 *
 * @throws DigestError `E_FILE` when the file is missing or unreadable.
 * @example
 * // `io.cwd` holds digest.json
 * await readInputText('digest.json', io) // → { text: '{\n  "$schema": …', source: 'digest.json', path: '/…/digest.json' }
 * await readInputText('nothing.json', io) // throws: nothing.json: cannot read: no such file
 */
export async function readInputText(arg: string, io: CliIo): Promise<InputText> {
  if (arg === '-') return { text: await readAll(io.stdin), source: 'stdin' };
  const path = resolve(io.cwd, arg);
  try {
    return { text: stripBom(await readFile(path, 'utf8')), source: arg, path };
  } catch (error) {
    throw fileError(error, arg, 'read');
  }
}

/**
 * Writes an output file (text as UTF-8, or bytes) atomically (a temporary file renamed into place), so that a failed run
 * never leaves a half-written file behind and an existing file is replaced whole or not at all.
 * A folder of the path that does not exist yet is created.
 *
 * @returns The absolute path written.
 * @throws DigestError `E_FILE` when the file cannot be written.
 * @example
 * await writeOutputFile('article.html', '<section>…</section>', io) // → '/…/article.html'
 * // out/ is created:
 * await writeOutputFile('out/article.html', '<section>…</section>', io) // → '/…/out/article.html'
 */
export async function writeOutputFile(arg: string, content: string | Buffer, io: CliIo): Promise<string> {
  const path = resolve(io.cwd, arg);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, content, typeof content === 'string' ? { encoding: 'utf8' } : {});
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
