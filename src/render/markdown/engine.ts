import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { blocksTransform } from './blocks.js';
import { codeTransform } from './code.js';
import { imagesTransform } from './images.js';
import { linksTransform } from './links.js';
import { listsTransform } from './lists.js';
import { mathTransform } from './math.js';
import { rawHtmlTransform } from './raw-html.js';
import { tablesTransform } from './tables.js';
import type { MarkdownEnv } from './env.js';
import type { MarkdownTransform } from './plugin.js';
import { markdownText } from './text.js';
import { SCHEME } from '../../core/urls.js';
import { problemsError } from '../../core/errors.js';
import { formatCount } from '../../core/format.js';
import { WECHAT_POLICY } from '../../wechat/policy.js';

/** The WeChat transformations applied while Markdown is rendered, in order. */
export const MARKDOWN_TRANSFORMS: readonly MarkdownTransform[] = [
  rawHtmlTransform,
  blocksTransform,
  linksTransform,
  listsTransform,
  codeTransform,
  imagesTransform,
  tablesTransform,
  mathTransform,
];

/** Schemes never linked: script and local or inline content. Their links stay literal text. */
const UNSAFE_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'file']);

function createMarkdown(html: boolean): ReturnType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html, linkify: true, typographer: false, breaks: false });
  // http(s) links become footnotes; relative links plain text; `mailto:`, `tel:` and other
  // schemes WeChat cannot follow are written as text with their address; images take only
  // http(s) and local paths (see images.ts). Script and inline-content schemes stay literal text.
  md.validateLink = (url) => {
    const scheme = SCHEME.exec(url.trim())?.[1]?.toLowerCase();
    return scheme === undefined || !UNSAFE_SCHEMES.has(scheme);
  };
  for (const t of MARKDOWN_TRANSFORMS) {
    if (t !== rawHtmlTransform || html) t.install(md);
  }
  return md;
}

/** Raw HTML sanitised through the WeChat policy (the default). */
const sanitising = createMarkdown(true);
/** Raw HTML shown as text, tags and all (the `rawHtml: 'escape'` option). */
const escaping = createMarkdown(false);
const engine = (env: MarkdownEnv) => (env.rawHtml === 'escape' ? escaping : sanitising);

/** Rendered Markdown: the WeChat-safe HTML and its plain text. */
export interface RenderedMarkdown {
  html: string;
  text: string;
}

/**
 * Renders a block Markdown field. A field of one plain paragraph is written without `<p>`:
 * its container already spaces it, and WeChat counts every character.
 *
 * @example
 * renderMarkdown('Hello *you*', env) // → { html: 'Hello <em>you</em>', text: 'Hello you' }
 * // two paragraphs keep their <p>, styled by the theme (here classic, in an item's body):
 * renderMarkdown('a\n\nb', env).html // → '<p style="margin:0 0 .8em">a</p><p style="margin:0 0 .8em">b</p>'
 */
export function renderMarkdown(src: string, env: MarkdownEnv): RenderedMarkdown {
  const md = engine(env);
  const tokens: Token[] = md.parse(src, env as unknown as Record<string, unknown>);
  assertMarkdownNesting(tokens, env.path);
  if (tokens.length === 3 && tokens[0].type === 'paragraph_open') tokens[0].hidden = tokens[2].hidden = true;
  const html = md.renderer.render(tokens, md.options, env as unknown as Record<string, unknown>);
  return { html, text: markdownText(tokens, env.locale) };
}

/**
 * Renders an inline Markdown field (a key point, a one-liner).
 *
 * @example
 * renderInlineMarkdown('run `a  b`', env).html // → 'run <code style="…">a&nbsp;&nbsp;b</code>'
 */
export function renderInlineMarkdown(src: string, env: MarkdownEnv): RenderedMarkdown {
  const md = engine(env);
  const tokens: Token[] = md.parseInline(src, env as unknown as Record<string, unknown>);
  assertMarkdownNesting(tokens, env.path);
  const children = tokens[0]?.children ?? [];
  const html = md.renderer.renderInline(children, md.options, env as unknown as Record<string, unknown>);
  return { html, text: markdownText(tokens, env.locale).trim() };
}

/**
 * How deep rendered Markdown tokens nest: block tokens (quotes, lists) and, inside each inline
 * token, emphasis, links and sanitised raw HTML. markdown-it limits the nesting of blocks, but
 * not that of emphasis pairs, which thousands of `*` can nest as deep as they are long.
 *
 * @example
 * // the quote, its paragraph, the emphasis and the strong emphasis inside it:
 * markdownDepth(md.parse('> *a **b***', env)) // → 4
 */
export function markdownDepth(tokens: readonly Token[]): number {
  let depth = 0;
  let max = 0;
  for (const t of tokens) {
    if (t.nesting < 0) depth--;
    let inner = depth;
    for (const c of t.children ?? []) {
      if (c.nesting < 0) inner--;
      else if (c.nesting > 0 && ++inner > max) max = inner;
    }
    if (t.nesting > 0 && ++depth > max) max = depth;
  }
  return max;
}

/**
 * Refuses a Markdown field nested deeper than the policy's `nesting.markdown`, before it is
 * rendered: deeper markup would only exhaust the walks that follow.
 *
 * @throws DigestError `E_INVALID_DIGEST` with one problem naming the field.
 */
function assertMarkdownNesting(tokens: readonly Token[], path: string): void {
  const depth = markdownDepth(tokens);
  const limit = WECHAT_POLICY.nesting.markdown;
  if (depth <= limit) return;
  throw problemsError('E_INVALID_DIGEST', 'Invalid digest:', [
    { path, message: `Markdown nested ${formatCount(depth)} levels deep (emphasis, links, quotes, lists and HTML tags inside one another); at most ${limit} are rendered: flatten it` },
  ]);
}
