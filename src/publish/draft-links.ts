import type { Digest } from '../digest/schema.js';
import { DEFAULT_API_HOST, hostFileKey, isOwnCacheFile, readJsonFile, writeJsonFile } from './cache-file.js';

/** The draft made for one digest: its media_id and how many articles it has. */
export interface DraftLink {
  mediaId: string;
  articles: number;
}

/**
 * The key that links a digest to its draft: its `id`, else its title and date, so a rerun of the
 * same digest finds the draft it made.
 *
 * @example
 * draftKey(parseDigest({ id: 'cs-daily-2026-11-28', title: 'T', sections: [{ items: [{ title: 'A' }] }] })) // → 'id:cs-daily-2026-11-28'
 * draftKey(parseDigest({ title: '今日论文', date: '2026-11-28', sections: [{ items: [{ title: 'A' }] }] })) // → 'title:今日论文\n2026-11-28'
 */
export function draftKey(digest: Digest): string {
  return digest.id ? `id:${digest.id}` : `title:${digest.title}\n${digest.date ?? ''}`;
}

/**
 * The drafts made for each digest key, for one appId on one API host, kept in
 * `<cacheDir>/drafts-<appId>.json` with the upload cache (`drafts-<appId>-<host>.json` for
 * another API host, so that a test server's drafts are never taken for WeChat's), so that
 * publishing a digest again updates its draft.
 *
 * @example
 * const links = await DraftLinks.open(tmp, 'wx12ab')
 * await links.set('id:daily', { mediaId: 'DRAFT_1', articles: 1 })
 * const later = await DraftLinks.open(tmp, 'wx12ab')
 * later.get('id:daily') // → { mediaId: 'DRAFT_1', articles: 1 }
 */
export class DraftLinks {
  private constructor(
    private readonly path: string,
    private readonly appId: string,
    private readonly apiHost: string,
    private readonly links: Record<string, DraftLink>,
  ) {}

  /** Opens the links of `appId` on the host of `apiBase` (none when there is no file yet). */
  static async open(cacheDir: string, appId: string, apiBase = `https://${DEFAULT_API_HOST}`): Promise<DraftLinks> {
    const apiHost = new URL(apiBase).host;
    const path = hostFileKey(cacheDir, 'drafts', appId, apiBase);
    const data = await readJsonFile(path);
    const links = isOwnCacheFile(data, appId, apiHost) && data.drafts !== null && typeof data.drafts === 'object' ? (data.drafts as Record<string, DraftLink>) : {};
    return new DraftLinks(path, appId, apiHost, links);
  }

  /** The draft made for `key`, if any. */
  get(key: string): DraftLink | undefined {
    const link = this.links[key];
    return typeof link?.mediaId === 'string' && Number.isInteger(link.articles) ? link : undefined;
  }

  /** Records the draft of `key` and saves the file. */
  async set(key: string, link: DraftLink): Promise<void> {
    this.links[key] = link;
    await writeJsonFile(this.path, { appId: this.appId, apiHost: this.apiHost, drafts: this.links });
  }

  /** Forgets the draft of `key` (published, so no longer in the draft box) and saves the file. */
  async delete(key: string): Promise<void> {
    delete this.links[key];
    await writeJsonFile(this.path, { appId: this.appId, apiHost: this.apiHost, drafts: this.links });
  }
}
