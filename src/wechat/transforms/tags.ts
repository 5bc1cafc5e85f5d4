import { WECHAT_POLICY } from '../policy.js';
import { descendants, inSvg, isElement } from '../dom.js';
import type { WechatTransform } from './types.js';

/**
 * Tags outside the policy: renamed where a safe tag means the same (`div` → `section`,
 * `s` → `del`, …), otherwise unwrapped, their content kept.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('tags', '<div><font color="red">a</font><s>b</s></div>') // → '<section>a<del>b</del></section>'
 */
export const tagsTransform: WechatTransform = {
  name: 'tags',
  run({ $ }) {
    for (const node of descendants($.root().contents().toArray())) {
      if (!isElement(node)) continue;
      const tag = node.name.toLowerCase();
      if (tag in WECHAT_POLICY.tags || inSvg(node)) continue;
      const renamed = WECHAT_POLICY.renamed[tag];
      if (renamed) node.name = renamed;
      else $(node).replaceWith($(node).contents());
    }
  },
};
