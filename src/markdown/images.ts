import type { Token } from 'markdown-it';
import { escapeHtml } from '../escape.js';
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
  env.counts.images++;
  const src = escapeHtml(String(token.attrGet('src') ?? ''));
  const alt = escapeHtml(token.children?.map((c) => c.content).join('') ?? token.content);
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
 * figureHtml(md.parse('![A](a.png "Caption")', env)[1], env)
 * // → '<section style="margin:.8em 0;text-align:center"><img style="max-width:100%;height:auto" src="a.png" alt="A"><p style="font-size:.85em;color:#555">Caption</p></section>'
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
