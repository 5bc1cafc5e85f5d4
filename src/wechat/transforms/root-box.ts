import { WECHAT_POLICY } from '../policy.js';
import { parseStyle, serializeStyle } from '../style.js';
import { rootElement, type WechatTransform } from './types.js';

/**
 * Splits the root's style into what stays on the root and what the paste cleaner would drop
 * there (`padding…`, `background…`), which goes on an inner box instead.
 *
 * @example
 * splitRootBox('font-size:15px;padding:0 8px;background-color:#fafafa')
 * // → { root: 'font-size:15px', box: 'padding:0 8px;background-color:#fafafa' }
 */
export function splitRootBox(style: string): { root: string; box: string } {
  const decls = parseStyle(style);
  const inBox = (prop: string) => WECHAT_POLICY.rootBox.properties.some((p) => prop.startsWith(p));
  return { root: serializeStyle(decls.filter((d) => !inBox(d.prop))), box: serializeStyle(decls.filter((d) => inBox(d.prop))) };
}

/**
 * The root's padding and background move to an inner `<section>` holding all its content:
 * the paste cleaner drops them from the outermost container.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('root-box', '<section style="color:#333;padding:8px"><p>a</p></section>')
 * // → '<section style="color:#333"><section style="padding:8px"><p>a</p></section></section>'
 */
export const rootBoxTransform: WechatTransform = {
  name: 'root-box',
  run(ctx) {
    const root = rootElement(ctx);
    if (!root?.attribs.style) return;
    const { root: rest, box } = splitRootBox(root.attribs.style);
    if (!box) return;
    if (rest) root.attribs.style = rest;
    else delete root.attribs.style;
    const inner = ctx.$('<section></section>').attr('style', box);
    inner.append(ctx.$(root).contents());
    ctx.$(root).append(inner);
  },
};
