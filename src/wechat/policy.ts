/**
 * What WeChat keeps, strips and limits, as data. The renderer, the theme compiler and the
 * checker all read this one object; none of them restates a rule.
 * Sources and confidence: docs/wechat-rules in the README ("Why these rules").
 */
export const WECHAT_POLICY = {
  /** Tags that survive paste and the draft API. Anything else is removed (its text kept). */
  tags: {
    section: 'the block element WeChat keeps most reliably',
    p: '', span: '', strong: '', em: '', b: '', i: '', u: '', del: '', sup: '', sub: '', br: '', hr: '',
    h1: '', h2: '', h3: '', h4: '', h5: '', h6: '',
    blockquote: '', figure: '', figcaption: '',
    img: 'src must be re-hosted by WeChat; see images',
    table: '', thead: '', tbody: '', tr: '', th: '', td: '',
    pre: '', code: '',
    a: 'only to mp.weixin.qq.com articles',
    ol: 'kept, but markers and nesting break: rows with text markers are emitted instead',
    ul: 'kept, but markers and nesting break: rows with text markers are emitted instead',
    li: 'kept, but markers and nesting break',
  } as Record<string, string>,

  /** Tags removed together with their content (not just unwrapped). */
  droppedWithContent: ['script', 'style', 'iframe', 'object', 'embed', 'video', 'audio', 'input', 'form', 'textarea', 'select', 'button', 'template', 'noscript', 'svg', 'math', 'head', 'title', 'link', 'meta'],

  /** Attributes allowed on every tag, then per tag. `class`/`id` are removed by the editor. */
  attributes: {
    '*': ['style', 'title', 'lang', 'dir'],
    a: ['href'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  } as Record<string, string[]>,

  /** Allowed URL schemes per attribute. */
  protocols: { href: ['https', 'http'], src: ['https', 'http'] } as Record<string, string[]>,

  /** Link hosts that may stay real `<a href>` in the body. */
  linkHosts: ['mp.weixin.qq.com'],

  /** Image hosts the draft API keeps (URLs returned by media/uploadimg). */
  imageHosts: ['mmbiz.qpic.cn', 'mmbiz.qlogo.cn'],

  /** Image formats WeChat re-hosts. WebP and SVG are rejected. */
  imageTypes: ['jpg', 'jpeg', 'png', 'gif', 'bmp'],

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
    ],
    /** Declarations that break in WeChat even though the property is allowed. Each with why. */
    forbiddenValues: [
      { pattern: /var\(/i, rule: 'css-var', why: 'var(--x) is stripped: values must be literal' },
      { pattern: /!important/i, rule: 'css-important', why: '!important fights the reader\u2019s dark-mode algorithm' },
      { pattern: /url\(/i, rule: 'css-url', why: 'background images are dropped and break dark mode' },
      { pattern: /expression\(|javascript:/i, rule: 'css-script', why: 'script in CSS is removed' },
      { pattern: /gradient\(/i, rule: 'css-gradient', why: 'gradients behind text break dark mode' },
    ],
    /** `display` values that survive paste. */
    display: ['block', 'inline', 'inline-block', 'none', '-webkit-box'],
    display_note: 'table and table-cell are stripped on paste; flex and grid are unreliable',
  },

  /** Colours WeChat swallows, with the safe colour to use instead. */
  pureBlack: { values: ['#000', '#000000', 'black', 'rgb(0,0,0)', 'rgb(0, 0, 0)'], replacement: '#1a1a1a' },

  limits: {
    /** draft/add content: characters of the whole HTML string, tags and styles included. */
    contentCharacters: 20_000,
    /** draft/add content: bytes. */
    contentBytes: 1_000_000,
    /** Title: hard stop; above `titleSoft` the feed truncates it. */
    titleHard: 64,
    titleSoft: 32,
    /** digest (feed summary). */
    digest: 120,
    author: 16,
    /** Articles per draft. */
    articles: 8,
    /** content_source_url. */
    sourceUrlBytes: 1024,
    /** Body image upload (media/uploadimg). */
    bodyImageBytes: 1_000_000,
    /** Permanent image material (cover). */
    coverImageBytes: 10_000_000,
  },
} as const;

export type WechatPolicy = typeof WECHAT_POLICY;

const allowedProperties = new Set<string>(WECHAT_POLICY.css.properties);

/**
 * A CSS value as a browser reads it: comments removed, escapes decoded, so that `u\72l(…)` or
 * an `expression(…)` split by a comment is judged by what it means.
 */
function cssMeaning(value: string): string {
  return value
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|(\n)|([\s\S]))/gi, (_m, hex?: string, _nl?: string, ch?: string) => {
      if (hex === undefined) return ch ?? '';
      const cp = parseInt(hex, 16);
      return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
    });
}

/** Why a CSS declaration cannot be used in WeChat, or undefined when it can. */
export function cssViolation(property: string, value: string): { rule: string; why: string } | undefined {
  const prop = property.trim().toLowerCase();
  if (!allowedProperties.has(prop)) {
    return { rule: 'css-property', why: `"${prop}" does not survive WeChat (allowed: layout-free text, box and border properties)` };
  }
  const meaning = cssMeaning(value);
  for (const f of WECHAT_POLICY.css.forbiddenValues) if (f.pattern.test(meaning)) return { rule: f.rule, why: f.why };
  if (prop === 'display' && !(WECHAT_POLICY.css.display as readonly string[]).includes(value.trim().toLowerCase())) {
    return { rule: 'css-display', why: `display:${value.trim()} is unreliable in WeChat (${WECHAT_POLICY.css.display_note})` };
  }
  return undefined;
}

/** True when `value` is a pure-black colour that WeChat may swallow. */
export function isPureBlack(value: string): boolean {
  return (WECHAT_POLICY.pureBlack.values as readonly string[]).includes(value.trim().toLowerCase());
}

/** True when a URL's host is one whose links may stay real `<a>`. */
export function isWechatArticleUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && (WECHAT_POLICY.linkHosts as readonly string[]).includes(u.hostname);
  } catch {
    return false;
  }
}
