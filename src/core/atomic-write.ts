import type { Options } from 'write-file-atomic';

/**
 * Writes a file atomically (a temporary file renamed over it, so a reader never sees half of it),
 * with write-file-atomic loaded on the first write: a render that writes nothing never loads it.
 *
 * @param path - The file to write.
 * @param data - Its content.
 * @param options - write-file-atomic's options (encoding, mode).
 * @example
 * import { mkdtempSync, readFileSync } from 'node:fs'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * const file = join(mkdtempSync(join(tmpdir(), 'wd-')), 'a.txt')
 * await writeFileAtomically(file, 'hello')
 * readFileSync(file, 'utf8') // → 'hello'
 */
export async function writeFileAtomically(path: string, data: string | Buffer, options: Options = {}): Promise<void> {
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, data, options);
}
