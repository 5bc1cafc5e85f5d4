import { DigestError } from '../core/errors.js';
import type { WechatAnswer, WechatApi } from './client.js';
import type { DraftLink } from './draft-links.js';
import type { DraftArticle } from './fields.js';

/** What happened to the draft: a new one, the linked one updated, or the linked one replaced (its number of articles changed). */
export type DraftAction = 'added' | 'updated' | 'replaced';

/**
 * What each `publish_status` of freepublish/get means, in plain words: `pending` is polled
 * again, `done` is published, `failed` ends the run with its text.
 */
export const PUBLISH_STATUSES: Record<number, { state: 'done' | 'pending' | 'failed'; text: string }> = {
  0: { state: 'done', text: 'published' },
  1: { state: 'pending', text: 'publishing' },
  2: { state: 'failed', text: 'the original-content check (原创校验) failed: WeChat found the articles too close to published ones. Remove the original claim or the copied passages, then publish the draft from the console' },
  3: { state: 'failed', text: 'publishing failed (常规失败) without a reason given. Publish the draft from the console, which shows what is wrong' },
  4: { state: 'failed', text: 'the platform review (平台审核) rejected the articles. Look at the notice in the console, change what it names, and publish again' },
  5: { state: 'failed', text: 'the articles were published, then all deleted by a user of the account' },
  6: { state: 'failed', text: 'the articles were published, then all banned by the platform (系统封禁). Look at the notice in the console' },
};

/** How `submitDraft` polls: the first wait, the growth of each next one and its ceiling, and when to stop waiting. */
export interface PollConfig {
  pollIntervalMs: number;
  pollTimeoutMs: number;
  onPoll?: (status: number, attempt: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errcodeOf(error: unknown): number | undefined {
  return error instanceof DigestError && typeof error.details.errcode === 'number' ? error.details.errcode : undefined;
}

/**
 * Saves the articles as a draft: the draft linked to this digest is updated article by article
 * (draft/update), or replaced when its number of articles changed (draft/add, then draft/delete
 * of the old one); without a link, or with `fresh`, a new one is added. A linked draft that was
 * deleted in the console (40007, and draft/get does not know it) falls back to a new one, and
 * `notice` says so; a 40007 for the cover uploads it again once.
 *
 * @param add - draft/add of articles (with the cover's own 40007 handling); returns the media_id.
 * @param freshCover - Uploads the cover again; returns the new thumb_media_id.
 * @example
 * import { WechatClient } from './client.js'
 * import { Redactor } from './redact.js'
 * const client = new WechatClient({ ...http, apiBase: wechat.url, appId: 'wx12ab', appSecret: 'secret', cacheDir: tmp, redactor: new Redactor(), onToken: () => undefined })
 * const article = { title: 'Daily', content: '<section>a</section>', thumb_media_id: 'THUMB', need_open_comment: 0, only_fans_can_comment: 0 } as const
 * // no draft of that media_id in the draft box (deleted in the console): a new one is added
 * const saved = await saveDraft(client, [{ ...article }], { mediaId: 'DRAFT_GONE', articles: 1 }, { add: async () => 'DRAFT_NEW', freshCover: async () => 'THUMB', notice: () => undefined })
 * saved // → { mediaId: 'DRAFT_NEW', action: 'added' }
 */
export async function saveDraft(
  client: WechatApi,
  articles: DraftArticle[],
  linked: DraftLink | undefined,
  how: { add: (articles: DraftArticle[]) => Promise<string>; freshCover: () => Promise<string>; notice: (message: string) => void },
): Promise<{ mediaId: string; action: DraftAction }> {
  if (!linked) return { mediaId: await how.add(articles), action: 'added' };
  if (linked.articles !== articles.length) {
    const mediaId = await how.add(articles);
    try {
      await client.postJson('draft/delete', { media_id: linked.mediaId }, { idempotent: true });
    } catch (error) {
      if (errcodeOf(error) !== 40007) throw error;
    }
    how.notice(`the draft had ${linked.articles} article${linked.articles === 1 ? '' : 's'} and now needs ${articles.length}: a new draft replaces it`);
    return { mediaId, action: 'replaced' };
  }
  try {
    await updateAll(client, linked.mediaId, articles);
    return { mediaId: linked.mediaId, action: 'updated' };
  } catch (error) {
    if (errcodeOf(error) !== 40007) throw error;
  }
  // 40007: the draft is gone, or the cover material is.
  if (!(await draftExists(client, linked.mediaId))) {
    how.notice(`the draft made for this digest earlier (${linked.mediaId}) is no longer in the draft box (deleted in the console?): a new draft is added`);
    return { mediaId: await how.add(articles), action: 'added' };
  }
  const thumb = await how.freshCover();
  articles.forEach((a) => (a.thumb_media_id = thumb));
  await updateAll(client, linked.mediaId, articles);
  return { mediaId: linked.mediaId, action: 'updated' };
}

async function updateAll(client: WechatApi, mediaId: string, articles: DraftArticle[]): Promise<void> {
  for (const [index, article] of articles.entries()) {
    await client.postJson('draft/update', { media_id: mediaId, index, articles: article }, { idempotent: true });
  }
}

async function draftExists(client: WechatApi, mediaId: string): Promise<boolean> {
  try {
    await client.postJson('draft/get', { media_id: mediaId }, { idempotent: true });
    return true;
  } catch (error) {
    if (errcodeOf(error) === 40007) return false;
    throw error;
  }
}

/**
 * Reads a draft back (draft/get): the articles as WeChat stored them.
 *
 * @example
 * import { WechatClient } from './client.js'
 * import { Redactor } from './redact.js'
 * const client = new WechatClient({ ...http, apiBase: wechat.url, appId: 'wx12ab', appSecret: 'secret', cacheDir: tmp, redactor: new Redactor(), onToken: () => undefined })
 * await getDraft(client, 'DRAFT_NONE') // throws: WeChat refused draft/get (errcode 40007): the media_id is unknown to WeChat …
 */
export async function getDraft(client: WechatApi, mediaId: string): Promise<Record<string, unknown>[]> {
  const answer = await client.postJson('draft/get', { media_id: mediaId }, { idempotent: true });
  return Array.isArray(answer.news_item) ? (answer.news_item as Record<string, unknown>[]) : [];
}

/**
 * Sends the draft to one WeChat user's phone as a preview (message/mass/preview with
 * `towxname`, the user's WeChat ID). The daily quota (about 100) and a missing permission are
 * explained; the draft stays in the draft box either way.
 *
 * @throws DigestError `E_WECHAT_API` with what to do.
 * @example
 * import { WechatClient } from './client.js'
 * import { Redactor } from './redact.js'
 * const client = new WechatClient({ ...http, apiBase: wechat.url, appId: 'wx12ab', appSecret: 'secret', cacheDir: tmp, redactor: new Redactor(), onToken: () => undefined })
 * wechat.switches.quotaReached = ['message/mass/preview']
 * await previewDraft(client, 'DRAFT_1', 'ada-wx') // throws: WeChat refused the preview to "ada-wx" (errcode 45009): an account may send about 100 previews a day, …
 */
export async function previewDraft(client: WechatApi, mediaId: string, to: string): Promise<void> {
  try {
    await client.postJson('message/mass/preview', { towxname: to, mpnews: { media_id: mediaId }, msgtype: 'mpnews' }, { idempotent: false });
  } catch (error) {
    const errcode = errcodeOf(error);
    const inBox = `The draft (${mediaId}) is in the draft box`;
    if (errcode === 45009) {
      throw new DigestError('E_WECHAT_API', `WeChat refused the preview to "${to}" (errcode 45009): an account may send about 100 previews a day, and today's are used up. ${inBox}: preview it from the editor (预览), or send the preview tomorrow.`, {
        details: { errcode, endpoint: 'message/mass/preview', mediaId },
      });
    }
    if (errcode === 48001) {
      throw new DigestError('E_WECHAT_API', `WeChat refused the preview (errcode 48001): sending previews through the API needs a verified account. ${inBox}: preview it from the editor (预览).`, {
        details: { errcode, endpoint: 'message/mass/preview', mediaId },
      });
    }
    throw error;
  }
}

/**
 * Publishes a draft (freepublish/submit) and waits until WeChat settles (freepublish/get,
 * polled after `pollIntervalMs`, each wait 1.5 times the last, up to 30 s apart, for at most
 * `pollTimeoutMs`). Returns the article URLs.
 *
 * @throws DigestError `E_WECHAT_API` for an account without the permission (48001: personal and
 *   unverified accounts lost it in July 2025; the draft stays) and for every failed
 *   `publish_status`, in plain words; `E_NETWORK` when WeChat is still publishing at the time limit.
 * @example
 * import { WechatClient } from './client.js'
 * import { Redactor } from './redact.js'
 * const client = new WechatClient({ ...http, apiBase: wechat.url, appId: 'wx12ab', appSecret: 'secret', cacheDir: tmp, redactor: new Redactor(), onToken: () => undefined })
 * wechat.switches.unauthorised = ['freepublish/submit']
 * await submitDraft(client, 'DRAFT_1', { pollIntervalMs: 10, pollTimeoutMs: 5_000 })
 * // throws: The draft (DRAFT_1) is in the draft box, but this account cannot publish through the API (errcode 48001): …
 */
export async function submitDraft(client: WechatApi, mediaId: string, poll: PollConfig): Promise<{ publishId: string; articleUrls: string[] }> {
  let submitted: WechatAnswer;
  try {
    submitted = await client.postJson('freepublish/submit', { media_id: mediaId }, { idempotent: false });
  } catch (error) {
    if (errcodeOf(error) === 48001) {
      throw new DigestError(
        'E_WECHAT_API',
        `The draft (${mediaId}) is in the draft box, but this account cannot publish through the API (errcode 48001): personal and unverified accounts lost that permission in July 2025. Publish the draft from the console (草稿箱 → 发表), or publish from a verified account.`,
        { details: { errcode: 48001, endpoint: 'freepublish/submit', mediaId } },
      );
    }
    throw error;
  }
  const publishId = String(submitted.publish_id ?? '');
  if (!publishId) throw new DigestError('E_WECHAT_API', 'WeChat answered freepublish/submit without "publish_id". Look in the console\u2019s publish records (发表记录).', { details: { endpoint: 'freepublish/submit', mediaId } });
  const started = Date.now();
  for (let attempt = 1, wait = poll.pollIntervalMs; ; attempt++, wait = Math.min(wait * 1.5, 30_000)) {
    await sleep(wait);
    const answer = await client.postJson('freepublish/get', { publish_id: publishId }, { idempotent: true });
    const status = Number(answer.publish_status);
    poll.onPoll?.(status, attempt);
    const meaning = PUBLISH_STATUSES[status] ?? { state: 'failed', text: `WeChat answered publish_status ${status}, which is not documented. Look in the console\u2019s publish records (发表记录)` };
    if (meaning.state === 'done') {
      const items = (answer.article_detail as { item?: { article_url?: string }[] } | undefined)?.item ?? [];
      return { publishId, articleUrls: items.map((i) => String(i.article_url ?? '')).filter(Boolean) };
    }
    if (meaning.state === 'failed') {
      throw new DigestError('E_WECHAT_API', `WeChat did not publish the draft (publish_status ${status}): ${meaning.text}.`, { details: { endpoint: 'freepublish/get', publishStatus: status, publishId, mediaId } });
    }
    if (Date.now() - started + wait > poll.pollTimeoutMs) {
      throw new DigestError('E_NETWORK', `WeChat is still publishing after ${Math.round((Date.now() - started) / 1000)} s (publish_id ${publishId}): look in the console\u2019s publish records (发表记录) for the result.`, {
        details: { endpoint: 'freepublish/get', publishId, mediaId },
      });
    }
  }
}
