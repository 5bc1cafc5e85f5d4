import { BLANK, betweenBlocks, closest, descendants, inSvg, isBlock, isText } from '../dom.js';
import type { WechatTransform } from './types.js';

/**
 * No whitespace between tags: blank text between block tags, at the edges of a block and
 * around the fragment is removed; elsewhere, a newline in text becomes a space (the API would
 * drop it and join the words). Code is left alone (the code transformation rewrote it).
 *
 * @example
 * // '<section>\n  <p>one\ntwo</p>\n</section>' → '<section><p>one two</p></section>'
 */
export const whitespaceTransform: WechatTransform = {
  name: 'whitespace',
  run({ $ }) {
    for (const node of descendants($.root().contents().toArray())) {
      if (!isText(node) || inSvg(node) || closest(node, (e) => e.name === 'pre' || e.name === 'code')) continue;
      if (BLANK.test(node.data)) {
        const edge = !node.prev || !node.next;
        if (betweenBlocks(node) || node.parent?.type === 'root' || (edge && isBlock(node.parent))) $(node).remove();
        else if (/[\r\n]/.test(node.data)) node.data = ' ';
        continue;
      }
      if (/[\r\n]/.test(node.data)) node.data = node.data.replace(/[ \t\f]*[\r\n]+[ \t\f]*/g, ' ');
    }
  },
};
