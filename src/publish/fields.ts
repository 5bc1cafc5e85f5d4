import { LOCALES } from '../digest/locale.js';
import { autoSummary } from '../digest/numbering.js';
import type { Digest } from '../digest/schema.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import type { ResolvedPublishOptions } from './options.js';
import { DEFAULT_RENDER_OPTIONS } from '../render/options.js';

/** One article of a draft, exactly as draft/add receives it. */
export interface DraftArticle {
  title: string;
  author?: string;
  digest?: string;
  /** The HTML content, image sources replaced by WeChat URLs. */
  content: string;
  content_source_url?: string;
  thumb_media_id: string;
  /** The 2.35:1 crop of the cover shown in the feed, as `x1_y1_x2_y2` fractions (set for a cover made from the digest). */
  pic_crop_235_1?: string;
  /** The 1:1 crop of the cover shown when the article is shared, as `x1_y1_x2_y2` fractions. */
  pic_crop_1_1?: string;
  need_open_comment: 0 | 1;
  only_fans_can_comment: 0 | 1;
}

/** The fields of an article besides its content and cover. */
export type ArticleHead = Pick<DraftArticle, 'title' | 'author' | 'digest' | 'content_source_url'>;

/**
 * `text` cut to at most `max` UTF-16 units (the limits' conservative count) on a character
 * boundary: a surrogate pair (an emoji) is never split. A cut text ends in `…`.
 *
 * @example
 * cutText('优化算法的符号化发现', 5) // → '优化算法…'
 * // the emoji (2 units) does not fit whole next to the ellipsis:
 * cutText('ab🙂cd', 4) // → 'ab…'
 * cutText('短', 5) // → '短'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length + 1 > max) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Title, author, feed summary and read-original URL of the article for `digest`: the options
 * first, else the digest's own (the summary defaults to the headline summary, cut to the limit).
 *
 * @example
 * import { resolvePublishOptions } from './options.js'
 * articleHead(parseDigest({ title: 'Daily', author: 'Lin', sections: [{ items: [{ title: 'A' }, { title: 'B' }] }] }), resolvePublishOptions({ dryRun: true }))
 * // → { title: 'Daily', author: 'Lin', digest: 'A、B' }
 */
export function articleHead(digest: Digest, opts: ResolvedPublishOptions): ArticleHead {
  const strings = LOCALES[opts.render.locale ?? digest.locale ?? 'zh'];
  const headline = typeof digest.summary === 'string' ? digest.summary : autoSummary(digest, strings, opts.render.summaryMax ?? DEFAULT_RENDER_OPTIONS.summaryMax);
  const summary = opts.digest ?? cutText(headline.trim(), WECHAT_POLICY.limits.digest);
  const author = opts.author ?? digest.author;
  const sourceUrl = opts.sourceUrl ?? digest.sourceUrl;
  return {
    title: digest.title,
    ...(author ? { author } : {}),
    ...(summary ? { digest: summary } : {}),
    ...(sourceUrl ? { content_source_url: sourceUrl } : {}),
  };
}
