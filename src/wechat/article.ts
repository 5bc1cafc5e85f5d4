import { checkContentSize } from './check.js';
import type { Finding } from './findings.js';
import { WECHAT_POLICY } from './policy.js';
import { ruleFinding } from './rules.js';
import { formatCount } from '../core/format.js';

/** The fields of one draft/add article that WeChat limits. */
export interface ArticleFields {
  title: string;
  /** The feed summary. */
  digest?: string;
  author?: string;
  /** The article HTML. Only its size is judged here; `checkWechat` judges the markup. */
  content?: string;
  /** The read-original link (content_source_url). */
  sourceUrl?: string;
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/**
 * Checks the article fields of a draft against WeChat's limits, before anything is sent.
 * Lengths are JavaScript string lengths (an emoji counts as 2), the conservative reading;
 * the read-original URL is measured in UTF-8 bytes.
 *
 * @param article - `title`, and optionally `digest`, `author`, `content`, `sourceUrl`.
 * @returns Findings with stable rule ids (`title-too-long`, `title-long`, `digest-too-long`,
 *   `author-too-long`, `source-url-too-long`, `content-too-long`, …); empty when all fit.
 * @example
 * checkArticle({ title: 'A title of forty characters, more or less' })
 * // → [{ rule: 'title-long', severity: 'warning', message: 'a title over 32 characters: 41 characters. Fix: keep the title to 32 characters', excerpt: 'A title of forty characters, more or less' }]
 */
export function checkArticle(article: ArticleFields): Finding[] {
  const L = WECHAT_POLICY.limits;
  const out: Finding[] = [];
  const title = article.title ?? '';
  if (!title.trim()) out.push(ruleFinding('title-empty', '', JSON.stringify(title)));
  else if (title.length > L.titleHard) out.push(ruleFinding('title-too-long', `${title.length} characters, ${title.length - L.titleHard} over`, shorten(title)));
  else if (title.length > L.titleSoft) out.push(ruleFinding('title-long', `${title.length} characters`, shorten(title)));
  if (article.digest !== undefined && article.digest.length > L.digest) {
    out.push(ruleFinding('digest-too-long', `${article.digest.length} characters, ${article.digest.length - L.digest} over`, shorten(article.digest)));
  }
  if (article.author !== undefined && article.author.length > L.author) {
    out.push(ruleFinding('author-too-long', `${article.author.length} characters, ${article.author.length - L.author} over`, shorten(article.author)));
  }
  if (article.sourceUrl !== undefined) {
    const bytes = Buffer.byteLength(article.sourceUrl, 'utf8');
    if (bytes > L.sourceUrlBytes) out.push(ruleFinding('source-url-too-long', `${formatCount(bytes)} bytes`, shorten(article.sourceUrl)));
  }
  if (article.content !== undefined) out.push(...checkContentSize(article.content));
  return out;
}
