import type { LocaleStrings } from './locale.js';
import type { Digest } from './schema.js';

/**
 * The headline summary (摘要) built from the items when the digest gives none: each item's
 * translated title, else its title, joined with the locale's list separator.
 *
 * @param digest - A validated digest.
 * @param strings - The locale's strings (`LOCALES.zh`, …).
 * @example
 * const digest = parseDigest({ title: 'T', sections: [{ items: [{ title: 'Attention', translatedTitle: '注意力' }, { title: 'Scaling' }] }] })
 * autoSummary(digest, LOCALES.zh) // → '注意力、Scaling'
 * autoSummary(digest, LOCALES.en) // → '注意力; Scaling'
 */
export function autoSummary(digest: Digest, strings: LocaleStrings): string {
  return digest.sections
    .flatMap((s) => s.items ?? [])
    .map((i) => i.translatedTitle ?? i.title)
    .filter((t): t is string => t !== undefined)
    .join(strings.listSeparator);
}
