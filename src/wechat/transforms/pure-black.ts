import { isPureBlack, WECHAT_POLICY } from '../policy.js';
import { descendants, isElement } from '../dom.js';
import { parseStyle, serializeStyle } from '../style.js';
import type { WechatTransform } from './types.js';

/**
 * True for `color` and the `*-color` properties, whose pure black is replaced.
 *
 * @example
 * isColourProperty('border-left-color') // → true
 * isColourProperty('border') // → false
 */
export function isColourProperty(prop: string): boolean {
  return prop === 'color' || prop.endsWith('-color');
}

/**
 * Pure black becomes near-black (`WECHAT_POLICY.pureBlack.replacement`): WeChat has been seen
 * swallowing `color:#000`.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('pure-black', '<p style="color:#000;border-color:black">a</p>') // → '<p style="color:#1a1a1a;border-color:#1a1a1a">a</p>'
 */
export const pureBlackTransform: WechatTransform = {
  name: 'pure-black',
  run({ $ }) {
    for (const node of descendants($.root().contents().toArray())) {
      if (!isElement(node) || !node.attribs.style) continue;
      const decls = parseStyle(node.attribs.style);
      if (!decls.some((d) => isColourProperty(d.prop) && isPureBlack(d.value))) continue;
      node.attribs.style = serializeStyle(decls.map((d) => (isColourProperty(d.prop) && isPureBlack(d.value) ? { ...d, value: WECHAT_POLICY.pureBlack.replacement } : d)));
    }
  },
};
