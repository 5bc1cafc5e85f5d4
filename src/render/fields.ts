import type { Digest, DigestItem } from '../digest/schema.js';
import type { MarkdownEnv } from './markdown/env.js';
import { renderInlineMarkdown, renderMarkdown, type RenderedMarkdown } from './markdown/engine.js';
import type { MarkdownContainer } from '../theme/roles.js';
import { Footnotes } from '../wechat/footnotes.js';
import type { LinkMode } from '../wechat/writers.js';

/** The rendered Markdown fields of one item. */
export interface RenderedItem {
  points: RenderedMarkdown[];
  oneLiner?: RenderedMarkdown;
  abstract?: RenderedMarkdown;
  body?: RenderedMarkdown;
  credit?: RenderedMarkdown;
}

/** Every Markdown field of a digest, rendered, with the footnotes they produced. */
export interface RenderedFields {
  intro?: RenderedMarkdown;
  sectionIntros: (RenderedMarkdown | undefined)[];
  items: RenderedItem[][];
  footerText?: RenderedMarkdown;
  footnotes: Footnotes;
  images: number;
}

/**
 * Renders the Markdown fields in document order, so footnotes are numbered as a reader meets them.
 * Inline fields (points, one-liner, credit) are styled as the item's body.
 */
export function renderFields(digest: Digest, styles: Record<string, string>, links: LinkMode): RenderedFields {
  const footnotes = new Footnotes();
  const counts = { images: 0 };
  const env = (container: MarkdownContainer): MarkdownEnv => ({ styles, container, footnotes, links, counts, lists: [] });
  const block = (src: string | undefined, container: MarkdownContainer) => (src === undefined ? undefined : renderMarkdown(src, env(container)));
  const inline = (src: string | undefined) => (src === undefined ? undefined : renderInlineMarkdown(src, env('body')));

  const intro = block(digest.intro, 'intro');
  const sectionIntros: (RenderedMarkdown | undefined)[] = [];
  const items: RenderedItem[][] = [];
  for (const section of digest.sections) {
    sectionIntros.push(block(section.intro, 'section-intro'));
    items.push(
      (section.items ?? []).map((item: DigestItem) => ({
        points: (item.points ?? []).map((p) => inline(typeof p === 'string' ? p : p.text)!),
        oneLiner: inline(item.oneLiner),
        abstract: block(item.abstract, 'abstract'),
        body: block(item.body, 'body'),
        credit: inline(item.credit),
      })),
    );
  }
  const footerText = block(digest.footer?.text, 'footer-text');
  return { intro, sectionIntros, items, footerText, footnotes, images: counts.images };
}
