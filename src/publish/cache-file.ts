import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * The cache file of one kind for one appId, e.g. `<cacheDir>/token-wx1234.json`. Characters
 * other than letters, digits, `_` and `-` in the appId become `_`.
 *
 * @example
 * fileKey('/home/ada/.cache/wechat-digest', 'uploads', 'wx12ab') // → '/home/ada/.cache/wechat-digest/uploads-wx12ab.json'
 */
export function fileKey(cacheDir: string, kind: 'token' | 'uploads' | 'drafts', appId: string): string {
  return join(cacheDir, `${kind}-${appId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
}

/**
 * A JSON object from a cache file, or undefined when it is missing or unreadable (a cache is never required).
 *
 * @example
 * await readJsonFile('/no/such/file.json') // → undefined
 */
export async function readJsonFile(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const data: unknown = JSON.parse(await readFile(path, 'utf8'));
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file atomically, readable by the user only. A cache that cannot be written
 * (read-only disk) is skipped: the next run simply does the work again.
 *
 * @example
 * const path = fileKey(tmp, 'token', 'wx12ab')
 * await writeJsonFile(path, { appId: 'wx12ab', accessToken: 'tok', expiresAt: 1764300000000 })
 * await readJsonFile(path) // → { appId: 'wx12ab', accessToken: 'tok', expiresAt: 1764300000000 }
 */
export async function writeJsonFile(path: string, data: unknown): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  } catch {
    // Caching is an optimisation; publishing goes on without it.
  }
}
