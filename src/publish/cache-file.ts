import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';

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

/** The API host whose cache files keep the plain `<kind>-<appId>.json` name. */
export const DEFAULT_API_HOST = 'api.weixin.qq.com';

/**
 * The cache file of one kind for one appId on one API host: `fileKey`'s name for WeChat's own
 * host, `<kind>-<appId>-<host>.json` for any other (a test server, a stand-in; characters other
 * than letters, digits, `_` and `-` written `_`), so that what one host made is never taken for
 * another's.
 *
 * @example
 * hostFileKey('/c', 'drafts', 'wx12ab', 'https://api.weixin.qq.com') // → '/c/drafts-wx12ab.json'
 * hostFileKey('/c', 'drafts', 'wx12ab', 'http://127.0.0.1:8080') // → '/c/drafts-wx12ab-127_0_0_1_8080.json'
 */
export function hostFileKey(cacheDir: string, kind: 'uploads' | 'drafts', appId: string, apiBase: string): string {
  const host = new URL(apiBase).host;
  return fileKey(cacheDir, kind, host === DEFAULT_API_HOST ? appId : `${appId}-${host}`);
}

/**
 * True when a cache file's content was written for this appId on this API host (a file from
 * before hosts were recorded counts as WeChat's own).
 *
 * @example
 * isOwnCacheFile({ appId: 'wx12ab' }, 'wx12ab', 'api.weixin.qq.com') // → true
 * isOwnCacheFile({ appId: 'wx12ab', apiHost: '127.0.0.1:8080' }, 'wx12ab', 'api.weixin.qq.com') // → false
 */
export function isOwnCacheFile(data: Record<string, unknown> | undefined, appId: string, apiHost: string): data is Record<string, unknown> {
  return data?.appId === appId && (data.apiHost ?? DEFAULT_API_HOST) === apiHost;
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
    await writeFileAtomically(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  } catch {
    // Caching is an optimisation; publishing goes on without it.
  }
}

/** How long a run waits for another to finish writing a cache file, and when a lock counts as left behind. */
const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 30_000;

/**
 * Changes a cache file under a lock (`<path>.lock`, created exclusively): reads what is there
 * now, lets `update` merge its own changes into it, and writes the result atomically. Two runs
 * at once on one cache folder each keep what the other wrote. A lock older than 30 s (left by a
 * run that died) is taken over; a cache that cannot be locked or written is skipped.
 *
 * @example
 * const path = fileKey(tmp, 'uploads', 'wx12ab')
 * await updateJsonFile(path, (now) => ({ ...now, a: 1 }))
 * await updateJsonFile(path, (now) => ({ ...now, b: 2 }))
 * await readJsonFile(path) // → { a: 1, b: 2 }
 */
export async function updateJsonFile(path: string, update: (current: Record<string, unknown> | undefined) => unknown): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  } catch {
    return;
  }
  const release = await lock(`${path}.lock`);
  try {
    await writeJsonFile(path, update(await readJsonFile(path)));
  } finally {
    await release();
  }
}

async function lock(lockPath: string): Promise<() => Promise<void>> {
  const unlocked = async () => undefined;
  for (const deadline = Date.now() + LOCK_WAIT_MS; ; ) {
    try {
      await (await open(lockPath, 'wx', 0o600)).close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return unlocked;
    }
    const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > LOCK_STALE_MS) {
      await rm(lockPath, { force: true });
      continue;
    }
    // Caching is an optimisation: after waiting this long, write without the lock.
    if (Date.now() > deadline) return unlocked;
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
}
