import { createHash } from 'node:crypto';
import { DEFAULT_API_HOST, hostFileKey, isOwnCacheFile, readJsonFile, updateJsonFile } from './cache-file.js';
import { IMAGE_POLICY, type GifMode } from './image-policy.js';

/** Id of the conversion policy: a change of policy uploads the new results. */
const POLICY_ID = createHash('sha256').update(JSON.stringify(IMAGE_POLICY)).digest('hex').slice(0, 12);

/**
 * The upload cache key of an image: the SHA-256 of its bytes as read, and the conversion
 * (policy, and the GIF mode for a GIF in the body), so a rerun finds it and a changed conversion does not.
 *
 * @example
 * uploadKey('3f2a', 'image', 'gif', 'animate') // → '3f2a/…-animate'
 * uploadKey('3f2a', 'image', 'png', 'animate').endsWith('-animate') // → false
 */
export function uploadKey(sha256: string, kind: Kind, type: string, gif: GifMode): string {
  return `${sha256}/${POLICY_ID}${kind === 'image' && type === 'gif' ? `-${gif}` : ''}`;
}

/** What WeChat returned for one upload, and what was uploaded. */
export interface CachedUpload {
  /** The mmbiz.qpic.cn URL (body images; also returned for a cover). */
  url?: string;
  /** The permanent material id (cover, animated GIF). */
  mediaId?: string;
  /** What was uploaded (after conversion): shown again when the upload is reused. */
  format?: string;
  bytes?: number;
  width?: number;
  height?: number;
  endpoint?: string;
}

type Kind = 'image' | 'cover';

/**
 * Uploads already made for one appId on one API host, keyed by the SHA-256 of the image as read
 * and the id of the conversion applied to it (`uploadKey`), kept in
 * `<cacheDir>/uploads-<appId>.json` (`uploads-<appId>-<host>.json` for another API host, so that
 * a test server's uploads are never taken for WeChat's) so that a rerun uploads nothing again.
 * Saved after each new upload, so an interrupted run keeps what it did, and merged into what
 * is in the file under a lock, so two runs at once keep each other's uploads.
 *
 * @example
 * const key = uploadKey('3f2a'.repeat(16), 'image', 'png', 'animate')
 * const cache = await UploadCache.open(tmp, 'wx12ab')
 * await cache.set('image', key, { url: 'http://mmbiz.qpic.cn/a/0' })
 * cache.get('image', key) // → { url: 'http://mmbiz.qpic.cn/a/0' }
 * // a later run finds it in <cacheDir>/uploads-wx12ab.json:
 * const later = await UploadCache.open(tmp, 'wx12ab')
 * later.get('image', key) // → { url: 'http://mmbiz.qpic.cn/a/0' }
 */
export class UploadCache {
  /** This run's uploads and forgotten uploads, by kind and key (null: forgotten), merged into the file on each save. */
  private readonly changes = new Map<string, { kind: Kind; key: string; value: CachedUpload | null }>();

  private constructor(
    private readonly path: string | undefined,
    private readonly appId: string,
    private readonly apiHost: string,
    private entries: Record<Kind, Record<string, CachedUpload>>,
  ) {}

  /** Opens the cache of `appId` on the host of `apiBase` (empty when there is no file yet, or no appId in a dry run). */
  static async open(cacheDir: string, appId: string | undefined, apiBase = `https://${DEFAULT_API_HOST}`): Promise<UploadCache> {
    const apiHost = new URL(apiBase).host;
    if (!appId) return new UploadCache(undefined, '', apiHost, { image: {}, cover: {} });
    const path = hostFileKey(cacheDir, 'uploads', appId, apiBase);
    const cache = new UploadCache(path, appId, apiHost, { image: {}, cover: {} });
    cache.entries = cache.sections(await readJsonFile(path));
    return cache;
  }

  /** The entries of a cache file, if it is this appId's on this host. */
  private sections(data: Record<string, unknown> | undefined): Record<Kind, Record<string, CachedUpload>> {
    const mine = isOwnCacheFile(data, this.appId, this.apiHost);
    const section = (k: Kind) => {
      const v = mine ? data[k] : undefined;
      return v !== null && typeof v === 'object' ? { ...(v as Record<string, CachedUpload>) } : {};
    };
    return { image: section('image'), cover: section('cover') };
  }

  /** The earlier upload under this key, if any. */
  get(kind: Kind, key: string): CachedUpload | undefined {
    const entry = this.entries[kind][key];
    if (kind === 'image' && typeof entry?.url !== 'string') return undefined;
    if (kind === 'cover' && typeof entry?.mediaId !== 'string') return undefined;
    return entry;
  }

  /** Records an upload and saves the file. */
  async set(kind: Kind, key: string, value: CachedUpload): Promise<void> {
    this.entries[kind][key] = value;
    this.changes.set(`${kind}\n${key}`, { kind, key, value });
    await this.save();
  }

  /** Forgets an upload WeChat no longer knows (a deleted material) and saves the file. */
  async delete(kind: Kind, key: string): Promise<void> {
    delete this.entries[kind][key];
    this.changes.set(`${kind}\n${key}`, { kind, key, value: null });
    await this.save();
  }

  private async save(): Promise<void> {
    if (!this.path) return;
    await updateJsonFile(this.path, (current) => {
      const merged = this.sections(current);
      for (const { kind, key, value } of this.changes.values()) {
        if (value) merged[kind][key] = value;
        else delete merged[kind][key];
      }
      this.entries = merged;
      return { appId: this.appId, apiHost: this.apiHost, ...merged };
    });
  }
}
