import type { LocaleStrings } from './locale.js';
import { numberMarker, textMarker, type NumberStyle } from './number-style.js';
import type { Digest } from './schema.js';

/** The number an item shows: as a reader sees it (`3、`, `03 `), and bare (`3`, `03`) for a badge. */
export interface ItemNumber {
  written: string;
  bare: string;
}

/**
 * The number of each item, or undefined for unnumbered items: a whole number, or the text an
 * item gives as its number (`"01"`). Numbered sections count from their `start`, else from 1
 * (`'restart'`) or on from the last section (`'continue'`); an explicit whole `number` resets
 * the count, a number written as text takes one place.
 *
 * @example
 * const d = parseDigest({ title: 'D', sections: [{ items: [{ title: 'A' }, { title: 'B', number: 7 }] }, { items: [{ title: 'C', number: 'x1' }, { title: 'D' }] }] })
 * itemCounts(d, 'continue') // → [[1, 7], ['x1', 9]]
 */
export function itemCounts(digest: Digest, numbering: 'restart' | 'continue'): (number | string | undefined)[][] {
  let next = 1;
  return digest.sections.map((section) => {
    const numbered = section.numbered !== false;
    if (numbered) next = section.start ?? (numbering === 'continue' ? next : 1);
    return (section.items ?? []).map((item) => {
      if (!numbered) return item.number;
      if (typeof item.number === 'string') {
        next++;
        return item.number;
      }
      const n = item.number ?? next;
      next = n + 1;
      return n;
    });
  });
}

/**
 * The number shown before each item, or undefined for unnumbered items, in each section's
 * number style (the section's, else the digest's, else the locale's); a number given as text
 * is shown as written.
 *
 * @example
 * const d = parseDigest({ title: 'D', numberStyle: '01', sections: [{ items: [{ title: 'A' }, { title: 'B', number: 7 }, { title: 'C' }] }] })
 * itemNumbers(d, 'restart', '1、').flat().map((n) => n?.written) // → ['01 ', '07 ', '08 ']
 */
export function itemNumbers(digest: Digest, numbering: 'restart' | 'continue', localeStyle: NumberStyle): (ItemNumber | undefined)[][] {
  return itemCounts(digest, numbering).map((counts, s) => {
    const style = digest.sections[s].numberStyle ?? digest.numberStyle ?? localeStyle;
    return counts.map((n) => {
      if (n === undefined) return undefined;
      if (typeof n === 'string') return { written: textMarker(n), bare: n };
      const written = numberMarker(n, style);
      return { written, bare: bareNumber(written) };
    });
  });
}

/** A written number without its punctuation, for a badge: `3、` → `3`, `(3) ` → `3`, `No.3 ` → `No.3`. */
function bareNumber(written: string): string {
  return written.trim().replace(/^\((.*)\)$/, '$1').replace(/[、.]$/, '');
}

/**
 * The headline summary built from the items (translated titles, else titles), kept a headline:
 * titles are joined while they fit in `max` characters, the rest counted (`… 等 12 项`).
 *
 * @example
 * const d = parseDigest({ title: 'D', sections: [{ items: [{ title: 'Alpha' }, { title: 'Beta' }, { title: 'Gamma' }, { title: 'Delta' }] }] })
 * autoSummary(d, LOCALES.zh, 100) // → 'Alpha、Beta、Gamma、Delta'
 * autoSummary(d, LOCALES.zh, 16) // → 'Alpha、Beta 等 2 项'
 * autoSummary(d, LOCALES.en, 16) // → 'Alpha and 3 more'
 */
export function autoSummary(digest: Digest, strings: LocaleStrings, max: number): string {
  const titles = digest.sections
    .flatMap((s) => s.items ?? [])
    .map((i) => i.translatedTitle ?? i.title)
    .filter((t): t is string => t !== undefined);
  const all = titles.join(strings.listSeparator);
  if (all.length <= max || titles.length < 2) return all;
  const more = (n: number) => strings.more.replace('{n}', String(n));
  // The first title always shows; then as many as fit with the count of the rest.
  let taken = 0;
  let length = 0;
  for (const t of titles) {
    const added = (taken ? strings.listSeparator.length : 0) + t.length;
    if (taken && length + added + more(titles.length - taken - 1).length > max) break;
    taken++;
    length += added;
  }
  // "and 1 more" says less than the one title it hides: leave out two or none.
  if (taken === titles.length - 1 && taken > 1) taken--;
  return `${titles.slice(0, taken).join(strings.listSeparator)}${more(titles.length - taken)}`;
}
