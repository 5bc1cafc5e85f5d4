import { formatCount } from '../core/format.js';
import type { Finding } from '../wechat/findings.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import { ruleFinding } from '../wechat/rules.js';
import type { ArticlePart } from './templates.js';

const LIMIT = WECHAT_POLICY.limits.contentCharacters;

/** Articles of at most `LIMIT - 1` characters that `characters` need, with some room for the header and footer each repeats. */
function articlesNeeded(characters: number): number {
  return Math.ceil(characters / (LIMIT * 0.9));
}

/**
 * What to do about an article over the limit: split it (into how many articles), or leave out
 * what weighs most.
 *
 * @example
 * sizeAdvice(26_000, [{ path: 'sections[0].items[3]', name: 'A long paper', characters: 4_200 }])
 * // → 'publish with --split (render --split for paste): about 2 articles; or shorten what weighs most: sections[0].items[3] "A long paper" (4,200 characters)'
 */
export function sizeAdvice(characters: number, parts: readonly ArticlePart[]): string {
  const heaviest = [...parts].filter((p) => p.path.includes('items')).sort((a, b) => b.characters - a.characters)[0];
  const split = `publish with --split (render --split for paste): about ${articlesNeeded(characters)} articles`;
  return heaviest ? `${split}; or shorten what weighs most: ${heaviest.path} "${heaviest.name}" (${formatCount(heaviest.characters)} characters)` : split;
}

/**
 * The findings about the size a user must act on, beyond the checker's own: the content is over
 * the limit on the API path only (its images, once uploaded, have longer URLs), with how much
 * and what to do; and advice added to the checker's `content-too-long`.
 *
 * @param html - The article.
 * @param api - Its size on the API path (`articleSize`'s `api`).
 * @param parts - Its parts with their sizes, to name the heaviest.
 * @param target - `'api'`: over the limit there is an error, as publish refuses it; `'paste'`: a warning.
 * @example
 * apiSizeFindings('<section>…</section>', { characters: 20_400, uploads: 30 }, [], 'paste')[0].message
 * // → 'content of 20,000 characters or more: 20,400 characters once its 30 images are uploaded (their URLs become about 120 characters long), 401 over the limit of 19,999: publish would refuse it. Fix: publish with --split (render --split for paste): about 2 articles'
 */
export function apiSizeFindings(html: string, api: { characters: number; uploads: number }, parts: readonly ArticlePart[], target: 'paste' | 'api'): Finding[] {
  if (html.length >= LIMIT || api.characters < LIMIT) return [];
  const base = ruleFinding('content-too-long', '', html.slice(0, 80));
  const over = api.characters - LIMIT + 1;
  const images = `${api.uploads} image${api.uploads === 1 ? ' is' : 's are'}`;
  return [{
    ...base,
    severity: target === 'api' ? 'error' : 'warning',
    message: `content of ${formatCount(LIMIT)} characters or more: ${formatCount(api.characters)} characters once its ${images} uploaded (their URLs become about ${WECHAT_POLICY.limits.uploadedImageUrl} characters long), ${formatCount(over)} over the limit of ${formatCount(LIMIT - 1)}: publish would refuse it. Fix: ${sizeAdvice(api.characters, parts)}`,
  }];
}

/**
 * The checker's `content-too-long`, with what to do: how many articles a split gives, and the
 * heaviest item.
 *
 * @example
 * const tooLong = { rule: 'content-too-long', severity: 'error', message: 'content of 20,000 characters or more: 26,000 characters, 6,001 over the limit of 19,999. Fix: shorten the content', excerpt: '<section>' } as const
 * withSizeAdvice([tooLong], 26_000, [])[0].message
 * // → 'content of 20,000 characters or more: 26,000 characters, 6,001 over the limit of 19,999. Fix: publish with --split (render --split for paste): about 2 articles'
 */
export function withSizeAdvice(findings: Finding[], characters: number, parts: readonly ArticlePart[]): Finding[] {
  return findings.map((f) => {
    if (f.rule !== 'content-too-long') return f;
    const fix = f.message.lastIndexOf('. Fix: ');
    return { ...f, message: `${fix >= 0 ? f.message.slice(0, fix) : f.message}. Fix: ${sizeAdvice(characters, parts)}` };
  });
}
