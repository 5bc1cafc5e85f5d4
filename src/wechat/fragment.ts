import type { AnyNode } from 'domhandler';
import { load, type CheerioAPI } from 'cheerio/slim';

/**
 * Parses an HTML fragment (or takes one already parsed by `parseHtml`) into one cheerio document
 * that serialises text as UTF-8 (CJK stays CJK, not `&#x…;`: WeChat counts every character) and
 * keeps `&nbsp;` as written.
 *
 * @example
 * loadFragment('<p>中文&nbsp;</p>').html() // → '<p>中文&nbsp;</p>'
 */
export function loadFragment(html: string | AnyNode[]): CheerioAPI {
  return load(html, { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } } as never, false);
}
