import type { Digest, DigestItem } from '../digest/schema.js';
import type { MarkdownEnv } from './markdown/env.js';
import { renderInlineMarkdown, renderMarkdown, type RenderedMarkdown } from './markdown/engine.js';
import { newMathRecord, type MathRecord } from './markdown/math.js';
import type { MarkdownContainer } from '../theme/roles.js';
import { Footnotes } from '../wechat/footnotes.js';
import type { Finding } from '../wechat/findings.js';
import type { LinkMode } from '../wechat/writers.js';
import type { CodeBlockOptions } from './markdown/highlight/block.js';

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
  /** What rendering found (an unknown code language), each naming its field. */
  findings: Finding[];
  /** Formulas per tier, and findings for TeX that could not be read. */
  math: MathRecord;
}

/**
 * Renders the Markdown fields in document order, so footnotes are numbered as a reader meets them.
 * Inline fields (points, one-liner, credit) are styled as the item's body.
 */
export function renderFields(digest: Digest, styles: Record<string, string>, links: LinkMode, code: CodeBlockOptions): RenderedFields {
  const footnotes = new Footnotes();
  const counts = { images: 0 };
  const math = newMathRecord();
  const findings: Finding[] = [];
  const env = (container: MarkdownContainer, path: string): MarkdownEnv => ({ styles, container, footnotes, links, counts, lists: [], code, path, findings, math });
  const block = (src: string | undefined, container: MarkdownContainer, path: string) => (src === undefined ? undefined : renderMarkdown(src, env(container, path)));
  const inline = (src: string | undefined, path: string) => (src === undefined ? undefined : renderInlineMarkdown(src, env('body', path)));

  const intro = block(digest.intro, 'intro', 'intro');
  const sectionIntros: (RenderedMarkdown | undefined)[] = [];
  const items: RenderedItem[][] = [];
  digest.sections.forEach((section, s) => {
    sectionIntros.push(block(section.intro, 'section-intro', `sections[${s}].intro`));
    items.push(
      (section.items ?? []).map((item: DigestItem, i) => {
        const at = `sections[${s}].items[${i}]`;
        return {
          points: (item.points ?? []).map((p, n) => inline(typeof p === 'string' ? p : p.text, `${at}.points[${n}]`)!),
          oneLiner: inline(item.oneLiner, `${at}.oneLiner`),
          abstract: block(item.abstract, 'abstract', `${at}.abstract`),
          body: block(item.body, 'body', `${at}.body`),
          credit: inline(item.credit, `${at}.credit`),
        };
      }),
    );
  });
  const footerText = block(digest.footer?.text, 'footer-text', 'footer.text');
  return { intro, sectionIntros, items, footerText, footnotes, images: counts.images, findings, math };
}
