import { escapeHtml } from '../../core/escape.js';
import type { RenderedMarkdown } from '../markdown/engine.js';
import { titleWithMath } from '../math/title.js';

/**
 * Writes the HTML fragment and its plain text side by side. The HTML is kept as a list of
 * pieces and the text's last piece is remembered: looking back into one long string would
 * copy it on every call, and rendering would grow with the square of the digest's size.
 */
export class ArticleWriter {
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
