import type { StateCore, Token } from 'markdown-it';
import { escapeHtml } from '../../core/escape.js';
import { isSchemeRelative, urlScheme } from '../../core/urls.js';
import { openTag, type MarkdownEnv, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/**
 * An `<img>` with its alt text, styled for the container.
 *
 * @example
 * const [image] = md.parseInline('![A](a.png)', env)[0].children
 * imageTag(image, env) // → '<img style="max-width:100%;height:auto" src="a.png" alt="A">'
 */
export function imageTag(token: Token, env: MarkdownEnv): string {
  const url = String(token.attrGet('src') ?? '');
  const alt = escapeHtml(token.children?.map((c) => c.content).join('') ?? token.content);
  // An image is an http(s) URL or a local file; any other scheme shows its description.
  const scheme = urlScheme(url);
  if ((scheme && scheme !== 'http' && scheme !== 'https') || isSchemeRelative(url)) return alt;
  env.counts.images++;
  const src = escapeHtml(url);
  return `${openTag(env, 'img', 'image').slice(0, -1)} src="${src}"${alt ? ` alt="${alt}"` : ''}>`;
}

/**
 * True when a paragraph holds one image and nothing else: it becomes a figure.
 *
 * @example
 * isFigure(md.parse('![a](b.png "Caption")', env)[1]) // → true
 * isFigure(md.parse('see ![a](b.png)', env)[1]) // → false
 */
export function isFigure(inline: Token | undefined): boolean {
  const kids = inline?.children?.filter((c) => !(c.type === 'text' && !c.content.trim()) && c.type !== 'softbreak');
  return kids?.length === 1 && kids[0].type === 'image';
}

/**
 * The figure body for a lone image: the image, then its title as caption.
 *
 * @example
 * figureHtml(md.parse('![A](a.png "Caption")', env)[1], env)
 * // → '<img style="max-width:100%;height:auto" src="a.png" alt="A"><p style="font-size:.85em;color:#555">Caption</p>'
 */
export function figureHtml(inline: Token, env: MarkdownEnv): string {
  const image = inline.children!.find((c) => c.type === 'image')!;
  const caption = image.attrGet('title')?.toString();
  return `${imageTag(image, env)}${caption ? `${openTag(env, 'p', 'caption')}${escapeHtml(caption)}</p>` : ''}`;
}

/**
 * The `wechat_figures` core rule: a shown paragraph holding one image and nothing else becomes
 * `figure_open`, `figure_image` (the paragraph's inline token, retyped) and `figure_close`. The
 * lead paragraph of a list item stays a paragraph: it sits on the marker's line.
 *
 * @example
 * md.parse('![A](a.png "Caption")', env).map((t) => t.type) // → ['figure_open', 'figure_image', 'figure_close']
 * md.parse('see ![A](a.png)', env).map((t) => t.type) // → ['paragraph_open', 'inline', 'paragraph_close']
 */
export function markFigures(state: StateCore): boolean {
  const tokens = state.tokens;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const open = tokens[i - 1];
    if (open.type !== 'paragraph_open' || open.hidden || tokens[i - 2]?.type === 'list_item_open' || !isFigure(tokens[i])) continue;
    open.type = 'figure_open';
    open.tag = 'section';
    tokens[i].type = 'figure_image';
    tokens[i + 1].type = 'figure_close';
    tokens[i + 1].tag = 'section';
  }
  return true;
}

/**
 * Images: style-sized, within the column; a lone image is a figure with its title as caption
 * (the `wechat_figures` core rule and the renderer rules of its three token types).
 */
export const imagesTransform: MarkdownTransform = {
  name: 'images',
  install(md) {
    md.core.ruler.push('wechat_figures', markFigures);
    md.renderer.rules.image = mdRule((tokens, idx, env) => imageTag(tokens[idx], env));
    md.renderer.rules.figure_open = mdRule((_t, _i, env) => openTag(env, 'section', 'figure'));
    md.renderer.rules.figure_image = mdRule((tokens, idx, env) => figureHtml(tokens[idx], env));
    md.renderer.rules.figure_close = () => '</section>';
  },
};
