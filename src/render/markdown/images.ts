import type { Token } from 'markdown-it';
import { escapeHtml } from '../../core/escape.js';
import { urlScheme } from '../../core/urls.js';
import { openTag, type MarkdownEnv, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/**
 * An `<img>` with its alt text, styled for the container.
 *
 * @example
 * imageTag(token, env) // for ![A](a.png) → '<img style="max-width:100%" src="a.png" alt="A">'
 */
export function imageTag(token: Token, env: MarkdownEnv): string {
  const url = String(token.attrGet('src') ?? '');
  const alt = escapeHtml(token.children?.map((c) => c.content).join('') ?? token.content);
  // An image is an http(s) URL or a local file; any other scheme shows its description.
  const scheme = urlScheme(url);
  if (scheme && scheme !== 'http' && scheme !== 'https') return alt;
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
 * The figure for a lone image: the image, then its title as caption.
 *
 * @example
 * figureHtml(inline, env) // for ![A](a.png "Caption")
 * // → '<section style="…"><img style="…" src="a.png" alt="A"><p style="…">Caption</p></section>'
 */
export function figureHtml(inline: Token, env: MarkdownEnv): string {
  const image = inline.children!.find((c) => c.type === 'image')!;
  const caption = image.attrGet('title')?.toString();
  return `${openTag(env, 'section', 'figure')}${imageTag(image, env)}${caption ? `${openTag(env, 'p', 'caption')}${escapeHtml(caption)}</p>` : ''}</section>`;
}

/** Images: style-sized, within the column, a lone image with its title as caption. */
export const imagesTransform: MarkdownTransform = {
  name: 'images',
  install(md) {
    md.renderer.rules.image = mdRule((tokens, idx, env) => imageTag(tokens[idx], env));
  },
};
