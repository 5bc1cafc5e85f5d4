import type { AnyNode } from 'domhandler';
import { BLANK, closest, descendants, inSvg, isBlock, mergeTexts, replaceNodes, type NodeReplacement } from '../dom.js';
import { collapseNewlines, trimAsciiEnd, trimAsciiStart } from '../../core/text.js';
import type { WechatTransform } from './types.js';

/**
 * No whitespace between tags: blank text next to a block tag, at the edges of a block or of
 * the fragment is removed, and a block's text loses its leading and trailing whitespace;
 * elsewhere a newline in text becomes a space (the API would drop it and join the words).
 * `&nbsp;` is kept: it is written on purpose. Code is left alone (the code step rewrote it).
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('whitespace', '<section>\n  <p>\n    one\ntwo <b>3</b>\n  </p>\n</section>') // → '<section><p>one two <b>3</b></p></section>'
 */
export const whitespaceCleanup: WechatTransform = {
  name: 'whitespace',
  run({ $ }) {
    const edits = new Map<AnyNode, NodeReplacement>();
    const remove = () => [];
    for (const node of mergeTexts(descendants($.root().contents().toArray()))) {
      if (!node.parent || inSvg(node) || closest(node, (e) => e.name === 'pre' || e.name === 'code')) continue;
      const parentBlock = node.parent.type === 'root' || isBlock(node.parent);
      if (BLANK.test(node.data)) {
        if (isBlock(node.prev) || isBlock(node.next) || (parentBlock && (!node.prev || !node.next))) edits.set(node, remove);
        else if (/[\r\n]/.test(node.data)) node.data = ' ';
        continue;
      }
      let data = collapseNewlines(node.data);
      if ((parentBlock && !node.prev) || isBlock(node.prev)) data = trimAsciiStart(data);
      if ((parentBlock && !node.next) || isBlock(node.next)) data = trimAsciiEnd(data);
      node.data = data;
    }
    replaceNodes(edits);
  },
};
