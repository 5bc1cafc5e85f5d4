import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { cssViolation, isPureBlack, isWechatArticleUrl, WECHAT_POLICY } from './policy.js';
import type { Finding } from './findings.js';

/** Which path to WeChat the HTML is judged for. */
export type CheckTarget = 'paste' | 'api';

/** Options of `checkWechat`. */
export interface CheckOptions {
  /** `'paste'` (web editor, default) or `'api'` (draft/add: images must be WeChat-hosted). */
  target?: CheckTarget;
}

/**
 * The checker's rules: id → [severity, what it means and how to fix it]. Ids are stable;
 * the README documents each.
 */
export const CHECK_RULES = {
  'tag-disallowed': ['error', 'a tag WeChat removes; use section, p, span and the other safe tags'],
  'script': ['error', '<script> is removed with its content'],
  'style-tag': ['error', '<style> blocks are dropped; put every style inline'],
  'class-attr': ['error', 'class attributes are removed; styles depending on them are lost'],
  'id-attr': ['error', 'id attributes are removed; anything pointing at them breaks'],
  'attr-disallowed': ['warning', 'an attribute WeChat drops'],
  'event-handler': ['error', 'on* event handlers are removed'],
  'external-link': ['error', 'links outside mp.weixin.qq.com are removed or refused; use footnotes'],
  'anchor-link': ['error', 'href="#…" breaks (ids are removed); drop the href'],
  'url-scheme': ['error', 'a URL scheme other than http(s)'],
  'data-image': ['error', 'data: images are stripped on save; use a file or URL'],
  'image-format': ['error', 'WebP and SVG images are rejected; use PNG or JPEG'],
  'image-host': ['error', 'through the API, images must be uploaded with media/uploadimg (mmbiz.qpic.cn)'],
  'img-size-attr': ['warning', 'width/height attributes are dropped; put sizes in style'],
  'css-property': ['warning', 'a CSS property WeChat drops or does not support'],
  'css-display': ['warning', 'a display value that does not survive paste'],
  'css-var': ['error', 'var() is stripped; use literal values'],
  'css-important': ['error', '!important fights the dark-mode algorithm'],
  'css-url': ['warning', 'url() in CSS is dropped and breaks dark mode'],
  'css-gradient': ['warning', 'gradients behind text break dark mode'],
  'css-script': ['error', 'script in CSS is removed'],
  'pure-black': ['warning', 'pure black text can be swallowed; use near-black such as #1a1a1a'],
  'code-newline': ['error', 'newlines in code are dropped; use <br>'],
  'code-spaces': ['error', 'runs of spaces in code collapse; use &nbsp;'],
  'text-newline': ['warning', 'a newline in text collapses (paste) or joins words (API)'],
  'whitespace-between-tags': ['error', 'whitespace between block tags becomes blank lines or empty list items'],
  'native-list': ['warning', 'native lists lose markers and nesting; write rows with text markers'],
  'nested-list': ['error', 'a list nested in a list collapses'],
  'svg-stripped': ['error', 'inside <svg>, defs, style, use, gradients, filters, masks, ids and classes are stripped'],
  'root-element': ['warning', 'the fragment should be one root <section>'],
  'root-box': ['warning', 'the paste cleaner drops the outermost padding and background; put them on children'],
  'content-too-long': ['error', 'draft/add refuses content of 20,000 characters or more (tags and styles count)'],
  'content-too-large': ['error', 'draft/add refuses content of 1 MB or more'],
} as const satisfies Record<string, readonly ['error' | 'warning', string]>;

export type CheckRule = keyof typeof CHECK_RULES;

const BLOCK_TAGS = new Set(['section', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'ol', 'ul', 'li', 'hr', 'div']);
const SVG_STRIPPED = new Set(['defs', 'style', 'lineargradient', 'radialgradient', 'filter', 'clippath', 'mask', 'pattern', 'symbol', 'use']);
const SVG_TAGS = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc', 'animate', 'animatetransform', 'foreignobject', ...SVG_STRIPPED, 'stop']);

/** Splits a style attribute into declarations, respecting quotes and parentheses. */
export function parseStyle(style: string): { prop: string; value: string }[] {
  const decls: { prop: string; value: string }[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  const push = (end: number) => {
    const part = style.slice(start, end);
    const colon = part.indexOf(':');
    if (colon > 0) decls.push({ prop: part.slice(0, colon).trim().toLowerCase(), value: part.slice(colon + 1).trim() });
  };
  for (let i = 0; i < style.length; i++) {
    const c = style[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(style.length);
  return decls;
}

function imageExtension(src: string): string {
  try {
    const path = new URL(src, 'file:///').pathname.toLowerCase();
    return /\.([a-z0-9]+)$/.exec(path)?.[1] ?? '';
  } catch {
    return '';
  }
}

/**
 * Checks HTML against what the WeChat editor (paste) or the draft API (api) keeps.
 *
 * @param html - The article fragment.
 * @param options - `target`: `'paste'` (default) or `'api'`.
 * @returns Findings with stable rule ids; empty when WeChat will keep everything.
 * @example
 * checkWechat('<section><a href="https://example.com">x</a></section>')
 * // → [{ rule: 'external-link', severity: 'error', message: '…', excerpt: '<a href="https://example.com">x</a>' }]
 */
export function checkWechat(html: string, options: CheckOptions = {}): Finding[] {
  const target = options.target ?? 'paste';
  const findings: Finding[] = [];
  const $ = load(html, { xml: false }, false);
  const excerpt = (node: AnyNode) => {
    const s = $.html(node);
    return s.length > 120 ? `${s.slice(0, 117)}…` : s;
  };
  const add = (rule: CheckRule, detail: string, node: AnyNode | string) => {
    const [severity, what] = CHECK_RULES[rule];
    findings.push({ rule, severity, message: detail ? `${what}: ${detail}` : what, excerpt: typeof node === 'string' ? node : excerpt(node) });
  };

  const roots = $.root().contents().toArray().filter((n) => n.type !== 'text' || (n as unknown as { data: string }).data.trim());
  if (roots.length !== 1 || roots[0].type !== 'tag' || (roots[0] as Element).name !== 'section') {
    add('root-element', `found ${roots.length} top-level nodes`, html.slice(0, 80));
  } else {
    const rootStyle = parseStyle((roots[0] as Element).attribs.style ?? '');
    if (rootStyle.some((d) => /^(padding|background)/.test(d.prop))) add('root-box', '', excerpt(roots[0]).slice(0, 120));
  }

  const walk = (node: AnyNode, inCode: boolean, inSvg: boolean, listDepth: number) => {
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      const parent = node.parent as Element | null;
      if (!data.trim()) {
        const isBlock = (n: AnyNode | null) => n?.type === 'tag' && BLOCK_TAGS.has((n as Element).name);
        const between = (isBlock(node.prev) || !node.prev) && (isBlock(node.next) || !node.next) && (node.prev || node.next);
        if (data && between && (!parent || BLOCK_TAGS.has(parent.name ?? ''))) add('whitespace-between-tags', JSON.stringify(data), `${parent ? `<${parent.name}>` : ''}${JSON.stringify(data)}`);
        return;
      }
      if (inCode) {
        if (data.includes('\n')) add('code-newline', '', data.slice(0, 80));
        if (/ {2,}|\t/.test(data)) add('code-spaces', '', data.slice(0, 80));
      } else if (data.includes('\n')) add('text-newline', '', data.slice(0, 80));
      return;
    }
    if (node.type === 'script') return add('script', '', node);
    if (node.type === 'style') return add('style-tag', '', node);
    if (node.type !== 'tag') return;
    const el = node as Element;
    const tag = el.name.toLowerCase();
    let svg = inSvg;
    if (tag === 'svg' || inSvg) {
      svg = true;
      if (SVG_STRIPPED.has(tag) || el.attribs.id !== undefined || el.attribs.class !== undefined) add('svg-stripped', `<${tag}>`, el);
      if (!SVG_TAGS.has(tag)) add('tag-disallowed', `<${tag}> inside <svg>`, el);
    } else if (!(tag in WECHAT_POLICY.tags)) {
      add('tag-disallowed', `<${tag}>`, el);
    }
    let depth = listDepth;
    if (tag === 'ol' || tag === 'ul') {
      add('native-list', `<${tag}>`, `<${tag}>`);
      if (listDepth > 0) add('nested-list', `<${tag}> inside a list`, el);
      depth++;
    }
    for (const [name, value] of Object.entries(el.attribs)) {
      const attr = name.toLowerCase();
      if (attr === 'class') add('class-attr', `class="${value}"`, el);
      else if (attr === 'id') add('id-attr', `id="${value}"`, el);
      else if (attr.startsWith('on')) add('event-handler', attr, el);
      else if (attr === 'style') checkStyle(value, el, add);
      else if (attr.startsWith('data-') || svg) continue;
      else if ((attr === 'width' || attr === 'height') && tag === 'img') add('img-size-attr', `${attr}="${value}"`, el);
      else if (!(WECHAT_POLICY.attributes['*'].includes(attr) || WECHAT_POLICY.attributes[tag]?.includes(attr))) add('attr-disallowed', `${attr} on <${tag}>`, el);
    }
    if (tag === 'a' && el.attribs.href !== undefined) checkHref(urlAsRead(el.attribs.href), el, add);
    if (tag === 'img') checkImage(urlAsRead(el.attribs.src ?? ''), target, el, add);
    const code = inCode || tag === 'pre' || tag === 'code';
    for (const child of el.children) walk(child, code, svg, depth);
  };
  for (const n of $.root().contents().toArray()) walk(n, false, false, 0);

  if (html.length >= WECHAT_POLICY.limits.contentCharacters) {
    add('content-too-long', `${html.length.toLocaleString('en')} characters, ${(html.length - WECHAT_POLICY.limits.contentCharacters + 1).toLocaleString('en')} over the limit of ${(WECHAT_POLICY.limits.contentCharacters - 1).toLocaleString('en')}`, html.slice(0, 80));
  }
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes >= WECHAT_POLICY.limits.contentBytes) add('content-too-large', `${bytes.toLocaleString('en')} bytes`, html.slice(0, 80));
  return findings;
}

type Add = (rule: CheckRule, detail: string, node: AnyNode | string) => void;

/** A URL attribute as a browser reads it: outer spaces and controls, tabs and newlines removed. */
function urlAsRead(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$|[\t\n\r]/g, '');
}

function checkStyle(style: string, el: Element, add: Add): void {
  for (const { prop, value } of parseStyle(style)) {
    const v = cssViolation(prop, value);
    if (v) add(v.rule as CheckRule, `${prop}:${value}`, el);
    if (prop === 'color' && isPureBlack(value)) add('pure-black', `${prop}:${value}`, el);
  }
}

function checkHref(href: string, el: Element, add: Add): void {
  if (href.startsWith('#')) return add('anchor-link', href, el);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme && !(WECHAT_POLICY.protocols.href as readonly string[]).includes(scheme)) return add('url-scheme', `${scheme}:`, el);
  if (!isWechatArticleUrl(href)) add('external-link', href, el);
}

function checkImage(src: string, target: CheckTarget, el: Element, add: Add): void {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
  if (scheme === 'data') return add('data-image', src.slice(0, 40), el);
  if (scheme && scheme.length > 1 && !(WECHAT_POLICY.protocols.src as readonly string[]).includes(scheme)) return add('url-scheme', `${scheme}:`, el);
  const ext = imageExtension(src);
  if (ext === 'webp' || ext === 'svg') add('image-format', `.${ext}`, el);
  if (target === 'api') {
    let host = '';
    try {
      host = new URL(src).hostname;
    } catch {
      /* a local path */
    }
    if (!(WECHAT_POLICY.imageHosts as readonly string[]).includes(host)) add('image-host', src, el);
  }
}
