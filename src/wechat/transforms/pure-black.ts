import { withoutPureBlack } from '../policy.js';
import { descendants, isElement } from '../dom.js';
import { parseStyle, serializeStyle } from '../style.js';
import type { WechatTransform } from './types.js';

/**
 * Pure black becomes near-black (`WECHAT_POLICY.pureBlack.replacement`): WeChat has been seen
 * swallowing `color:#000`.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('pure-black', '<p style="color:#000;border-color:black">a</p>') // → '<p style="color:#1a1a1a;border-color:#1a1a1a">a</p>'
 */
export const pureBlackCleanup: WechatTransform = {
  name: 'pure-black',
  run({ $ }) {
    for (const node of descendants($.root().contents().toArray())) {
      if (!isElement(node) || !node.attribs.style) continue;
      const decls = parseStyle(node.attribs.style);
      if (decls.every((d) => withoutPureBlack(d.prop, d.value) === d.value)) continue;
      node.attribs.style = serializeStyle(decls.map((d) => ({ ...d, value: withoutPureBlack(d.prop, d.value) })));
    }
  },
};
