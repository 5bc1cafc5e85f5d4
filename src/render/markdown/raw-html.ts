import type { StateCore, Token } from 'markdown-it';
import { Parser } from 'htmlparser2';
import { escapeHtml } from '../../core/escape.js';
import { WECHAT_POLICY, cssViolation } from '../../wechat/policy.js';
import { parseStyle, serializeStyle } from '../../wechat/style.js';
import { mdRule, type MarkdownEnv } from './env.js';
import { FOOTNOTE_MARKER_STYLE } from '../../wechat/writers.js';
import type { MarkdownTransform } from './plugin.js';

/**
 * Raw HTML in Markdown fields, sanitised through the WeChat policy: tags the policy keeps (or
 * renames) become the Markdown tokens that mean the same (`<b>` strong, `<a>` a link, `<ul>` a
 * list, `<br>` a hard break), so the theme styles them and the links, lists and images rules
 * apply; tags it drops with their content (`script`, `style`, `iframe`…) go with it; any other
 * tag goes and its text stays. Nothing reaches the article as a literal tag or as active content.
 */

type Mapping =
  | { kind: 'token'; open: string; close: string; tag: string; markup?: string }
  | { kind: 'plain'; tag: string }
  | { kind: 'span'; style?: string }
  | { kind: 'link' }
  | { kind: 'unwrap' };

/** Inline tags as the Markdown tokens that mean the same. */
const INLINE_TOKENS: Record<string, Mapping> = {
  strong: { kind: 'token', open: 'strong_open', close: 'strong_close', tag: 'strong', markup: '**' },
  b: { kind: 'token', open: 'strong_open', close: 'strong_close', tag: 'strong', markup: '**' },
  em: { kind: 'token', open: 'em_open', close: 'em_close', tag: 'em', markup: '*' },
  i: { kind: 'token', open: 'em_open', close: 'em_close', tag: 'em', markup: '*' },
  del: { kind: 'token', open: 's_open', close: 's_close', tag: 's', markup: '~~' },
  u: { kind: 'plain', tag: 'u' },
  sup: { kind: 'plain', tag: 'sup' },
  sub: { kind: 'plain', tag: 'sub' },
  code: { kind: 'plain', tag: 'code' },
  span: { kind: 'span' },
  font: { kind: 'span' },
  small: { kind: 'span', style: 'font-size:.85em' },
  a: { kind: 'link' },
};

/** What an inline tag becomes: the policy's renames first (`ins` → `u`, `kbd` → `code`, `mark` → `strong`). */
function inlineMapping(name: string): Mapping {
  const target = WECHAT_POLICY.renamed[name] ?? name;
  return INLINE_TOKENS[target] ?? { kind: 'unwrap' };
}

const DROPPED = new Set<string>(WECHAT_POLICY.droppedWithContent);
const VOID = new Set(['br', 'img', 'hr', 'wbr', 'input', 'meta', 'link', 'source', 'track', 'area', 'base', 'col', 'embed', 'param']);

/** A parsed tag: its name, attributes, and whether it closes or closes itself. */
interface Tag {
  name: string;
  attrs: Record<string, string>;
  closing: boolean;
  selfClosing: boolean;
}

/**
 * Reads one tag as markdown-it's `html_inline` holds it. Comments, processing instructions and
 * declarations give undefined (they are dropped).
 *
 * @example
 * readTag('<font color="#c00">').attrs // → { color: '#c00' }
 * readTag('</U >').closing // → true
 * readTag('<!-- note -->') // → undefined
 */
export function readTag(source: string): Tag | undefined {
  const close = /^<\/([A-Za-z][A-Za-z0-9-]*)\s*>$/.exec(source);
  if (close) return { name: close[1].toLowerCase(), attrs: {}, closing: true, selfClosing: false };
  if (!/^<[A-Za-z]/.test(source)) return undefined;
  let tag: Tag | undefined;
  const parser = new Parser(
    { onopentag: (name, attrs) => { tag ??= { name, attrs, closing: false, selfClosing: /\/\s*>$/.test(source) }; } },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(source);
  return tag;
}

/** What a `<span style>` or `<font color>` in raw HTML may set: colour and emphasis, nothing that moves or sizes. */
const SPAN_PROPERTIES = new Set(['color', 'background-color', 'font-weight', 'font-style', 'text-decoration', 'text-decoration-line']);

/** A value made of words, numbers, `#`, `%`, commas and plain parentheses: no quotes, comments, escapes or `;`. */
const PLAIN_VALUE = /^[#\w\s.,%()-]+$/;

/**
 * A `style` from raw HTML cut down to colour and emphasis declarations with plain values that
 * the policy keeps, or '' when none is left.
 *
 * @example
 * safeStyle('color:#c00;position:fixed;background:url(x)') // → 'color:#c00'
 * // a quote inside a comment opens no string, as in a browser:
 * safeStyle("color:red/*'*" + "/;position:fixed") // → 'color:red'
 */
export function safeStyle(style: string): string {
  return serializeStyle(
    parseStyle(style).filter((d) => SPAN_PROPERTIES.has(d.prop) && PLAIN_VALUE.test(d.value) && !cssViolation(d.prop, d.value)),
  );
}

/** Whether an `href` or `src` may be used, by the same rule as Markdown's own links. */
type LinkCheck = (url: string) => boolean;

/** Builds the inline tokens for a run of inline HTML, balancing tags and dropping what must go. */
class InlineBuilder {
  readonly out: Token[] = [];
  private readonly open: { name: string; close: Token }[] = [];
  /** The name of the tag whose content is being dropped, with its depth. */
  private dropping?: { name: string; depth: number };

  constructor(private readonly state: StateCore, private readonly valid: LinkCheck, private readonly normalize: (url: string) => string) {}

  get isDropping(): boolean {
    return this.dropping !== undefined;
  }

  push(token: Token): void {
    if (!this.dropping) this.out.push(token);
  }

  text(content: string): void {
    if (this.dropping || !content) return;
    const t = new this.state.Token('text', '', 0);
    t.content = content;
    this.out.push(t);
  }

  tag(tag: Tag): void {
    if (this.dropping) {
      if (tag.name === this.dropping.name) this.dropping.depth += tag.closing ? -1 : tag.selfClosing ? 0 : 1;
      if (this.dropping.depth === 0) this.dropping = undefined;
      return;
    }
    if (DROPPED.has(tag.name)) {
      if (!tag.closing && !tag.selfClosing && !VOID.has(tag.name)) this.dropping = { name: tag.name, depth: 1 };
      return;
    }
    if (tag.name === 'br') {
      this.out.push(new this.state.Token('hardbreak', 'br', 0));
      return;
    }
    if (tag.name === 'img') {
      if (!tag.closing) this.image(tag.attrs);
      return;
    }
    if (tag.closing) {
      this.closeTag(tag.name);
      return;
    }
    if (tag.selfClosing || VOID.has(tag.name)) return;
    const open = this.openToken(tag);
    if (open) this.out.push(open);
  }

  /** Closes what is still open at the end of the run. */
  finish(): Token[] {
    while (this.open.length) this.out.push(this.open.pop()!.close);
    this.dropping = undefined;
    return this.out;
  }

  private image(attrs: Record<string, string>): void {
    const src = (attrs.src ?? '').trim();
    if (!/^https?:\/\//i.test(src) || !this.valid(src)) {
      if (attrs.alt) this.text(attrs.alt);
      return;
    }
    const img = new this.state.Token('image', 'img', 0);
    img.attrs = [['src', this.normalize(src)], ['alt', '']];
    const alt = new this.state.Token('text', '', 0);
    alt.content = attrs.alt ?? '';
    img.children = alt.content ? [alt] : [];
    img.content = alt.content;
    if (attrs.title) img.attrSet('title', attrs.title);
    this.out.push(img);
  }

  private openToken(tag: Tag): Token | undefined {
    const m = inlineMapping(tag.name);
    let open: Token;
    let close: Token;
    if (m.kind === 'unwrap') return undefined;
    if (m.kind === 'token') {
      open = new this.state.Token(m.open, m.tag, 1);
      close = new this.state.Token(m.close, m.tag, -1);
      open.markup = close.markup = m.markup ?? '';
    } else if (m.kind === 'plain') {
      open = new this.state.Token('html_tag_open', m.tag, 1);
      close = new this.state.Token('html_tag_close', m.tag, -1);
    } else if (m.kind === 'span') {
      const style = m.style ?? safeStyle([tag.attrs.color ? `color:${tag.attrs.color}` : '', tag.attrs.style ?? ''].filter(Boolean).join(';'));
      if (!style) return undefined;
      open = new this.state.Token('html_tag_open', 'span', 1);
      open.attrSet('style', style);
      close = new this.state.Token('html_tag_close', 'span', -1);
    } else {
      const href = (tag.attrs.href ?? '').trim();
      if (!href || !this.valid(href)) return undefined;
      open = new this.state.Token('link_open', 'a', 1);
      open.attrs = [['href', this.normalize(href)]];
      open.markup = 'html';
      close = new this.state.Token('link_close', 'a', -1);
      close.markup = 'html';
    }
    this.open.push({ name: WECHAT_POLICY.renamed[tag.name] ?? tag.name, close });
    return open;
  }

  private closeTag(name: string): void {
    const target = WECHAT_POLICY.renamed[name] ?? name;
    const at = this.open.map((o) => o.name).lastIndexOf(target);
    if (at < 0) return;
    while (this.open.length > at) this.out.push(this.open.pop()!.close);
  }
}

/** Sanitises the `html_inline` tokens of every inline token, in place; a paragraph left empty is not written. */
function sanitiseInline(state: StateCore, valid: LinkCheck, normalize: (url: string) => string): void {
  state.tokens.forEach((block, at) => {
    if (block.type !== 'inline' || !block.children?.some((c) => c.type === 'html_inline')) return;
    const b = new InlineBuilder(state, valid, normalize);
    for (const child of block.children) {
      if (child.type !== 'html_inline') {
        b.push(child);
        continue;
      }
      const tag = readTag(child.content);
      if (tag) b.tag(tag);
    }
    // A line break written as `<br>` at the end of a source line is the break: the newline after it is not a space.
    block.children = b.finish().filter((t, i, all) => !(t.type === 'softbreak' && all[i - 1]?.type === 'hardbreak'));
    const empty = block.children.every((c) => (c.type === 'text' && !c.content.trim()) || c.type === 'softbreak');
    const [before, after] = [state.tokens[at - 1], state.tokens[at + 1]];
    if (empty && before?.type === 'paragraph_open' && after?.type === 'paragraph_close') {
      block.children = [];
      before.hidden = after.hidden = true;
    }
  });
}

/** Block tags of raw HTML as Markdown block tokens; anything else here is inline. */
const BLOCK_TOKENS: Record<string, { open: string; close: string; tag: string }> = {
  p: { open: 'paragraph_open', close: 'paragraph_close', tag: 'p' },
  section: { open: 'html_block_open', close: 'html_block_close', tag: 'section' },
  blockquote: { open: 'blockquote_open', close: 'blockquote_close', tag: 'blockquote' },
  ul: { open: 'bullet_list_open', close: 'bullet_list_close', tag: 'ul' },
  ol: { open: 'ordered_list_open', close: 'ordered_list_close', tag: 'ol' },
  li: { open: 'list_item_open', close: 'list_item_close', tag: 'li' },
  table: { open: 'table_open', close: 'table_close', tag: 'table' },
  thead: { open: 'thead_open', close: 'thead_close', tag: 'thead' },
  tbody: { open: 'tbody_open', close: 'tbody_close', tag: 'tbody' },
  tr: { open: 'tr_open', close: 'tr_close', tag: 'tr' },
  th: { open: 'th_open', close: 'th_close', tag: 'th' },
  td: { open: 'td_open', close: 'td_close', tag: 'td' },
  h1: { open: 'heading_open', close: 'heading_close', tag: 'h1' },
  h2: { open: 'heading_open', close: 'heading_close', tag: 'h2' },
  h3: { open: 'heading_open', close: 'heading_close', tag: 'h3' },
  h4: { open: 'heading_open', close: 'heading_close', tag: 'h4' },
  h5: { open: 'heading_open', close: 'heading_close', tag: 'h5' },
  h6: { open: 'heading_open', close: 'heading_close', tag: 'h6' },
};

/** Block tags (after the policy's renames) whose text is centred. */
const CENTRED = new Set(['center']);

/**
 * An HTML block as Markdown block tokens: blocks as blocks, runs of text and inline tags as
 * `inline` tokens sanitised like inline HTML, `<pre>` as a code block, `<hr>` as a rule.
 */
function blockTokens(html: string, state: StateCore, level: number, valid: LinkCheck, normalize: (url: string) => string): Token[] {
  const out: Token[] = [];
  const stack: { name: string; close: Token }[] = [];
  let inline: InlineBuilder | undefined;
  let pre: { text: string } | undefined;
  let dropping: { name: string; depth: number } | undefined;
  const depth = () => level + stack.length;
  const flush = () => {
    if (!inline) return;
    const children = inline.finish();
    inline = undefined;
    if (!children.some((c) => c.type !== 'text' || c.content.trim())) return;
    const t = new state.Token('inline', '', 0);
    t.children = children;
    t.content = children.map((c) => c.content).join('');
    // The text of a list item sits in a paragraph, hidden as in a tight Markdown list, so it
    // stays on the marker's line.
    const inItem = stack.at(-1)?.name === 'li';
    if (inItem) {
      const open = new state.Token('paragraph_open', 'p', 1);
      open.hidden = true;
      push(open);
    }
    t.level = depth() + (inItem ? 1 : 0);
    out.push(t);
    if (inItem) {
      const close = new state.Token('paragraph_close', 'p', -1);
      close.hidden = true;
      push(close);
    }
  };
  /** Closes the open blocks down to `at` of them. */
  const closeTo = (at: number) => {
    while (stack.length > at) push(stack.pop()!.close);
  };
  /** Ends a `<pre>` as a code block; as in HTML, a newline right after `<pre>` is not content. */
  const endPre = () => {
    const code = new state.Token('code_block', 'code', 0);
    code.content = pre!.text.replace(/^\n/, '');
    pre = undefined;
    push(code);
  };
  const inlineBuilder = () => (inline ??= new InlineBuilder(state, valid, normalize));
  const push = (t: Token) => {
    t.level = depth();
    t.block = true;
    out.push(t);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs, implied) {
        if (dropping) {
          if (name === dropping.name) dropping.depth++;
          return;
        }
        if (pre) return;
        if (DROPPED.has(name)) {
          if (!VOID.has(name)) dropping = { name, depth: 1 };
          return;
        }
        const target = WECHAT_POLICY.renamed[name] ?? name;
        if (name === 'pre') {
          flush();
          pre = { text: '' };
          return;
        }
        if (name === 'hr') {
          flush();
          push(new state.Token('hr', 'hr', 0));
          return;
        }
        const block = BLOCK_TOKENS[target];
        if (!block) {
          const b = inlineBuilder();
          b.tag({ name, attrs, closing: false, selfClosing: implied || VOID.has(name) });
          return;
        }
        flush();
        const open = new state.Token(block.open, block.tag, 1);
        const close = new state.Token(block.close, block.tag, -1);
        if (CENTRED.has(name)) open.attrSet('style', 'text-align:center');
        if (block.open === 'ordered_list_open') {
          const start = Number.parseInt(attrs.start ?? '', 10);
          if (Number.isFinite(start) && start >= 0 && start !== 1) open.attrSet('start', String(start));
          open.markup = close.markup = '.';
        }
        if (block.open === 'bullet_list_open') open.markup = close.markup = '-';
        if (block.open === 'list_item_open') open.markup = close.markup = stack.at(-1)?.name === 'ol' ? '.' : '-';
        if (block.open === 'heading_open') open.markup = close.markup = '#'.repeat(Number(block.tag.slice(1)));
        push(open);
        stack.push({ name: target, close });
      },
      ontext(text) {
        if (dropping) return;
        if (pre) pre.text += text;
        else inlineBuilder().text(text);
      },
      onclosetag(name, implied) {
        if (dropping) {
          if (name === dropping.name && --dropping.depth === 0) dropping = undefined;
          return;
        }
        if (pre) {
          if (name !== 'pre') return;
          endPre();
          return;
        }
        if (VOID.has(name) || DROPPED.has(name)) return;
        const target = WECHAT_POLICY.renamed[name] ?? name;
        const at = stack.map((s) => s.name).lastIndexOf(target);
        if (!BLOCK_TOKENS[target] || at < 0) {
          if (!implied || !VOID.has(name)) inline?.tag({ name, attrs: {}, closing: true, selfClosing: false });
          return;
        }
        flush();
        closeTo(at);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  if (pre) endPre();
  flush();
  closeTo(0);
  return out;
}

/** Replaces every `html_block` token with the block tokens its sanitised HTML means. */
function sanitiseBlocks(state: StateCore, valid: LinkCheck, normalize: (url: string) => string): void {
  if (!state.tokens.some((t) => t.type === 'html_block')) return;
  state.tokens = state.tokens.flatMap((t) => (t.type === 'html_block' ? blockTokens(t.content, state, t.level, valid, normalize) : [t]));
}

/**
 * The raw-HTML plugin: a core rule that rewrites `html_inline` and `html_block` tokens into
 * sanitised tokens (before links and lists are decided), and the renderer rules of the two token
 * types it adds: `html_tag_open/close` (`u`, `sup`, `sub`, `code`, a styled `span`) and
 * `html_block_open/close` (a `section`).
 */
export const rawHtmlTransform: MarkdownTransform = {
  name: 'raw-html',
  install(md) {
    const valid: LinkCheck = (url) => md.validateLink(url);
    const normalize = (url: string) => md.normalizeLink(url);
    md.core.ruler.after('inline', 'wechat_raw_html', (state) => {
      sanitiseBlocks(state, valid, normalize);
      sanitiseInline(state, valid, normalize);
      return true;
    });
    const open = mdRule((tokens, idx, env: MarkdownEnv) => {
      const t = tokens[idx];
      const style = t.attrGet('style');
      const themed = env.styles[`${env.container}>${t.tag === 'code' ? 'code' : t.tag}`];
      // A raised or lowered run makes its line taller than the others, as a footnote marker would.
      const raised = (t.tag === 'sup' || t.tag === 'sub') && !/line-height/.test(themed ?? '') ? FOOTNOTE_MARKER_STYLE : '';
      const css = [themed, style, raised].filter(Boolean).join(';');
      return css ? `<${t.tag} style="${escapeHtml(css)}">` : `<${t.tag}>`;
    });
    const close = mdRule((tokens, idx) => `</${tokens[idx].tag}>`);
    md.renderer.rules.html_tag_open = open;
    md.renderer.rules.html_tag_close = close;
    md.renderer.rules.html_block_open = open;
    md.renderer.rules.html_block_close = close;
  },
};
