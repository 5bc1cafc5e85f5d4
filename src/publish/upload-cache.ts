import { fileKey, readJsonFile, writeJsonFile } from './cache-file.js';

/** What WeChat returned for one upload. */
export interface CachedUpload {
  /** The mmbiz.qpic.cn URL (body images; also returned for a cover). */
  url?: string;
  /** The permanent material id (cover). */
  mediaId?: string;
}

type Kind = 'image' | 'cover';

/**
 * Uploads already made for one appId, keyed by the SHA-256 of the image bytes, kept in
 * `<cacheDir>/uploads-<appId>.json` so that a rerun uploads nothing again. Written after each
 * new upload, so an interrupted run keeps what it did.
 *
 * @example
 * const sha256 = '3f2a'.repeat(16) // of the image's bytes
 * const cache = await UploadCache.open(tmp, 'wx12ab')
 * await cache.set('image', sha256, { url: 'http://mmbiz.qpic.cn/a/0' })
 * cache.get('image', sha256) // → { url: 'http://mmbiz.qpic.cn/a/0' }
 * // a later run finds it in <cacheDir>/uploads-wx12ab.json:
 * const later = await UploadCache.open(tmp, 'wx12ab')
 * later.get('image', sha256) // → { url: 'http://mmbiz.qpic.cn/a/0' }
 */
export class UploadCache {
  private constructor(
    private readonly path: string | undefined,
    private readonly appId: string,
    private readonly entries: Record<Kind, Record<string, CachedUpload>>,
  ) {}

  /** Opens the cache of `appId` (empty when there is no file yet, or no appId in a dry run). */
  static async open(cacheDir: string, appId: string | undefined): Promise<UploadCache> {
    if (!appId) return new UploadCache(undefined, '', { image: {}, cover: {} });
    const path = fileKey(cacheDir, 'uploads', appId);
    const data = await readJsonFile(path);
    const section = (k: Kind) => {
      const v = data?.appId === appId ? data[k] : undefined;
      return v !== null && typeof v === 'object' ? (v as Record<string, CachedUpload>) : {};
    };
    return new UploadCache(path, appId, { image: section('image'), cover: section('cover') });
  }

  /** The earlier upload of these bytes, if any. */
  get(kind: Kind, sha256: string): CachedUpload | undefined {
    const entry = this.entries[kind][sha256];
    if (kind === 'image' && typeof entry?.url !== 'string') return undefined;
    if (kind === 'cover' && typeof entry?.mediaId !== 'string') return undefined;
    return entry;
  }

  /** Records an upload and saves the file. */
  async set(kind: Kind, sha256: string, value: CachedUpload): Promise<void> {
    this.entries[kind][sha256] = value;
    await this.save();
  }

  /** Forgets an upload WeChat no longer knows (a deleted material) and saves the file. */
  async delete(kind: Kind, sha256: string): Promise<void> {
    delete this.entries[kind][sha256];
    await this.save();
  }

  private async save(): Promise<void> {
    if (this.path) await writeJsonFile(this.path, { appId: this.appId, ...this.entries });
  }
}
