import { DigestError } from '../core/errors.js';
import { itemCounts } from '../digest/numbering.js';
import type { Digest, DigestSection } from '../digest/schema.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import { cutText } from './fields.js';

/** One unit of a split: an item (`item` its index) or a section without items (`item` -1). */
interface Unit {
  section: number;
  item: number;
}

/**
 * Splits a digest between items into consecutive parts, each of which `fits`, for the articles
 * of one draft. Every part keeps the header and the footer; the intro stays in the first part;
 * a section cut in two repeats its title in the next part; numbers run on (each section's
 * `start`), and each part's headline summary and contents name its own items.
 *
 * @param fits - Whether a part, rendered, fits the content limit.
 * @throws DigestError `E_CONTENT_LIMIT` when one item alone does not fit, or when more parts
 *   than a draft holds (8) would be needed.
 * @example
 * // `digest` is the reference example (9 items, about 19,800 characters): in parts of 12,000 at most
 * splitDigest(digest, 'restart', (d) => renderDigest(d).html.length < 12_000).length // → 2
 */
export function splitDigest(digest: Digest, numbering: 'restart' | 'continue', fits: (part: Digest) => boolean): Digest[] {
  const numbers = itemCounts(digest, numbering);
  const units: Unit[] = digest.sections.flatMap((section, s) =>
    section.items?.length ? section.items.map((_, i) => ({ section: s, item: i })) : [{ section: s, item: -1 }],
  );
  const build = (part: Unit[], first: boolean) => partDigest(digest, numbers, part, first);

  const parts: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    const candidate = [...current, unit];
    if (!current.length || fits(build(candidate, !parts.length))) current = candidate;
    else {
      parts.push(current);
      current = [unit];
    }
  }
  if (current.length) parts.push(current);

  const digests = parts.map((part, p) => build(part, p === 0));
  digests.forEach((d, p) => {
    if (fits(d)) return;
    const unit = parts[p].find((u) => u.item >= 0) ?? parts[p][0];
    const item = digest.sections[unit.section].items?.[unit.item];
    const name = item?.title ?? item?.translatedTitle ?? digest.sections[unit.section].title ?? '';
    throw new DigestError(
      'E_CONTENT_LIMIT',
      `sections[${unit.section}]${unit.item >= 0 ? `.items[${unit.item}]` : ''}${name ? ` ("${name}")` : ''} does not fit in one article even on its own, with the header and footer: shorten its body or abstract`,
      { details: { section: unit.section, item: unit.item } },
    );
  });
  const max = WECHAT_POLICY.limits.articles;
  if (digests.length > max) {
    throw new DigestError('E_CONTENT_LIMIT', `the digest needs ${digests.length} articles to fit the content limit, but a draft holds at most ${max}: publish fewer items, or shorter ones`, {
      details: { articles: digests.length },
    });
  }
  return digests;
}

function partDigest(digest: Digest, numbers: (number | string | undefined)[][], part: Unit[], first: boolean): Digest {
  const sections: DigestSection[] = [];
  part.forEach((unit, u) => {
    const source = digest.sections[unit.section];
    if (unit.item < 0) {
      sections.push(source);
      return;
    }
    const previous = part[u - 1];
    if (previous?.section === unit.section && previous.item >= 0) {
      sections.at(-1)!.items!.push(source.items![unit.item]);
      return;
    }
    const section: DigestSection = { ...source, items: [source.items![unit.item]] };
    if (unit.item > 0) delete section.intro;
    const number = numbers[unit.section][unit.item];
    if (source.numbered !== false && typeof number === 'number') section.start = number;
    sections.push(section);
  });
  const out: Digest = { ...digest, sections, summary: digest.summary === false ? false : undefined };
  if (!first) delete out.intro;
  if (out.summary === undefined) delete out.summary;
  return out;
}

/**
 * The title of part `index` (1-based) of `count`: `Title (1/3)`, the title cut with `…` when
 * the whole would pass the hard title limit.
 *
 * @example
 * partTitle('今日论文', 1, 3) // → '今日论文 (1/3)'
 */
export function partTitle(title: string, index: number, count: number): string {
  const suffix = ` (${index}/${count})`;
  return `${cutText(title, WECHAT_POLICY.limits.titleHard - suffix.length)}${suffix}`;
}
