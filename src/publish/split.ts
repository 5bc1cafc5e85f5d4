import { DigestError } from '../core/errors.js';
import { itemCounts, type Numbering } from '../digest/numbering.js';
import type { Digest, DigestSection } from '../digest/schema.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import { cutText } from './fields.js';

/** One unit of a split: an item (`item` its index) or a section without items (`item` -1). */
export interface Unit {
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
 * @param weights - The characters of each item (`stats.parts` of the whole render, by path): as
 *   many parts as filling them in turn gives, balanced, cut at a section boundary where that
 *   costs little.
 * @throws DigestError `E_CONTENT_LIMIT` when one item alone does not fit, or when more parts
 *   than a draft holds (8) would be needed.
 * @example
 * // `digest` is the reference example (9 items, about 19,800 characters): in parts of 12,000 at most
 * splitDigest(digest, 'restart', (d) => renderDigest(d).html.length < 12_000).length // → 2
 */
export function splitDigest(digest: Digest, numbering: Numbering, fits: (part: Digest) => boolean, weights?: ReadonlyMap<string, number>): Digest[] {
  const numbers = itemCounts(digest, numbering);
  const units: Unit[] = digest.sections.flatMap((section, s) =>
    section.items?.length ? section.items.map((_, i) => ({ section: s, item: i })) : [{ section: s, item: -1 }],
  );
  const build = (part: Unit[], first: boolean) => partDigest(digest, numbers, part, first);

  let parts: Unit[][] = [];
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
  // Filling each part in turn leaves the last one short (28 items and 2): as many parts, balanced.
  if (weights && parts.length > 1) {
    const balanced = balance(units, parts.length, (u) => weights.get(unitPath(u)) ?? 0);
    if (balanced.every((part, p) => fits(build(part, p === 0)))) parts = balanced;
  }

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

/** Where a unit sits in the digest, as the render's `stats.parts` name it. */
function unitPath(u: Unit): string {
  return u.item < 0 ? `sections[${u.section}]` : `sections[${u.section}].items[${u.item}]`;
}

/**
 * Cuts `units` into `count` consecutive parts whose largest weighs least; between two cuts of
 * about the same weight (within 5% of a part), the one at a section boundary wins.
 *
 * @example
 * balance([0, 0, 0, 1].map((s, i) => ({ section: s, item: i })), 2, () => 1).map((p) => p.length) // → [2, 2]
 */
export function balance(units: readonly Unit[], count: number, weight: (u: Unit) => number): Unit[][] {
  const n = units.length;
  const prefix = [0];
  for (const u of units) prefix.push(prefix.at(-1)! + weight(u));
  const total = prefix[n];
  const slack = (total / count) * 0.05;
  // best[k][i]: the least largest part for the first i units in k parts (ties: more section cuts).
  const best: { max: number; boundaries: number; cut: number }[][] = [[{ max: 0, boundaries: 0, cut: 0 }]];
  for (let k = 1; k <= count; k++) {
    best[k] = [];
    for (let i = k; i <= n; i++) {
      let pick: { max: number; boundaries: number; cut: number } | undefined;
      for (let j = k - 1; j < i; j++) {
        const prev = best[k - 1][j];
        if (!prev) continue;
        const max = Math.max(prev.max, prefix[i] - prefix[j]);
        const atBoundary = j > 0 && units[j].section !== units[j - 1].section ? 1 : 0;
        const candidate = { max, boundaries: prev.boundaries + atBoundary, cut: j };
        if (!pick || candidate.max < pick.max - slack || (Math.abs(candidate.max - pick.max) <= slack && candidate.boundaries > pick.boundaries)) pick = candidate;
      }
      if (pick) best[k][i] = pick;
    }
  }
  const parts: Unit[][] = [];
  for (let k = count, i = n; k > 0; k--) {
    const j = best[k][i].cut;
    parts.unshift(units.slice(j, i));
    i = j;
  }
  return parts;
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
 * The title of part `index` (1-based) of `count`, telling the parts apart by what they hold:
 * `Title (1/3 · Section)` with the titles of the part's sections when the digest has more than
 * one titled section, else `Title (1/3 · 1–5)` with the numbers of its numbered items, else
 * `Title (1/3)`. The title is cut with `…` when the whole would pass the hard title limit, and
 * the label when it alone is too long.
 *
 * @param part - The part's digest (from `splitDigest`); without it, the number alone.
 * @example
 * partTitle('今日论文', 1, 3) // → '今日论文 (1/3)'
 * partTitle('今日论文', 2, 2, { title: '今日论文', sections: [{ start: 6, items: [{ title: 'A' }, { title: 'B' }, { title: 'C' }] }] }) // → '今日论文 (2/2 · 6–8)'
 * partTitle('Weekly', 1, 2, { title: 'Weekly', sections: [{ title: 'Papers', items: [{ title: 'A' }] }, { title: 'Tools', items: [{ title: 'B' }] }] }, 2) // → 'Weekly (1/2 · Papers / Tools)'
 */
export function partTitle(title: string, index: number, count: number, part?: Digest, titledSections = 0): string {
  const label = part ? partLabel(part, titledSections) : '';
  const suffix = ` (${index}/${count}${label ? ` · ${cutText(label, 24)}` : ''})`;
  return `${cutText(title, WECHAT_POLICY.limits.titleHard - suffix.length)}${suffix}`;
}

/** What a part holds, for its title: its section titles (when the digest has several), else its item numbers. */
function partLabel(part: Digest, titledSections: number): string {
  if (titledSections > 1) {
    const titles = part.sections.map((s) => s.title?.trim()).filter((t): t is string => Boolean(t));
    const distinct = titles.filter((t, i) => titles.indexOf(t) === i);
    if (distinct.length) return distinct.join(' / ');
  }
  // Per section, the range of its numbered items: `1–5`, or `4–5, 1–3` when sections number afresh.
  const ranges = part.sections.flatMap((s) => {
    if (s.numbered === false || !s.items?.length) return [];
    const first = s.start ?? 1;
    const last = first + s.items.length - 1;
    return [{ first, last }];
  });
  const merged: { first: number; last: number }[] = [];
  for (const r of ranges) {
    const prev = merged.at(-1);
    if (prev && r.first === prev.last + 1) prev.last = r.last;
    else merged.push({ ...r });
  }
  return merged.map((r) => (r.first === r.last ? String(r.first) : `${r.first}–${r.last}`)).join(', ');
}

/**
 * How many sections of a digest have a title: with more than one, split parts are named by
 * their sections (see `partTitle`).
 *
 * @example
 * titledSections({ title: 'T', sections: [{ title: 'A' }, { title: 'B' }, {}] }) // → 2
 */
export function titledSections(digest: Digest): number {
  return digest.sections.filter((s) => s.title?.trim()).length;
}
