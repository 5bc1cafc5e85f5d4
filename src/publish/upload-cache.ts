import { createHash } from 'node:crypto';
import { fileKey, readJsonFile, writeJsonFile } from './cache-file.js';
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
 * Uploads already made for one appId, keyed by the SHA-256 of the image as read and the id of
 * the conversion applied to it (`uploadKey`), kept in
 * `<cacheDir>/uploads-<appId>.json` so that a rerun uploads nothing again. Written after each
 * new upload, so an interrupted run keeps what it did.
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
    await this.save();
  }

  /** Forgets an upload WeChat no longer knows (a deleted material) and saves the file. */
  async delete(kind: Kind, key: string): Promise<void> {
    delete this.entries[kind][key];
    await this.save();
  }

  private async save(): Promise<void> {
    if (this.path) await writeJsonFile(this.path, { appId: this.appId, ...this.entries });
  }
}
