/** One reference of the references block. */
export interface Footnote {
  n: number;
  url: string;
  /** The link text where it first appeared. */
  text: string;
}

/**
 * Collects external links as numbered footnotes, deduplicated by URL, numbered in order of
 * first appearance across the whole digest.
 */
export class Footnotes {
  readonly list: Footnote[] = [];
  private readonly byUrl = new Map<string, Footnote>();

  /** The footnote number of `url`, registering it on first use. */
  number(url: string, text: string): number {
    let f = this.byUrl.get(url);
    if (!f) {
      f = { n: this.list.length + 1, url, text: text.trim() || url };
      this.byUrl.set(url, f);
      this.list.push(f);
    }
    return f.n;
  }
}
