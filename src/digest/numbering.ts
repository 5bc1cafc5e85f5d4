import type { Digest } from './schema.js';

/**
 * How the numbered sections of a digest count, defined once: `restart` (each numbered section
 * starts at 1) or `continue` (the numbers run on from the section before).
 *
 * @example
 * NUMBERINGS // → ['restart', 'continue']
 */
export const NUMBERINGS = ['restart', 'continue'] as const;

/** How the numbered sections count: `restart` at 1 in each, or `continue` across them. */
export type Numbering = (typeof NUMBERINGS)[number];

/**
 * The number shown before each item, per section, or undefined for an item of an unnumbered
 * section (unless it gives its own `number`). A numbered section starts at its `start`, else at 1
 * (`restart`) or where the section before stopped (`continue`); an item's own `number` sets the
 * count from there on.
 *
 * @param digest - A validated digest.
 * @param numbering - How numbered sections count.
 * @example
 * const digest = parseDigest({ title: 'T', sections: [{ items: [{ title: 'a' }, { title: 'b' }] }, { numbered: false, items: [{ title: 'c' }] }, { items: [{ title: 'd' }] }] })
 * itemNumbers(digest, 'restart') // → [[1, 2], [undefined], [1]]
 * itemNumbers(digest, 'continue') // → [[1, 2], [undefined], [3]]
 */
export function itemNumbers(digest: Digest, numbering: Numbering): (number | undefined)[][] {
  let next = 1;
  return digest.sections.map((section) => {
    const numbered = section.numbered !== false;
    if (numbered) next = section.start ?? (numbering === 'continue' ? next : 1);
    return (section.items ?? []).map((item) => {
      if (!numbered) return item.number;
      const n = item.number ?? next;
      next = n + 1;
      return n;
    });
  });
}
