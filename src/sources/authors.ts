/** Name parts written in lower case before a surname (van, de, …): shortened to their lower-case initial. */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'ter', 'ten', 'zu', 'dos', 'das', 'do', 'bin', 'al']);
/** Parts that follow the surname. */
const SUFFIXES = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;

/**
 * An author name as the daily arXiv digests print it: given names shortened to their initial
 * without a dot, initials that were already written (`V.`) kept as written, particles to their
 * lower-case initial, the surname in full. A name in one piece (`李明`) stays as it is.
 *
 * @example
 * abbreviateAuthor('Xiangning Chen') // → 'X Chen'
 * abbreviateAuthor('Quoc V. Le') // → 'Q V. Le'
 * abbreviateAuthor('Bart van Merriënboer') // → 'B v Merriënboer'
 * abbreviateAuthor('Cho-Jui Hsieh') // → 'C Hsieh'
 * abbreviateAuthor('Guy L. Steele Jr.') // → 'G L. Steele Jr.'
 */
export function abbreviateAuthor(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return parts.join('');
  let end = parts.length;
  while (end > 2 && SUFFIXES.test(parts[end - 1].replace(/,$/, ''))) end--;
  const given = parts.slice(0, end - 1).map((p) => p.replace(/,$/, ''));
  const surname = parts.slice(end - 1).join(' ');
  const initials = given.map((part) => {
    if (/^\p{Lu}\.$/u.test(part) || /^\p{Lu}$/u.test(part)) return part;
    if (PARTICLES.has(part.toLowerCase()) && part === part.toLowerCase()) return [...part][0];
    return [...part][0].toUpperCase();
  });
  return [...initials, surname].join(' ');
}
