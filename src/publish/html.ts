import { load } from 'cheerio/slim';
import { decodeHTMLAttribute } from 'entities';
import { escapeHtml } from '../core/escape.js';

/**
 * The `src` of every `<img>` in an HTML fragment, in document order, entities decoded
 * (`a&amp;b` reads `a&b`).
 *
 * @example
 * imageSources('<section><img src="a.png"><img src="https://x.test/b?c=1&amp;d=2"></section>')
 * // → ['a.png', 'https://x.test/b?c=1&d=2']
 */
export function imageSources(html: string): string[] {
  const $ = load(html, { xml: false }, false);
  return $('img')
    .toArray()
    .map((img) => (img.attribs.src ?? '').trim());
}

/**
 * Replaces image sources in an HTML fragment, in one parse. The fragment is parsed without
 * decoding entities, so everything but the replaced `src` values comes out byte for byte as it
 * went in.
 *
 * @param html - The fragment.
 * @param replace - Gets each decoded `src`; returns the new URL, or undefined to keep it.
 * @example
 * replaceImageSources('<p>&nbsp;<img src="a.png" alt="A"></p>', (src) => src === 'a.png' ? 'https://mmbiz.qpic.cn/a?x=1&y=2' : undefined)
 * // → '<p>&nbsp;<img src="https://mmbiz.qpic.cn/a?x=1&amp;y=2" alt="A"></p>'
 */
export function replaceImageSources(html: string, replace: (src: string) => string | undefined): string {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: false } }, false);
  let changed = false;
  for (const img of $('img').toArray()) {
    // Attributes stay as written in this document: decode the src as a browser reads it.
    const src = decodeHTMLAttribute(img.attribs.src ?? '').trim();
    const next = replace(src);
    if (next !== undefined && next !== src) {
      img.attribs.src = escapeHtml(next);
      changed = true;
    }
  }
  return changed ? $.html() : html;
}
