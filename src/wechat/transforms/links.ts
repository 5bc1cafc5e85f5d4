import { Element, Text, type AnyNode } from 'domhandler';
import { escapeHtml } from '../../core/escape.js';
import { inSvg, replaceNodes, type NodeReplacement } from '../dom.js';
import { referenceLine, sameAsUrl } from '../footnotes.js';
import { isWechatArticleUrl } from '../policy.js';
import type { WechatTransform } from './types.js';
import { isHttpUrl } from '../../core/urls.js';
import { urlAsRead } from '../../core/urls.js';
import { FOOTNOTE_MARKER_STYLE } from '../writers.js';

/** The style of the references block `cleanForWechat` appends (small, grey, long URLs wrap). */
export const REFERENCES_STYLE = 'margin-top:2em;font-size:.8em;color:#888;word-break:break-all';

/**
 * External links → footnotes (or inline URLs, or kept, per the `links` option). The text
 * stays, followed by `[n]`; a references block at the end lists `[n] text: URL`, deduplicated
 * by URL. Links to mp.weixin.qq.com stay `<a>`; a link whose text is its URL, an anchor
 * (`#…`), a relative link and a non-http(s) link become their text.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('links', '<section><a href="https://x.org/a">A</a> <a href="#t">top</a></section>')
 * // → '<section>A<sup style="line-height:0">[1]</sup> top<section style="margin-top:2em;…"><b>参考链接</b><br>[1] A：https://x.org/a</section></section>'
 */
export const linksCleanup: WechatTransform = {
  name: 'links',
  run(ctx) {
    const { $, links, footnotes, strings } = ctx;
    const edits = new Map<AnyNode, NodeReplacement>();
    for (const a of $('a').toArray() as Element[]) {
      if (inSvg(a)) continue;
      const href = urlAsRead(a.attribs.href ?? '');
      const text = $(a).text();
      if (isHttpUrl(href) && isWechatArticleUrl(href) && !sameAsUrl(text, href)) {
        a.attribs.href = href;
        continue;
      }
      let after: AnyNode[] = [];
      if (isHttpUrl(href) && !sameAsUrl(text, href)) {
        if (links === 'keep') continue;
        if (links === 'inline') after = [new Text(` (${href})`)];
        else after = [new Element('sup', { style: FOOTNOTE_MARKER_STYLE }, [new Text(`[${footnotes.number(href, text)}]`)])];
      }
      edits.set(a, (node) => [...(node as Element).children, ...after]);
    }
    replaceNodes(edits);
    const root = $.root().children().first();
    if (!footnotes.list.length || !root.length) return;
    const lines = footnotes.list.map((f) => escapeHtml(referenceLine(f, strings.colon))).join('<br>');
    root.append(`<section style="${REFERENCES_STYLE}"><b>${escapeHtml(strings.labels.references)}</b><br>${lines}</section>`);
  },
};
