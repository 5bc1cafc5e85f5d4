import { escapeHtml } from '../../core/escape.js';
import type { RenderedMarkdown } from '../markdown/engine.js';
import { titleWithMath } from '../math/title.js';
import type { TemplateRole } from '../../theme/roles.js';
import { isBlockTag } from '../../wechat/policy.js';
import { holdsBlocks, paragraphStyle, runTags, sharedBlock, sharesBlock } from './block-style.js';

/**
 * Writes the HTML fragment and its plain text side by side. The HTML is kept as a list of
 * pieces and the text's last piece is remembered: looking back into one long string would
 * copy it on every call, and rendering would grow with the square of the digest's size.
 */
/** An element the writer has opened and not yet closed. */
interface OpenBlock {
  tag: string;
  style: string;
  /** Where its opening tag is in `parts`. */
  at: number;
  /** It holds a block (a nested block, or rendered Markdown with paragraphs): no `<p>`, no following lines. */
  blocks: boolean;
  /** The closing tag of the run its last lines are styled with, when it is shared by blocks styled apart. */
  run?: string;
}

export class ArticleWriter {
  private readonly parts: string[] = [];
  private readonly stack: OpenBlock[] = [];
  /** The block closed last and where its closing tag ended, to continue it with the next alike block. */
  private lastClosed: { block: OpenBlock; end: number } | undefined;
  text = '';
  private lastText = '';
  images = 0;
  constructor(private readonly styles: Record<string, string>) {}

  /** The HTML written so far. */
  get html(): string {
    return this.parts.join('');
  }
  /** Where the writer is: give it to `since` for what was written from here on. */
  get position(): number {
    return this.parts.length;
  }
  /** The HTML written from `position` on (as it stands now: a later block may still continue it). */
  since(position: number): string {
    return this.parts.slice(position).join('');
  }
  /** Characters of the HTML written between two positions (counted, not joined). */
  lengthBetween(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) n += this.parts[i].length;
    return n;
  }
  /** Characters of the formulas written in titles, and of text among them. */
  mathCharacters = 0;
  mathText = 0;
  private write(html: string): void {
    this.parts.push(html);
  }
  private addText(text: string): void {
    if (!text) return;
    this.text += text;
    this.lastText = text;
  }

  /**
   * Opens `<tag>` styled as `role` (extra declarations appended). A `<section>` opened right after
   * a `<section>` styled alike, with only line and margin declarations (`sharesBlock`) and only
   * lines of text in it, continues that block on a new line instead: WeChat counts every
   * character, and the two read the same. Two with the same margins whose text looks different
   * (`sharedBlock`) share one too, each one's text a run of its own style.
   */
  open(tag: string, role: TemplateRole, extra = ''): this {
    const base = this.styles[role] ?? '';
    const style = base && extra ? `${base};${extra}` : base || extra;
    const parent = this.stack.at(-1);
    if (parent && isBlockTag(tag)) parent.blocks = true;
    const last = this.lastClosed;
    if (tag === 'section' && last && last.end === this.parts.length && last.block.tag === 'section' && !last.block.blocks) {
      if (style && last.block.style === style && sharesBlock(style)) {
        this.parts[this.parts.length - 1] = '<br>';
        this.lastClosed = undefined;
        this.stack.push({ ...last.block, run: undefined });
        return this;
      }
      // Alike but for how their text looks: one block, each one's text in a run of its own style.
      const shared = sharedBlock(last.block.style, style);
      if (shared?.block) {
        const [firstOpen, firstClose] = runTags(shared.first);
        const [open, close] = runTags(shared.second);
        const head = this.parts[last.block.at];
        this.parts[last.block.at] = `<section${shared.block ? ` style="${shared.block}"` : ''}>${head.slice(head.indexOf('>') + 1)}${firstOpen}`;
        this.parts[this.parts.length - 1] = `${firstClose}<br>${open}`;
        this.lastClosed = undefined;
        this.stack.push({ ...last.block, style: shared.block, run: close });
        return this;
      }
    }
    this.stack.push({ tag, style, at: this.parts.length, blocks: false });
    this.write(style ? `<${tag} style="${style}">` : `<${tag}>`);
    return this;
  }
  /**
   * Closes the element opened last. A `<section>` holding only lines of text whose style sets its
   * margins is written as `<p>`, 12 characters shorter.
   */
  close(tag: string): this {
    const block = this.stack.pop();
    if (block?.run) this.write(block.run);
    let name = tag;
    if (block?.tag === 'section') {
      // A block continued by an alike one may hold blocks by now: it is a <section> again.
      const paragraph = !block.blocks && paragraphStyle(block.style);
      this.parts[block.at] = this.parts[block.at].replace(/^<(section|p)\b/, paragraph ? '<p' : '<section');
      if (paragraph) name = 'p';
    }
    this.write(`</${name}>`);
    if (block) this.lastClosed = { block, end: this.parts.length };
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
    this.mathCharacters += w.mathCharacters;
    this.mathText += w.mathText;
    return this;
  }
  private lastSpan = { end: -1, style: '' };
  /**
   * A styled span, or plain text when the theme leaves the role unstyled. A span right after
   * one of the same style extends it (`1、[LG]` in one span when number and tag look alike).
   */
  span(role: TemplateRole, text: string, plain = text): this {
    const style = this.styles[role];
    if (!style) return this.t(plain);
    // A bold run is a <b> (its other declarations as its style): 9 characters shorter.
    const [open, close] = runTags(style);
    if (this.lastSpan.end === this.parts.length && this.lastSpan.style === style && this.lastClosed) {
      this.parts.pop();
      this.stack.push(this.lastClosed.block);
    } else {
      this.stack.push({ tag: 'span', style, at: this.parts.length, blocks: false });
      this.write(open);
    }
    this.write(escapeHtml(text));
    this.addText(plain);
    const block = this.stack.pop()!;
    this.write(close);
    this.lastClosed = { block, end: this.parts.length };
    this.lastSpan = { end: this.parts.length, style };
    return this;
  }
  /**
   * A number or tag, drawn as a badge without its punctuation (`1`, `LG`) when the theme gives
   * `role` a background, else as written (`1、`, `[LG]`). The plain text keeps the punctuation.
   */
  mark(role: TemplateRole, bare: string, written: string): this {
    return this.span(role, /(^|;)background/.test(this.styles[role] ?? '') ? bare : written, written);
  }
  /** True when the theme styles `role`. */
  styled(role: TemplateRole): boolean {
    return Boolean(this.styles[role]);
  }
  /** A grouping container, emitted only when the theme styles it. */
  group(tag: string, role: TemplateRole, body: () => void): this {
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
  rows<T>(role: TemplateRole, list: readonly T[], row: (item: T, i: number) => void, leadingBreak = false): this {
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
  block(tag: string, role: TemplateRole, text: string): this {
    return this.open(tag, role).t(text).close(tag).nl();
  }
  /** Rendered Markdown inside a container. */
  md(tag: string, role: TemplateRole, r: RenderedMarkdown): this {
    this.open(tag, role);
    if (holdsBlocks(r.html)) this.stack.at(-1)!.blocks = true;
    this.write(r.html);
    this.nl();
    this.addText(r.text);
    return this.close(tag).nl();
  }
  /** Rendered inline Markdown. */
  inline(r: RenderedMarkdown): this {
    if (holdsBlocks(r.html) && this.stack.length) this.stack.at(-1)!.blocks = true;
    this.write(r.html);
    this.addText(r.text);
    return this;
  }
  img(role: TemplateRole, image: { src: string; alt?: string; width?: number; height?: number }): this {
    const size = image.width ? `width:${image.width}px` : image.height ? `height:${image.height}px` : '';
    this.open('img', role, size);
    this.stack.pop();
    const tag = this.parts.pop()!;
    this.write(`${tag.slice(0, -1)} src="${escapeHtml(image.src)}"${image.alt ? ` alt="${escapeHtml(image.alt)}"` : ''}>`);
    this.images++;
    return this;
  }
}
