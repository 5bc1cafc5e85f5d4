import type { AnyNode, Element, Text } from 'domhandler';
import { betweenBlocks, BLANK, isElement, lineEdge, openTagOf as openTag, parseHtml } from './dom.js';
import type { Finding } from './findings.js';
import { cssViolation, isAllowedAttribute, isPureBlack, isWechatArticleUrl, WECHAT_POLICY } from './policy.js';
import { ruleFinding, type CheckRule } from './rules.js';
import { parseStyle } from './style.js';
import { checkSvgElement, scrollsSideways, svgWidthPx } from './svg-check.js';
import { countOf, formatCount } from '../core/format.js';
import { isSchemeRelative, urlAsRead, urlScheme } from '../core/urls.js';

export { CHECK_RULES, checkRulesTable, type CheckRule, type CheckRuleInfo } from './rules.js';
export { parseStyle } from './style.js';

/**
 * The paths to WeChat the HTML can be judged for, defined once: `paste` (into the web editor)
 * and `api` (draft/add: images must be WeChat-hosted).
 *
 * @example
 * CHECK_TARGETS // → ['paste', 'api']
 */
export const CHECK_TARGETS = ['paste', 'api'] as const;

/** Which path to WeChat the HTML is judged for. */
export type CheckTarget = (typeof CHECK_TARGETS)[number];

/** Options of `checkWechat`. */
export interface CheckOptions {
  /** `'paste'` (web editor, default) or `'api'` (draft/add: images must be WeChat-hosted). */
  target?: CheckTarget;
}

const svgTags = new Set<string>(WECHAT_POLICY.svg.tags);
const svgStripped = new Set<string>(WECHAT_POLICY.svg.stripped);
const preserving = new Set<string>(WECHAT_POLICY.css.preservingWhiteSpace);

type Add = (rule: CheckRule, detail: string, excerpt: string) => void;

/**
 * Checks HTML against what the WeChat editor (paste) or the draft API (api) keeps.
 *
 * @param html - The article fragment.
 * @param options - `target`: `'paste'` (default) or `'api'` (images must then be on mmbiz.qpic.cn).
 * @returns Findings with stable rule ids (see `CHECK_RULES`); empty when WeChat will keep everything.
 * @throws DigestError `E_INVALID_OPTION` when elements nest deeper than `WECHAT_POLICY.nesting.html`.
 * @example
 * checkWechat('<section><a href="https://example.com">x</a></section>')
 * // → [{ rule: 'external-link', severity: 'error', message: 'a link outside `mp.weixin.qq.com`: https://example.com. Fix: …', excerpt: '<a href="https://example.com">' }]
 */
export function checkWechat(html: string, options: CheckOptions = {}): Finding[] {
  return checkParsed(html, parseHtml(html), options);
}

/**
 * `checkWechat` over an article already parsed by `parseHtml` (the render parses once for the check and the size breakdown).
 *
 * @example
 * import { parseHtml } from './dom.js'
 * const html = '<section><script>x</script></section>'
 * checkParsed(html, parseHtml(html)).map((f) => f.rule) // → ['script']
 */
export function checkParsed(html: string, nodes: AnyNode[], options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const ctx: CheckContext = { target: options.target ?? 'paste', add: (rule, detail, excerpt) => findings.push(ruleFinding(rule, detail, excerpt)) };
  checkRoot(nodes, html, ctx.add);
  for (const n of nodes) checkNode(n, OUTSIDE, ctx);
  findings.push(...checkContentSize(html));
  return findings;
}

/** What every handler needs: the target, and where findings go. */
interface CheckContext {
  target: CheckTarget;
  add: Add;
}

/**
 * Where a node sits: inside code (spaces and newlines are kept), inside `<svg>`, how deep in
 * native lists, inside a box that scrolls sideways.
 */
interface Place {
  code: boolean;
  svg: boolean;
  listDepth: number;
  scrolls: boolean;
}

const OUTSIDE: Place = { code: false, svg: false, listDepth: 0, scrolls: false };

type NodeCheck = (node: AnyNode, place: Place, ctx: CheckContext) => void;

/** The checks by node kind (htmlparser2's `type`); comments, doctypes and CDATA are not judged. */
const NODE_CHECKS: Readonly<Record<string, NodeCheck>> = {
  text: (node, place, ctx) => (place.svg ? undefined : checkText(node as Text, place.code, ctx.add)),
  script: (node, _place, ctx) => ctx.add('script', '', openTag(node as Element)),
  style: (node, _place, ctx) => ctx.add('style-tag', '', openTag(node as Element)),
  tag: (node, place, ctx) => checkElement(node as Element, place, ctx),
};

/** The checks of particular elements outside `<svg>`, after those every element gets. */
const ELEMENT_CHECKS: Readonly<Record<string, (el: Element, ctx: CheckContext) => void>> = {
  a: (el, ctx) => {
    if (el.attribs.href !== undefined) checkHref(urlAsRead(el.attribs.href), el, ctx.add);
  },
  img: (el, ctx) => checkImage(urlAsRead(el.attribs.src ?? ''), ctx.target, el, ctx.add),
};

function checkNode(node: AnyNode, place: Place, ctx: CheckContext): void {
  NODE_CHECKS[node.type]?.(node, place, ctx);
}

/** One root `<section>`, without the padding and background the paste cleaner drops. */
function checkRoot(nodes: AnyNode[], html: string, add: Add): void {
  const roots = nodes.filter((n) => n.type !== 'text' || !BLANK.test((n as Text).data));
  const root = roots[0];
  if (roots.length !== 1 || !isElement(root) || root.name !== 'section') {
    add('root-element', `${countOf(roots.length, 'top-level node')}${isElement(root) ? `, the first a <${root.name}>` : ''}`, html.slice(0, 80));
    return;
  }
  const box = parseStyle(root.attribs.style ?? '').filter((d) => WECHAT_POLICY.rootBox.properties.some((p) => d.prop.startsWith(p)));
  if (box.length) add('root-box', box.map((d) => `${d.prop}:${d.value}`).join(';'), openTag(root));
}

/** Text: in code, newlines and runs of spaces; elsewhere, whitespace between blocks and newlines that join words. */
function checkText(node: Text, code: boolean, add: Add): void {
  let data = node.data;
  // An HTML parser drops the newline right after <pre>, so the editor never sees it.
  if (!node.prev && isElement(node.parent) && node.parent.name === 'pre') data = data.replace(/^\r?\n/, '');
  if (code) {
    if (!data) return;
    if (data.includes('\n')) add('code-newline', '', JSON.stringify(data.slice(0, 80)));
    const lineStart = /^ /.test(data) && lineEdge(node, 'prev');
    if (/ {2,}|\t/.test(data) || lineStart || /\n /.test(data)) add('code-spaces', '', JSON.stringify(data.slice(0, 80)));
    return;
  }
  if (BLANK.test(data)) {
    if (data && betweenBlocks(node)) add('whitespace-between-tags', JSON.stringify(data), `${node.parent ? `<${(node.parent as Element).name}>…` : ''}${JSON.stringify(data)}`);
    return;
  }
  // A newline joins words only between two non-space characters (in this node or its neighbours).
  const inner = /[^\s][\r\n]+[^\s]/.test(data);
  const leading = /^[\r\n]+[^\s]/.test(data) && !lineEdge(node, 'prev');
  const trailing = /[^\s][\r\n]+$/.test(data) && !lineEdge(node, 'next');
  if (inner || leading || trailing) add('text-newline', '', JSON.stringify(data.slice(0, 80)));
}

/** An element: its tag, SVG rules, native lists, its attributes, then the checks of its own kind; then its children. */
function checkElement(el: Element, place: Place, ctx: CheckContext): void {
  const tag = el.name.toLowerCase();
  const svg = place.svg || tag === 'svg';
  checkTag(el, tag, svg, ctx.add);
  if (svg) checkSvg(el, tag, place, ctx.add);
  const listDepth = checkList(el, tag, place.listDepth, ctx.add);
  const keepsSpaces = checkAttributes(el, tag, svg, ctx.add);
  const code = place.code || tag === 'pre' || tag === 'code' || keepsSpaces;
  if (!svg) ELEMENT_CHECKS[tag]?.(el, ctx);
  const scrolls = place.scrolls || (el.attribs.style !== undefined && scrollsSideways(el.attribs.style));
  const same = code === place.code && svg === place.svg && listDepth === place.listDepth && scrolls === place.scrolls;
  const inner = same ? place : { code, svg, listDepth, scrolls };
  for (const child of el.children) checkNode(child, inner, ctx);
}

/** What WeChat strips inside `<svg>`, and an outermost `<svg>` wider than the column that nothing lets scroll. */
function checkSvg(el: Element, tag: string, place: Place, add: Add): void {
  checkSvgElement(el, add, openTag(el));
  const width = tag === 'svg' && !place.svg && !place.scrolls ? svgWidthPx(el.attribs.style ?? '', el.attribs.width, el.attribs.viewbox ?? el.attribs.viewBox) : undefined;
  if (width !== undefined && width > WECHAT_POLICY.math.columnPx) add('svg-too-wide', `about ${Math.round(width)} px`, openTag(el));
}

/** Tags WeChat removes: outside the safe list, or stripped inside `<svg>`. */
function checkTag(el: Element, tag: string, svg: boolean, add: Add): void {
  if (svg) {
    if (svgStripped.has(tag)) add('svg-stripped', `<${tag}>`, openTag(el));
    else if (!svgTags.has(tag)) add('tag-disallowed', `<${tag}> inside <svg>`, openTag(el));
    if (el.attribs.id !== undefined || el.attribs.class !== undefined) add('svg-stripped', `id or class on <${tag}>`, openTag(el));
  } else if (!(tag in WECHAT_POLICY.tags)) {
    const instead = WECHAT_POLICY.renamed[tag];
    add('tag-disallowed', `<${tag}>${instead ? `; use <${instead}>` : ''}`, openTag(el));
  }
}

/** Native lists, and lists inside lists; returns the list depth of the children. */
function checkList(el: Element, tag: string, depth: number, add: Add): number {
  if (tag !== 'ol' && tag !== 'ul') return depth;
  add('native-list', `<${tag}>`, openTag(el));
  if (depth > 0) add('nested-list', `<${tag}> inside a list`, openTag(el));
  return depth + 1;
}

/** Attributes WeChat drops or that break, and the style; returns true when the style keeps spaces. */
function checkAttributes(el: Element, tag: string, svg: boolean, add: Add): boolean {
  let keepsSpaces = false;
  for (const [name, value] of Object.entries(el.attribs)) {
    const attr = name.toLowerCase();
    if (attr === 'style') {
      keepsSpaces = checkStyle(value, el, add) || keepsSpaces;
    } else if (attr.startsWith('on')) add('event-handler', attr, openTag(el));
    else if (svg) continue;
    else if (attr === 'class') add('class-attr', `class="${value}"`, openTag(el));
    else if (attr === 'id') add('id-attr', `id="${value}"`, openTag(el));
    else if (attr.startsWith('data-darkmode')) add('darkmode-attr', attr, openTag(el));
    else if ((attr === 'width' || attr === 'height') && tag === 'img') add('img-size-attr', `${attr}="${value}"`, openTag(el));
    else if (!isAllowedAttribute(tag, attr)) add('attr-disallowed', `${attr} on <${tag}>`, openTag(el));
  }
  return keepsSpaces;
}

/**
 * content-too-long and content-too-large for the article HTML.
 *
 * @example
 * checkContentSize('x'.repeat(20_000)).map((f) => f.rule) // → ['content-too-long']
 */
export function checkContentSize(html: string): Finding[] {
  const { contentCharacters, contentBytes } = WECHAT_POLICY.limits;
  const out: Finding[] = [];
  if (html.length >= contentCharacters) {
    out.push(ruleFinding('content-too-long', `${formatCount(html.length)} characters, ${formatCount((html.length - contentCharacters + 1))} over the limit of ${formatCount((contentCharacters - 1))}`, html.slice(0, 80)));
  }
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes >= contentBytes) out.push(ruleFinding('content-too-large', `${formatCount(bytes)} bytes`, html.slice(0, 80)));
  return out;
}

/** What one `style` value breaks, and whether its `white-space` keeps spaces (text is then judged as code). */
interface StyleVerdict {
  problems: [CheckRule, string][];
  preserve: boolean;
}

// A rendered article repeats a few dozen style values thousands of times: judge each value once.
const styleVerdicts = new Map<string, StyleVerdict>();

function styleVerdict(style: string): StyleVerdict {
  let verdict = styleVerdicts.get(style);
  if (verdict) return verdict;
  verdict = { problems: [], preserve: false };
  for (const { prop, value } of parseStyle(style)) {
    const v = cssViolation(prop, value);
    if (v) verdict.problems.push([v.rule, `${prop}:${value}`]);
    if (prop === 'color' && isPureBlack(value)) verdict.problems.push(['pure-black', `${prop}:${value}`]);
    if (prop === 'white-space' && preserving.has(value.trim().toLowerCase())) verdict.preserve = true;
  }
  if (styleVerdicts.size >= 4096) styleVerdicts.clear();
  styleVerdicts.set(style, verdict);
  return verdict;
}

/** Checks one style attribute; returns true when its `white-space` keeps spaces (so text is judged as code). */
function checkStyle(style: string, el: Element, add: Add): boolean {
  const { problems, preserve } = styleVerdict(style);
  for (const [rule, detail] of problems) add(rule, detail, openTag(el));
  return preserve;
}

function checkHref(href: string, el: Element, add: Add): void {
  if (href.startsWith('#')) return add('anchor-link', href, openTag(el));
  const scheme = urlScheme(href);
  if (scheme && !(WECHAT_POLICY.protocols.href as readonly string[]).includes(scheme)) return add('url-scheme', `${scheme}:`, openTag(el));
  if (!isWechatArticleUrl(href)) add('external-link', href, openTag(el));
}

/**
 * The image format a URL names: its extension, or WeChat's `wx_fmt` parameter.
 *
 * @example
 * imageFormat('https://mmbiz.qpic.cn/a/0?wx_fmt=webp') // → 'webp'
 * imageFormat('figures/a.PNG') // → 'png'
 */
export function imageFormat(src: string): string {
  try {
    const url = new URL(src, 'file:///');
    const fmt = url.searchParams.get('wx_fmt');
    if (fmt) return fmt.toLowerCase();
    return /\.([a-z0-9]+)$/.exec(url.pathname.toLowerCase())?.[1] ?? '';
  } catch {
    return '';
  }
}

function checkImage(src: string, target: CheckTarget, el: Element, add: Add): void {
  const scheme = urlScheme(src);
  if (scheme === 'data') return add('data-image', src.slice(0, 40), openTag(el));
  if (scheme && !(WECHAT_POLICY.protocols.src as readonly string[]).includes(scheme)) return add('url-scheme', `${scheme}:`, openTag(el));
  if (isSchemeRelative(src)) return add('url-scheme', `no scheme, but a server: ${src.slice(0, 60)}`, openTag(el));
  const format = imageFormat(src);
  if (format === 'webp' || format === 'svg') add('image-format', format, openTag(el));
  // No scheme (or a one-letter Windows drive): a file path, which only the publish step can upload.
  if (target === 'paste' && src && (!scheme || scheme.length === 1)) add('image-local', src, openTag(el));
  if (target === 'api') {
    let host = '';
    try {
      host = scheme ? new URL(src).hostname : '';
    } catch {
      // not a URL: a local path, not hosted anywhere
    }
    if (!(WECHAT_POLICY.imageHosts as readonly string[]).includes(host)) add('image-host', src || '(no src)', openTag(el));
  }
}
