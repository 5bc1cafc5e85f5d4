import { WECHAT_POLICY } from '../policy.js';
import type { AnyNode, Element } from 'domhandler';
import { descendants, inSvg, isElement, replaceNodes, type NodeReplacement } from '../dom.js';
import type { WechatTransform } from './types.js';

/**
 * Tags outside the policy: renamed where a safe tag means the same (`div` → `section`,
 * `s` → `del`, …), otherwise unwrapped, their content kept.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('tags', '<div><font color="red">a</font><s>b</s></div>') // → '<section>a<del>b</del></section>'
 */
export const tagsCleanup: WechatTransform = {
  name: 'tags',
  run({ $ }) {
    const edits = new Map<AnyNode, NodeReplacement>();
    for (const node of descendants($.root().contents().toArray())) {
      if (!isElement(node)) continue;
      const tag = node.name.toLowerCase();
      if (tag in WECHAT_POLICY.tags || inSvg(node)) continue;
      const renamed = WECHAT_POLICY.renamed[tag];
      if (renamed) node.name = renamed;
      else edits.set(node, (n) => (n as Element).children);
    }
    replaceNodes(edits);
  },
};
