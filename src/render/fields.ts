import { DigestError, problemsError, type DigestProblem } from '../core/errors.js';
import type { Digest, DigestItem } from '../digest/schema.js';
import type { LocaleStrings } from '../digest/locale.js';
import type { MarkdownEnv, RawHtmlMode } from './markdown/env.js';
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
  /** The caption of each image, by index (undefined where an image has none). */
  captions: (RenderedMarkdown | undefined)[];
  /** The label of each of `links`, by index. */
  linkLabels: RenderedMarkdown[];
  credit?: RenderedMarkdown;
}

/** Every Markdown field of a digest, rendered, with the footnotes they produced. */
export interface RenderedFields {
  subtitle?: RenderedMarkdown;
  intro?: RenderedMarkdown;
  sectionIntros: (RenderedMarkdown | undefined)[];
  items: RenderedItem[][];
  /** The QR block's caption when the digest gives one. */
  qrCaption?: RenderedMarkdown;
  slogan?: RenderedMarkdown;
  /** The comment line: the digest's, else the locale's, unless hidden. */
  comments?: RenderedMarkdown;
  footerText?: RenderedMarkdown;
  footnotes: Footnotes;
  images: number;
  /** What rendering found (an unknown code language), each naming its field. */
  findings: Finding[];
  /** Formulas per tier, and findings for TeX that could not be read. */
  math: MathRecord;
}

/** How the Markdown fields are rendered. */
export interface FieldOptions {
  links: LinkMode;
  locale: 'zh' | 'en';
  rawHtml: RawHtmlMode;
  labels: LocaleStrings['labels'];
  code: CodeBlockOptions;
}

const EMPTY: RenderedMarkdown = { html: '', text: '' };

/**
 * Renders the Markdown fields in document order, so footnotes are numbered as a reader meets them.
 * Inline fields (points, one-liner, captions, link labels, credit) are styled as the item's body.
 * The footer's fields come after the references block, so their links are written with the URL
 * after the text (`links: 'inline'`) rather than as footnotes no reference would follow.
 */
export function renderFields(digest: Digest, styles: Record<string, string>, options: FieldOptions): RenderedFields {
  const footnotes = new Footnotes();
  const counts = { images: 0 };
  const math = newMathRecord();
  const findings: Finding[] = [];
  const { locale, rawHtml, code } = options;
  const env = (container: MarkdownContainer, path: string, links = options.links): MarkdownEnv =>
    ({ styles, container, footnotes, links, locale, rawHtml, counts, lists: [], code, path, findings, math });
  // A field that renders to nothing (only a comment or a script, say) leaves no empty block behind.
  const some = (r: RenderedMarkdown) => (r.html ? r : undefined);
  // A field that cannot be rendered (nested too deep) is reported with every other such field.
  const problems: DigestProblem[] = [];
  const guarded = (render: () => RenderedMarkdown): RenderedMarkdown | undefined => {
    try {
      return some(render());
    } catch (error) {
      if (!(error instanceof DigestError) || error.code !== 'E_INVALID_DIGEST' || !error.problems.length) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const block = (src: string | undefined, container: MarkdownContainer, path: string, links?: LinkMode) =>
    (src === undefined ? undefined : guarded(() => renderMarkdown(src, env(container, path, links))));
  const inline = (src: string | undefined, path: string, links?: LinkMode) =>
    (src === undefined || src === '' ? undefined : guarded(() => renderInlineMarkdown(src, env('body', path, links))));
  const footerLinks: LinkMode = options.links === 'footnotes' ? 'inline' : options.links;

  const subtitle = inline(digest.subtitle, 'subtitle');
  const intro = block(digest.intro, 'intro', 'intro');
  const sectionIntros: (RenderedMarkdown | undefined)[] = [];
  const items: RenderedItem[][] = [];
  digest.sections.forEach((section, s) => {
    sectionIntros.push(block(section.intro, 'section-intro', `sections[${s}].intro`));
    items.push(
      (section.items ?? []).map((item: DigestItem, i) => {
        const at = `sections[${s}].items[${i}]`;
        return {
          points: (item.points ?? []).map((p, n) => inline(typeof p === 'string' ? p : p.text, `${at}.points[${n}]`) ?? EMPTY),
          oneLiner: inline(item.oneLiner, `${at}.oneLiner`),
          abstract: block(item.abstract, 'abstract', `${at}.abstract`),
          body: block(item.body, 'body', `${at}.body`),
          captions: (item.images ?? []).map((image, n) => inline(image.caption, `${at}.images[${n}].caption`)),
          linkLabels: (item.links ?? []).map((l, n) => inline(l.label, `${at}.links[${n}].label`) ?? EMPTY),
          credit: inline(item.credit, `${at}.credit`),
        };
      }),
    );
  });
  const f = digest.footer ?? {};
  const qrCaption = inline(f.qrCode?.caption, 'footer.qrCode.caption', footerLinks);
  const slogan = inline(digest.account?.slogan, 'account.slogan', footerLinks);
  const comments = f.comments === false ? undefined : inline(f.comments ?? options.labels.comments, 'footer.comments', footerLinks);
  const footerText = block(f.text, 'footer-text', 'footer.text', footerLinks);
  if (problems.length) throw problemsError('E_INVALID_DIGEST', 'Invalid digest:', problems);
  return { subtitle, intro, sectionIntros, items, qrCaption, slogan, comments, footerText, footnotes, images: counts.images, findings, math };
}
