import { escapeHtml } from '../core/escape.js';
import type { LocaleStrings } from '../digest/locale.js';
import type { RenderedMarkdown } from './markdown/engine.js';
import { titleWithMath } from './math/title.js';
import type { Digest, DigestImage, DigestItem } from '../digest/schema.js';
import type { RenderedFields, RenderedItem } from './fields.js';
import { referenceLine } from '../wechat/footnotes.js';

/**
 * Writes the HTML fragment and its plain text side by side. The HTML is kept as a list of
 * pieces and the text's last piece is remembered: looking back into one long string would
 * copy it on every call, and rendering would grow with the square of the digest's size.
 */
class Out {
  private readonly parts: string[] = [];
  text = '';
  private lastText = '';
  images = 0;
  constructor(private readonly styles: Record<string, string>) {}

  /** The HTML written so far. */
  get html(): string {
    return this.parts.join('');
  }
  private write(html: string): void {
    this.parts.push(html);
  }
  private addText(text: string): void {
    if (!text) return;
    this.text += text;
    this.lastText = text;
  }

  /** Opens `<tag>` styled as `role` (extra declarations appended). */
  open(tag: string, role: string, extra = ''): this {
    const base = this.styles[role] ?? '';
    const style = base && extra ? `${base};${extra}` : base || extra;
    this.write(style ? `<${tag} style="${style}">` : `<${tag}>`);
    return this;
  }
  close(tag: string): this {
    this.write(`</${tag}>`);
    return this;
  }
  /** Plain text, escaped into the HTML. */
  t(text: string): this {
    this.write(escapeHtml(text));
    this.addText(text);
    return this;
  }
  /** Formulas written as text in titles, counted with the text tier. */
  formulas = 0;
  /** Plain text whose TeX (`$…$`) is written as text (titles, translated titles). */
  tex(text: string): this {
    if (!text.includes('$') && !text.includes('\\')) return this.t(text);
    const w = titleWithMath(text);
    this.write(w.html);
    this.addText(w.text);
    this.formulas += w.formulas;
    return this;
  }
  private lastSpan = { end: -1, style: '' };
  /**
   * A styled span, or plain text when the theme leaves the role unstyled. A span right after
   * one of the same style extends it (`1、[LG]` in one span when number and tag look alike).
   */
  span(role: string, text: string, plain = text): this {
    const style = this.styles[role];
    if (!style) return this.t(plain);
    if (this.lastSpan.end === this.parts.length && this.lastSpan.style === style) this.parts.pop();
    else this.open('span', role);
    this.write(escapeHtml(text));
    this.addText(plain);
    this.close('span');
    this.lastSpan = { end: this.parts.length, style };
    return this;
  }
  /**
   * A number or tag, drawn as a badge without its punctuation (`1`, `LG`) when the theme gives
   * `role` a background, else as written (`1、`, `[LG]`). The plain text keeps the punctuation.
   */
  mark(role: string, bare: string, written: string): this {
    return this.span(role, /(^|;)background/.test(this.styles[role] ?? '') ? bare : written, written);
  }
  /** True when the theme styles `role`. */
  styled(role: string): boolean {
    return Boolean(this.styles[role]);
  }
  /** A grouping container, emitted only when the theme styles it. */
  group(tag: string, role: string, body: () => void): this {
    const wrap = this.styled(role);
    if (wrap) this.open(tag, role);
    body();
    if (wrap) this.close(tag).nl();
    return this;
  }
  /**
   * Rows of a list-like block: each row its own `<section>` when the theme styles `role`,
   * otherwise lines of one block separated by `<br>` (shorter: WeChat counts every character).
   */
  rows<T>(role: string, list: readonly T[], row: (item: T, i: number) => void, leadingBreak = false): this {
    const blocks = this.styled(role);
    list.forEach((item, i) => {
      if (blocks) this.open('section', role);
      else if (i > 0 || leadingBreak) this.br();
      row(item, i);
      if (blocks) this.close('section');
    });
    return this.nl();
  }
  br(): this {
    this.write('<br>');
    this.nl();
    return this;
  }
  /** Ends a line of the plain text. */
  nl(): this {
    if (this.lastText && !this.lastText.endsWith('\n')) this.addText('\n');
    return this;
  }
  /** A block element holding plain text. */
  block(tag: string, role: string, text: string): this {
    return this.open(tag, role).t(text).close(tag).nl();
  }
  /** Rendered Markdown inside a container. */
  md(tag: string, role: string, r: RenderedMarkdown): this {
    this.open(tag, role);
    this.write(r.html);
    this.nl();
    this.addText(r.text);
    return this.close(tag).nl();
  }
  /** Rendered inline Markdown. */
  inline(r: RenderedMarkdown): this {
    this.write(r.html);
    this.addText(r.text);
    return this;
  }
  img(role: string, image: { src: string; alt?: string; width?: number; height?: number }): this {
    const size = image.width ? `width:${image.width}px` : image.height ? `height:${image.height}px` : '';
    this.open('img', role, size);
    const tag = this.parts.pop()!;
    this.write(`${tag.slice(0, -1)} src="${escapeHtml(image.src)}"${image.alt ? ` alt="${escapeHtml(image.alt)}"` : ''}>`);
    this.images++;
    return this;
  }
}

/** What the templates need besides the digest. */
export interface TemplateContext {
  styles: Record<string, string>;
  strings: LocaleStrings;
  labels: LocaleStrings['labels'];
  numbering: 'restart' | 'continue';
  fields: RenderedFields;
}

/** The number shown before each item, or undefined for unnumbered items. */
export function itemNumbers(digest: Digest, numbering: 'restart' | 'continue'): (number | undefined)[][] {
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

/** The headline summary built from the items: translated titles, else titles. */
export function autoSummary(digest: Digest, strings: LocaleStrings): string {
  return digest.sections
    .flatMap((s) => s.items ?? [])
    .map((i) => i.translatedTitle ?? i.title)
    .filter((t): t is string => t !== undefined)
    .join(strings.listSeparator);
}

/**
 * The article: header, table of contents, summary, sections, references, footer, in the
 * reading order of the reference post. Returns the HTML fragment and its plain text.
 */
export function renderArticle(digest: Digest, ctx: TemplateContext): { html: string; text: string; images: number; formulas: number } {
  const out = new Out(ctx.styles);
  const numbers = itemNumbers(digest, ctx.numbering);
  out.open('section', 'root');
  if (ctx.styles['root-box']) out.open('section', 'root-box');
  header(out, digest, ctx);
  if (ctx.fields.intro) out.md('section', 'intro', ctx.fields.intro);
  const titled = digest.sections.flatMap((s) => s.items ?? []).filter((i) => i.title ?? i.translatedTitle).length;
  if (digest.toc ?? titled >= 2) toc(out, digest, ctx, numbers);
  summary(out, digest, ctx);
  digest.sections.forEach((section, s) =>
    out.group('section', 'section', () => {
      if (section.title !== undefined) out.block('h2', 'section-title', section.title);
      const intro = ctx.fields.sectionIntros[s];
      if (intro) out.md('section', 'section-intro', intro);
      (section.items ?? []).forEach((item, i) => renderItem(out, item, ctx.fields.items[s][i], numbers[s][i], ctx));
    }),
  );
  references(out, ctx);
  footer(out, digest, ctx);
  if (ctx.styles['root-box']) out.close('section');
  out.close('section');
  return { html: out.html, text: out.text.replace(/\n+$/, ''), images: out.images, formulas: out.formulas };
}

function header(out: Out, digest: Digest, ctx: TemplateContext): void {
  if (digest.cover) out.img('cover', digest.cover).nl();
  out.group('section', 'header', () => {
    out.block('h1', 'title', digest.title);
    if (digest.subtitle) out.block('section', 'subtitle', digest.subtitle);
    const meta = [digest.date, digest.account?.name, digest.author].filter(Boolean) as string[];
    if (meta.length) out.block('section', 'meta', meta.join(ctx.strings.metaSeparator));
    const legend = categoryLegend(digest);
    if (legend) out.block('section', 'legend', legend);
  });
}

/** "LG – 机器学习 CV – 计算机视觉": the categories the items use, in order of first use. */
function categoryLegend(digest: Digest): string {
  if (!digest.categories) return '';
  const used = [...new Set(digest.sections.flatMap((s) => s.items ?? []).map((i) => i.tag))].filter(
    // Own keys only: a tag such as "constructor" must not find Object.prototype's.
    (t): t is string => t !== undefined && Object.hasOwn(digest.categories!, t),
  );
  return used.map((t) => `${t} – ${digest.categories![t]}`).join(' ');
}

function toc(out: Out, digest: Digest, ctx: TemplateContext, numbers: (number | undefined)[][]): void {
  const entries = digest.sections.flatMap((section, s) =>
    (section.items ?? []).flatMap((item, i) => {
      const title = item.title ?? item.translatedTitle;
      return title === undefined ? [] : [{ title, tag: item.tag, number: numbers[s][i] }];
    }),
  );
  out.open('section', 'toc');
  out.open('b', 'toc-title').t(ctx.labels.toc).close('b');
  out.rows('toc-row', entries, (e) => {
    if (e.number !== undefined) out.mark('toc-number', `${e.number}`, `${e.number}${ctx.strings.numberSuffix}`);
    if (e.tag) out.mark('toc-tag', e.tag, `[${e.tag}]`).t(' ');
    out.tex(e.title);
  }, true);
  out.close('section').nl();
}

function summary(out: Out, digest: Digest, ctx: TemplateContext): void {
  if (digest.summary === false) return;
  const text = digest.summary ?? autoSummary(digest, ctx.strings);
  if (!text) return;
  out.open('section', 'summary');
  out.open('b', 'summary-label').t(`${ctx.labels.summary}${ctx.strings.colon}`).close('b');
  out.tex(text).close('section').nl();
}

function renderItem(out: Out, item: DigestItem, fields: RenderedItem, number: number | undefined, ctx: TemplateContext): void {
  const { strings, labels } = ctx;
  out.group('section', 'item', () => {
    const heading = item.title ?? item.translatedTitle;
    if (heading !== undefined || number !== undefined || item.tag) {
      out.open('h3', 'item-title');
      if (number !== undefined) out.mark('number', `${number}`, `${number}${strings.numberSuffix}`);
      if (item.tag) out.mark('tag', item.tag, `[${item.tag}]`).t(heading === undefined ? '' : ' ');
      if (heading !== undefined) out.tex(heading);
      out.close('h3').nl();
    }
    const affiliations = item.affiliations?.length
      ? `${strings.affiliationOpen}${item.affiliations.join(strings.affiliationSeparator)}${strings.affiliationClose}`
      : undefined;
    if (item.authors?.length || affiliations) {
      out.open('section', 'authors');
      if (item.authors?.length) out.t(item.authors.join(strings.nameSeparator));
      if (affiliations) {
        if (item.authors?.length) out.br();
        out.span('affiliations', affiliations);
      }
      out.close('section').nl();
    }
    if (item.title !== undefined && item.translatedTitle !== undefined) out.open('section', 'translated-title').tex(item.translatedTitle).close('section').nl();
    if (fields.points.length) {
      out.open('section', 'points');
      out.open('b', 'points-label').t(`${labels.points}${strings.colon}`).close('b');
      out.rows('point', fields.points, (point, i) => {
        out.span('point-marker', `${i + 1}.`).t(' ');
        const p = item.points![i];
        if (typeof p !== 'string') out.open('b', 'point-label').t(p.label).close('b').t(strings.colon);
        out.inline(point);
      }, true);
      out.close('section').nl();
    }
    if (fields.oneLiner) {
      out.open('section', 'one-liner');
      out.open('b', 'one-liner-label').t(`${labels.oneLiner}${strings.colon}`).close('b').br();
      out.inline(fields.oneLiner).close('section').nl();
    }
    if (fields.abstract) out.md('section', 'abstract', fields.abstract);
    if (fields.body) out.md('section', 'body', fields.body);
    for (const image of item.images ?? []) figure(out, image);
    const links = [...(item.url ? [{ label: '', url: item.url }] : []), ...(item.links ?? [])];
    if (links.length) {
      out.open('section', 'link');
      links.forEach((link, i) => {
        if (i > 0) out.br();
        if (link.label) out.span('link-label', `${link.label}${strings.colon}`);
        out.t(link.url);
      });
      out.close('section').nl();
    }
    if (fields.credit) out.open('section', 'credit').inline(fields.credit).close('section').nl();
  });
}

function figure(out: Out, image: DigestImage): void {
  out.open('section', 'figure').img('image', image).nl();
  if (image.caption) out.block('section', 'caption', image.caption);
  out.close('section').nl();
}

function references(out: Out, ctx: TemplateContext): void {
  const list = ctx.fields.footnotes.list;
  if (!list.length) return;
  out.open('section', 'references');
  out.open('b', 'references-title').t(ctx.labels.references).close('b');
  out.rows('reference', list, (f) => out.t(referenceLine(f, ctx.strings.colon)), true);
  out.close('section').nl();
}

function footer(out: Out, digest: Digest, ctx: TemplateContext): void {
  const { labels, strings } = ctx;
  const f = digest.footer ?? {};
  const endMark = f.endMark === false ? undefined : (f.endMark ?? labels.endMark);
  const qrSrc = f.qrCode?.src ?? digest.account?.qrCode;
  const account = digest.account ?? {};
  const comments = f.comments === false ? undefined : (f.comments ?? labels.comments);
  if (!endMark && !qrSrc && !account.id && !comments && !ctx.fields.footerText) return;
  out.open('section', 'footer');
  if (endMark) out.block('section', 'end-mark', endMark);
  if (qrSrc || account.id) {
    out.open('section', 'qr');
    if (qrSrc) out.img('qr-image', { src: qrSrc, alt: f.qrCode?.alt ?? account.name ?? labels.scanToFollow }).nl();
    const caption = f.qrCode?.caption ?? (account.name ? `${labels.scanToFollow} ${account.name}` : labels.scanToFollow);
    out.block('section', 'qr-caption', caption);
    if (account.id) out.block('section', 'qr-id', `${labels.accountId}${strings.colon}${account.id}`);
    if (account.slogan) out.block('section', 'qr-caption', account.slogan);
    out.close('section').nl();
  }
  if (comments) out.block('section', 'comments', comments);
  if (ctx.fields.footerText) out.md('section', 'footer-text', ctx.fields.footerText);
  out.close('section').nl();
}
