import type { RendererRule, Token } from 'markdown-it';
import type { Footnotes } from '../../wechat/footnotes.js';
import type { LinkMode } from '../../wechat/writers.js';
import type { MarkdownContainer } from '../../theme/roles.js';
import type { Finding } from '../../wechat/findings.js';
import type { CodeBlockOptions } from './highlight/block.js';
import type { MathRecord } from './math.js';

/** What the Markdown rules need while rendering one field. */
export interface MarkdownEnv {
  /** Compiled theme styles (see compileTheme). */
  styles: Record<string, string>;
  /** The container being rendered; Markdown roles are styled per container. */
  container: MarkdownContainer;
  footnotes: Footnotes;
  links: LinkMode;
  /** The digest's locale: brackets and punctuation written around addresses. */
  locale?: 'zh' | 'en';
  /** Raw HTML in Markdown: `'sanitize'` through the WeChat policy (default) or `'escape'` as text. */
  rawHtml?: 'sanitize' | 'escape';
  /** Counters the render reports in its stats. */
  counts: { images: number };
  /** Open lists, innermost last. */
  lists: { ordered: boolean }[];
  /** Code-block options: highlighting, line numbers, window bar. */
  code: CodeBlockOptions;
  /** Where the field sits in the digest (`sections[0].items[1].body`), for findings. */
  path: string;
  /** What the render found in the field (an unknown code language). */
  findings: Finding[];
  /** Formulas per tier and findings about them, for the whole render. */
  math?: MathRecord;
}

/**
 * `<tag style="…">` for a Markdown role in the current container, or `<tag>` when unstyled.
 *
 * @example
 * // `env` renders an item's body in the classic theme, which styles body>p:
 * openTag(env, 'p', 'p') // → '<p style="margin:0 0 .8em">'
 * openTag({ ...env, styles: {} }, 'p', 'p') // → '<p>'
 */
export function openTag(env: MarkdownEnv, tag: string, role: string, extraStyle = ''): string {
  const style = joinStyles(env.styles[`${env.container}>${role}`], extraStyle);
  return style ? `<${tag} style="${style}">` : `<${tag}>`;
}

/**
 * Joins two compact style strings.
 *
 * @example
 * joinStyles('color:#333', 'margin:0') // → 'color:#333;margin:0'
 * joinStyles('', 'margin:0') // → 'margin:0'
 */
export function joinStyles(a = '', b = ''): string {
  return a && b ? `${a};${b}` : a || b;
}

/**
 * The text of the inline tokens between `tokens[from]` and its closing token of `closeType`.
 *
 * @example
 * const tokens = md.parseInline('[a `b`](https://x.org)', env)[0].children // link_open first
 * innerText(tokens, 0, 'link_close') // → 'a b'
 */
export function innerText(tokens: Token[], from: number, closeType: string): string {
  let text = '';
  for (let i = from + 1; i < tokens.length && tokens[i].type !== closeType; i++) {
    if (tokens[i].type === 'text' || tokens[i].type === 'code_inline') text += tokens[i].content;
  }
  return text;
}

/**
 * A renderer rule that reads the wechat-digest env (markdown-it types env as optional).
 *
 * @example
 * md.renderer.rules.hr = mdRule((_tokens, _idx, env) => openTag(env, 'hr', 'hr'))
 * md.render('---', { ...env, styles: { 'body>hr': 'border:0' } }) // → '<hr style="border:0">'
 */
export function mdRule(fn: (tokens: Token[], idx: number, env: MarkdownEnv) => string): RendererRule {
  return (tokens, idx, _options, env) => fn(tokens, idx, env as unknown as MarkdownEnv);
}
