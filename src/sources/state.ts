import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { DigestError } from '../core/errors.js';

/** What a daily job has imported: per source, each entry's key and when it was first imported. */
export interface ImportState {
  version: 1;
  sources: Record<string, Record<string, string>>;
}

/** Entries remembered per source: the newest ones, enough for any feed's window. */
const KEEP_PER_SOURCE = 2000;

/**
 * Reads the state file; a file that does not exist yet is an empty state.
 *
 * @throws DigestError `E_FILE` when the file cannot be read, `E_INVALID_OPTION` when it is not a state file.
 * @example
 * await readImportState('/no/such/state.json') // → { version: 1, sources: {} }
 */
export async function readImportState(path: string): Promise<ImportState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, sources: {} };
    throw new DigestError('E_FILE', `${path}: cannot read the state file: ${(error as Error).message}`, { cause: error });
  }
  try {
    const state = JSON.parse(text) as ImportState;
    if (state?.version === 1 && state.sources && typeof state.sources === 'object') return state;
  } catch {
    // reported below
  }
  throw new DigestError('E_INVALID_OPTION', `--state: ${path} is not a wechat-digest state file; name a new file, or delete this one to import everything again`);
}

/**
 * Adds imported keys to the state and writes it atomically (the oldest keys beyond 2,000 per
 * source are forgotten).
 *
 * @example
 * const state = { version: 1, sources: {} }
 * rememberImported(state, 'blog.xml', ['a', 'b'], '2023-02-14T00:00:00.000Z').sources['blog.xml']
 * // → { a: '2023-02-14T00:00:00.000Z', b: '2023-02-14T00:00:00.000Z' }
 */
export function rememberImported(state: ImportState, source: string, keys: readonly string[], at: string): ImportState {
  const seen = { ...(state.sources[source] ?? {}) };
  for (const key of keys) seen[key] ??= at;
  const kept = Object.entries(seen).sort((a, b) => b[1].localeCompare(a[1])).slice(0, KEEP_PER_SOURCE);
  state.sources[source] = Object.fromEntries(kept);
  return state;
}

/**
 * Writes the state file atomically.
 *
 * @throws DigestError `E_FILE` when it cannot be written.
 */
export async function writeImportState(path: string, state: ImportState): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomically(path, `${JSON.stringify(state, null, 2)}\n`);
  } catch (error) {
    throw new DigestError('E_FILE', `${path}: cannot write the state file: ${(error as Error).message}`, { cause: error });
  }
}
