import { isAllowedAttribute } from '../policy.js';
import type { AnyNode, Element } from 'domhandler';
import { descendants, inSvg, isElement, replaceNodes, type NodeReplacement } from '../dom.js';
import type { WechatTransform } from './types.js';

/**
 * Attributes outside the policy are removed: `class`, `id`, event handlers, `data-darkmode-*`,
 * and anything a tag does not keep (`target` on `<a>`, `align`, `bgcolor`, …); a `<span>` left
 * without attributes is unwrapped. Inside `<svg>` the svg transformation decides.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('attributes', '<p class="x" id="y" onclick="z()" data-k="1" title="t">a</p>') // → '<p data-k="1" title="t">a</p>'
 */
export const attributesCleanup: WechatTransform = {
  name: 'attributes',
  run({ $ }) {
    const edits = new Map<AnyNode, NodeReplacement>();
    for (const node of descendants($.root().contents().toArray())) {
      if (!isElement(node) || inSvg(node)) continue;
      const tag = node.name.toLowerCase();
      for (const name of Object.keys(node.attribs)) {
        if (name.toLowerCase().startsWith('on') || !isAllowedAttribute(tag, name)) delete node.attribs[name];
      }
      // A span left with no attributes does nothing, and WeChat counts its characters.
      if (tag === 'span' && !Object.keys(node.attribs).length) edits.set(node, (n) => (n as Element).children);
    }
    replaceNodes(edits);
  },
};
