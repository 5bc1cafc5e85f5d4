import { WECHAT_POLICY } from '../policy.js';
import type { AnyNode } from 'domhandler';
import { descendants, isElement, replaceNodes, type NodeReplacement } from '../dom.js';
import type { WechatTransform } from './types.js';

const dropped = new Set<string>(WECHAT_POLICY.droppedWithContent);

/**
 * Removes, with their content, the tags WeChat removes whole (`script`, `style`, `iframe`,
 * forms, media, …) and comments and doctypes, which have no text to keep.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('drop', '<section>a<script>x()</script><!-- c --><video>v</video></section>') // → '<section>a</section>'
 */
export const dropCleanup: WechatTransform = {
  name: 'drop',
  run({ $ }) {
    const edits = new Map<AnyNode, NodeReplacement>();
    const remove = () => [];
    for (const node of descendants($.root().contents().toArray())) {
      if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') edits.set(node, remove);
      else if (isElement(node) && dropped.has(node.name.toLowerCase())) edits.set(node, remove);
    }
    replaceNodes(edits);
  },
};
