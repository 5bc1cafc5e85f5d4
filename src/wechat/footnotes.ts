/** One reference of the references block. */
export interface Footnote {
  n: number;
  url: string;
  /** The link text where it first appeared. */
  text: string;
}

/**
 * True when a link's text is its URL (as written, percent-decoded, or without a trailing
 * slash): such a link is written as plain text, with no footnote.
 *
 * @example
 * sameAsUrl('https://example.com/中文', 'https://example.com/%E4%B8%AD%E6%96%87') // → true
 */
export function sameAsUrl(text: string, url: string): boolean {
  const t = text.trim();
  if (!t) return false;
  const forms = new Set([url]);
  try {
    forms.add(decodeURI(url));
  } catch {
    // a malformed escape: the URL only matches as written
  }
  for (const f of [...forms]) forms.add(f.replace(/\/$/, ''));
  return forms.has(t) || forms.has(t.replace(/\/$/, ''));
}

/**
 * One line of the references block: `[n] text: URL`, or `[n] URL` when the text is the URL.
 *
 * @param colon - The locale's colon (`：` in zh, `: ` in en).
 * @example
 * referenceLine({ n: 2, text: 'the paper', url: 'https://arxiv.org/abs/1' }, ': ') // → '[2] the paper: https://arxiv.org/abs/1'
 */
export function referenceLine(f: Footnote, colon: string): string {
  return `[${f.n}] ${f.text === f.url ? f.url : `${f.text}${colon}${f.url}`}`;
}

/**
 * Collects external links as numbered footnotes, deduplicated by URL, numbered in order of
 * first appearance across the whole digest.
 *
 * @example
 * const f = new Footnotes();
 * [f.number('https://a.example/', 'A'), f.number('https://b.example/', 'B'), f.number('https://a.example/', 'again')] // → [1, 2, 1]
 * // f.list → [{ n: 1, url: 'https://a.example/', text: 'A' }, { n: 2, url: 'https://b.example/', text: 'B' }]
 */
export class Footnotes {
  readonly list: Footnote[] = [];
  private readonly byUrl = new Map<string, Footnote>();

  /** The footnote number of `url`, registering it on first use. */
  number(url: string, text: string): number {
    let f = this.byUrl.get(url);
    if (!f) {
      f = { n: this.list.length + 1, url, text: text.replace(/\s+/g, ' ').trim() || url };
      this.byUrl.set(url, f);
      this.list.push(f);
    }
    return f.n;
  }
}
