import { loadFragment } from '../wechat/fragment.js';
import { urlScheme } from '../core/urls.js';

/**
 * The fragment with each relative image path put behind `base`, so that a page written in
 * another folder than the digest still finds the digest's local images. Paths with a scheme
 * (`https:`, `data:`), absolute paths and `//host` paths stay as they are.
 *
 * @param html - The fragment.
 * @param base - A URL relative to the page, ending in `/`, e.g. `../posts/`.
 * @example
 * rebaseImages('<section><img src="fig.png"><img src="https://x.org/a.png"></section>', '../posts/')
 * // → '<section><img src="../posts/fig.png"><img src="https://x.org/a.png"></section>'
 */
export function rebaseImages(html: string, base: string): string {
  if (!html.includes('<img')) return html;
  const $ = loadFragment(html);
  let changed = false;
  $('img[src]').each((_, img) => {
    const src = img.attribs.src.trim();
    if (!src || urlScheme(src) !== undefined || src.startsWith('/') || src.startsWith('#')) return;
    img.attribs.src = `${base}${src}`;
    changed = true;
  });
  return changed ? $.html() : html;
}
