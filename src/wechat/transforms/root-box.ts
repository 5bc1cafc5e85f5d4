import { splitRootBox } from '../writers.js';
import { rootElement, type WechatTransform } from './types.js';

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
