import type { CheckRule } from './rules.js';
import { cssFunctions, cssTokens, cssUnescape } from './style.js';
import { tokenTypes } from 'css-tree/tokenizer';

const COMMENT = tokenTypes.Comment;

/**
 * What WeChat keeps, strips and limits, as data. The Markdown renderer, the theme compiler,
 * `cleanForWechat` and the checker all read this one object; none of them restates a rule.
 * Sources and confidence: docs/wechat-rules.md.
 */
export const WECHAT_POLICY = {
  /** Tags that survive paste and the draft API, each exception with its note. Anything else is removed (its text kept). */
  tags: {
    section: 'the block element WeChat keeps most reliably',
    p: '', span: '', strong: '', em: '', b: '', i: '', u: '', del: '', sup: '', sub: '', br: '', hr: '',
    h1: '', h2: '', h3: '', h4: '', h5: '', h6: '',
    blockquote: '', figure: '', figcaption: '',
    img: 'src must be re-hosted by WeChat; see imageHosts',
    table: '', thead: '', tbody: '', tr: '', th: '', td: '',
    pre: 'newlines and runs of spaces inside are dropped: <br> and &nbsp; are written instead',
    code: 'as pre',
    a: 'only to mp.weixin.qq.com articles (linkHosts)',
    ol: 'kept, but markers and nesting break: rows with text markers are written instead',
    ul: 'kept, but markers and nesting break: rows with text markers are written instead',
    li: 'kept, but markers and nesting break',
  } as Record<string, string>,

  /**
   * Disallowed tags that are better renamed than unwrapped, so blocks stay blocks and marks stay
   * marks. Any other disallowed tag is unwrapped: removed, its content kept.
   */
  renamed: {
    body: 'section', div: 'section', article: 'section', main: 'section', header: 'section', footer: 'section',
    aside: 'section', nav: 'section', address: 'section', details: 'section', summary: 'section',
    dl: 'section', dt: 'section', dd: 'section', center: 'section', caption: 'section',
    s: 'del', strike: 'del', ins: 'u', mark: 'strong', kbd: 'code', samp: 'code', tt: 'code',
  } as Record<string, string>,

  /** Tags removed together with their content: WeChat removes them, or their content is not text. */
  droppedWithContent: [
    'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'video', 'audio', 'source', 'track',
    'canvas', 'map', 'input', 'form', 'textarea', 'select', 'option', 'button', 'template', 'noscript', 'math',
    'head', 'title', 'link', 'meta', 'base', 'dialog',
  ],

  /** Tags whose whitespace between them becomes blank lines or empty list items. */
  blockTags: [
    'section', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'pre', 'ol', 'ul', 'li', 'hr', 'div',
  ],

  /** Inline `<svg>`: kept, but WeChat strips these elements (and every id and class) inside it. */
  svg: {
    tags: [
      'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan',
      'title', 'desc', 'animate', 'animatetransform', 'animatemotion', 'set', 'image', 'stop',
    ],
    stripped: ['defs', 'style', 'lineargradient', 'radialgradient', 'filter', 'clippath', 'mask', 'pattern', 'symbol', 'use', 'marker'],
    note: 'the reader\u2019s dark mode does not recolour SVG: use currentColor for fills and strokes',
  },

  /** Attributes allowed on every tag, then per tag. `class`/`id` are removed by the editor. */
  attributes: {
    '*': ['style', 'title', 'lang', 'dir'],
    a: ['href'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  } as Record<string, string[]>,

  /** `data-*` attributes survive, except these prefixes: the dark-mode algorithm writes them itself. */
  dataAttributes: { allowed: true, forbiddenPrefixes: ['data-darkmode'] },

  /** Allowed URL schemes per attribute. */
  protocols: { href: ['https', 'http'], src: ['https', 'http'] } as Record<string, string[]>,

  /** Link hosts that may stay real `<a href>` in the body; every other link becomes a footnote. */
  linkHosts: ['mp.weixin.qq.com'],

  /** Image hosts the draft API keeps (URLs returned by media/uploadimg). */
  imageHosts: ['mmbiz.qpic.cn', 'mmbiz.qlogo.cn'],

  /** Image formats WeChat re-hosts. WebP and SVG are rejected: transcode them to PNG or JPEG. */
  imageTypes: ['jpg', 'jpeg', 'png', 'gif', 'bmp'],

  /** Body images through the draft API: media/uploadimg takes JPEG and PNG only. */
  uploadImageTypes: ['jpg', 'png'],

  /** Code: the layout both paths keep. */
  code: { tabWidth: 4, note: 'newlines → <br>, leading spaces and runs of spaces → &nbsp;, tabs → spaces' },

  css: {
    /** Properties kept in `style`. Anything else is dropped, with a warning for theme authors. */
    properties: [
      'color', 'background-color', 'background',
      'font-size', 'font-weight', 'font-style', 'font-family', 'line-height', 'letter-spacing', 'word-spacing',
      'text-align', 'text-indent', 'text-decoration', 'text-decoration-line', 'text-decoration-color', 'text-decoration-style',
      'text-underline-offset', 'text-transform', 'text-shadow', 'vertical-align', 'white-space', 'word-break', 'overflow-wrap', 'word-wrap',
      'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
      'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
      'border', 'border-top', 'border-right', 'border-bottom', 'border-left',
      'border-color', 'border-style', 'border-width', 'border-radius', 'border-collapse', 'border-spacing',
      'border-top-color', 'border-bottom-color', 'border-left-color', 'border-right-color',
      'border-top-width', 'border-bottom-width', 'border-left-width', 'border-right-width',
      'border-top-style', 'border-bottom-style', 'border-left-style', 'border-right-style',
      'width', 'max-width', 'min-width', 'height', 'max-height', 'min-height',
      'display', 'overflow', 'overflow-x', 'overflow-y', 'box-sizing', 'opacity', 'box-shadow',
      'list-style', 'list-style-type', 'caption-side', 'table-layout',
      '-webkit-box-orient',
      // Line numbers of code blocks: left out when a reader copies the code (where dropped, the column still stands apart).
      'user-select', '-webkit-user-select',
    ],
    /** Why some well-known properties are not in `properties` (shown in messages). */
    unsupported: {
      position: 'no positioning without a stylesheet', top: 'no positioning', left: 'no positioning', right: 'no positioning',
      bottom: 'no positioning', 'z-index': 'no positioning', float: 'floats are removed',
      grid: 'grid layout is unreliable', 'grid-template-columns': 'grid layout is unreliable', flex: 'flex layout: sources conflict',
      transform: 'transforms are removed', transition: 'no animation', animation: 'no animation',
      'background-image': 'background images are dropped and break dark mode', filter: 'filters are removed',
    } as Record<string, string>,
    /**
     * The CSS functions a value may call: plain colours and arithmetic, which load nothing and
     * resolve the same everywhere. Any other function is refused (`css-function`), the ones in
     * `forbiddenValues` with a rule of their own. An allow-list, so that a function a browser
     * adds later (`image-set()` once, `-webkit-image-set()`) is not let through unseen.
     */
    functions: ['rgb', 'rgba', 'hsl', 'hsla', 'calc'],
    /**
     * Declarations that break in WeChat even though the property is allowed, checked in this
     * order. `functions` matches the name of a function the value calls (escapes decoded, lower
     * case; an unquoted `url(…)` counts as `url`), `pattern` the value with comments removed and
     * escapes decoded. Each with why.
     */
    forbiddenValues: [
      { functions: /^var$/, pattern: undefined, rule: 'css-var', why: 'var(--x) is stripped: values must be literal' },
      { functions: undefined, pattern: /!\s*important/i, rule: 'css-important', why: '!important fights the reader\u2019s dark-mode algorithm' },
      {
        functions: /^(url|src|image|image-set|-webkit-image-set|cross-fade|-webkit-cross-fade|element|-moz-element)$/, pattern: undefined, rule: 'css-url',
        why: 'images in CSS are dropped, break dark mode, and are fetched from wherever they point',
      },
      { functions: /^expression$/, pattern: /expression\(|javascript:/i, rule: 'css-script', why: 'script in CSS is removed' },
      { functions: /gradient$/, pattern: undefined, rule: 'css-gradient', why: 'gradients behind text break dark mode' },
    ],
    /** `display` values that survive paste. */
    display: ['block', 'inline', 'inline-block', 'none', '-webkit-box'],
    display_note: 'table and table-cell are stripped on paste; flex and grid are unreliable',
    /** `white-space` values under which spaces and newlines are meant to show; WeChat does not keep them. */
    preservingWhiteSpace: ['pre', 'pre-wrap', 'pre-line', 'break-spaces'],
  },

  /**
   * Math drawn as inline SVG: how wide the phone column is and how many pixels an `ex` takes
   * there (15–16 px text), to tell a formula that does not fit. Wider display math scrolls in
   * its own box; a too-wide drawing elsewhere spills out of the column.
   */
  math: { columnPx: 343, pxPerEx: 8, pxPerEm: 16, note: 'the phone column is ~375 px, less the article padding' },

  /**
   * How deep markup may nest. Deeper input is refused with an error naming the field rather than
   * read: Chromium's HTML parser stops nesting at 512 levels, and no article needs more. A Markdown
   * field counts emphasis, links, quotes and lists (its template and rows add the rest).
   */
  nesting: { html: 512, markdown: 128 },

  /** Pure black text has been seen swallowed; it becomes this near-black. */
  pureBlack: { replacement: '#1a1a1a' },

  /** The paste cleaner drops these declarations from the outermost container: they go on an inner one. */
  rootBox: { properties: ['padding', 'background'], note: 'matched as prefixes: padding-top, background-color, …' },

  limits: {
    /** draft/add content: fewer than this many characters of the whole HTML string, tags and styles included. */
    contentCharacters: 20_000,
    /** draft/add content: fewer than this many UTF-8 bytes. */
    contentBytes: 1_000_000,
    /** Title: hard stop above `titleHard`; above `titleSoft` the feed truncates it (docs say 32, the API takes 64). */
    titleHard: 64,
    titleSoft: 32,
    /** digest (feed summary). */
    digest: 120,
    author: 16,
    /** Articles per draft. */
    articles: 8,
    /** content_source_url (read original), in UTF-8 bytes. */
    sourceUrlBytes: 1024,
    /** Body image upload (media/uploadimg). */
    bodyImageBytes: 1_000_000,
    /** Permanent image material (cover). */
    coverImageBytes: 10_000_000,
  },
} as const;

/** The type of `WECHAT_POLICY`. */
export type WechatPolicy = typeof WECHAT_POLICY;

const allowedProperties = new Set<string>(WECHAT_POLICY.css.properties);

const allowedFunctions = new Set<string>(WECHAT_POLICY.css.functions);

/**
 * A CSS value as a browser reads it: comments removed, escapes decoded, so that `u\\72l(…)` or
 * an `expression(…)` split by a comment is judged by what it means.
 */
function cssMeaning(value: string): string {
  return cssUnescape(cssTokens(value).filter((t) => t.type !== COMMENT).map((t) => value.slice(t.start, t.end)).join(''));
}

/**
 * Why a CSS value cannot be used in WeChat whatever its property (`var()`, `!important`,
 * `url()` and other functions outside `WECHAT_POLICY.css.functions`), or undefined when it can.
 *
 * @example
 * cssValueViolation('image-set("a.png" 1x)')?.rule // → 'css-url'
 * cssValueViolation('env(safe-area-inset-top)')?.rule // → 'css-function'
 * cssValueViolation('rgba(0,0,0,.5)') // → undefined
 */
export function cssValueViolation(value: string): { rule: CheckRule; why: string } | undefined {
  const functions = cssFunctions(value);
  const meaning = cssMeaning(value);
  for (const f of WECHAT_POLICY.css.forbiddenValues) {
    const named = f.functions;
    if (named && functions.some((name) => named.test(name))) return { rule: f.rule, why: f.why };
    if (f.pattern?.test(meaning)) return { rule: f.rule, why: f.why };
  }
  const other = functions.find((name) => !allowedFunctions.has(name));
  if (other !== undefined) {
    return { rule: 'css-function', why: `${other}() is not a function WeChat keeps (allowed: ${WECHAT_POLICY.css.functions.map((n) => `${n}()`).join(', ')})` };
  }
  return undefined;
}

/**
 * Why a CSS declaration cannot be used in WeChat, or undefined when it can.
 *
 * @param property - The property name (any case).
 * @param value - Its value, `!important` included if present.
 * @returns The checker rule id and the reason.
 * @example
 * cssViolation('color', 'var(--x)') // → { rule: 'css-var', why: 'var(--x) is stripped: values must be literal' }
 * cssViolation('color', '#333') // → undefined
 */
export function cssViolation(property: string, value: string): { rule: CheckRule; why: string } | undefined {
  const prop = cssUnescape(property.trim()).toLowerCase();
  if (!allowedProperties.has(prop)) {
    const reason = WECHAT_POLICY.css.unsupported[prop];
    return { rule: 'css-property', why: `"${prop}" does not survive WeChat${reason ? ` (${reason})` : ''}` };
  }
  const bad = cssValueViolation(value);
  if (bad) return bad;
  if (prop === 'display' && !(WECHAT_POLICY.css.display as readonly string[]).includes(cssMeaning(value).trim().toLowerCase())) {
    return { rule: 'css-display', why: `display:${value.trim()} is unreliable in WeChat (${WECHAT_POLICY.css.display_note})` };
  }
  return undefined;
}

/**
 * True for `color` and the `*-color` properties (`background-color`, `border-left-color`, …),
 * the properties whose pure black is replaced.
 *
 * @example
 * isColourProperty('border-left-color') // → true
 * isColourProperty('border') // → false
 */
export function isColourProperty(prop: string): boolean {
  return prop === 'color' || prop.endsWith('-color');
}

/**
 * The value to write for a declaration: near-black (`WECHAT_POLICY.pureBlack.replacement`)
 * instead of a pure black that WeChat may swallow, in a colour property; otherwise `value`.
 * The theme compiler and the clean-up step both write colours through it.
 *
 * @example
 * withoutPureBlack('color', '#000') // → '#1a1a1a'
 * withoutPureBlack('border', '1px solid #000') // → '1px solid #000'
 */
export function withoutPureBlack(prop: string, value: string): string {
  return isColourProperty(prop) && isPureBlack(value) ? WECHAT_POLICY.pureBlack.replacement : value;
}

/**
 * True when `value` is a pure-black colour that WeChat may swallow: `black`, `#000`, `#000000`,
 * `#000f`, `rgb(0,0,0)`, `rgb(0 0 0)`, `rgba(0,0,0,1)`, `hsl(…,…,0%)`, in any case and spacing.
 *
 * @example
 * isPureBlack('RGB(0, 0, 0)') // → true
 * isPureBlack('#111') // → false
 */
export function isPureBlack(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'black' || /^#(000f?|000000(ff)?)$/.test(v)) return true;
  const fn = /^(rgba?|hsla?)\((.*)\)$/.exec(v);
  if (!fn) return false;
  const parts = fn[2].split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return false;
  const alpha = parts[3] ?? '1';
  if ((alpha.endsWith('%') ? parseFloat(alpha) / 100 : parseFloat(alpha)) < 1) return false;
  const zero = (p: string) => parseFloat(p) === 0;
  return fn[1].startsWith('rgb') ? parts.slice(0, 3).every(zero) : zero(parts[2]);
}

/**
 * True when a URL's host is one whose links may stay real `<a>` (mp.weixin.qq.com articles).
 *
 * @example
 * isWechatArticleUrl('https://mp.weixin.qq.com/s/abc') // → true
 * isWechatArticleUrl('https://example.com/') // → false
 */
export function isWechatArticleUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && (WECHAT_POLICY.linkHosts as readonly string[]).includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * True when `tag` is a block tag in the sense of `WECHAT_POLICY.blockTags`.
 *
 * @example
 * isBlockTag('section') // → true
 * isBlockTag('span') // → false
 */
export function isBlockTag(tag: string): boolean {
  return (WECHAT_POLICY.blockTags as readonly string[]).includes(tag);
}

/**
 * True when an attribute survives WeChat on `tag` (policy attributes, `data-*` except the
 * dark-mode outputs). `class`, `id` and `on*` never do.
 *
 * @example
 * isAllowedAttribute('img', 'src') // → true
 * isAllowedAttribute('a', 'target') // → false
 */
export function isAllowedAttribute(tag: string, attribute: string): boolean {
  const attr = attribute.toLowerCase();
  if (attr.startsWith('data-')) return !WECHAT_POLICY.dataAttributes.forbiddenPrefixes.some((p) => attr.startsWith(p));
  return WECHAT_POLICY.attributes['*'].includes(attr) || (WECHAT_POLICY.attributes[tag]?.includes(attr) ?? false);
}
