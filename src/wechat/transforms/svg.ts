import type { Element } from 'domhandler';
import { WECHAT_POLICY } from '../policy.js';
import { descendants, isElement } from '../dom.js';
import type { WechatTransform } from './types.js';
import { svgReference } from '../svg-check.js';

const kept = new Set<string>(WECHAT_POLICY.svg.tags);
const stripped = new Set<string>(WECHAT_POLICY.svg.stripped);

/**
 * Inline SVG as WeChat keeps it: the parts it strips (`defs`, `style`, `use`, gradients,
 * filters, masks, …) and anything that is not an SVG shape are removed, and so are `id`,
 * `class`, event handlers and everything that points elsewhere (`href`, `xlink:href`, any `url(…)`:
 * ids are gone, and an outside address would be fetched). An SVG left with
 * nothing to draw is removed.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('svg', '<svg id="s"><defs><linearGradient id="g"></linearGradient></defs><circle r="4" fill="url(#g)" stroke="currentColor"/></svg>')
 * // → '<svg><circle r="4" stroke="currentColor"/></svg>'
 */
export const svgCleanup: WechatTransform = {
  name: 'svg',
  run({ $ }) {
    for (const svg of $('svg').toArray()) {
      for (const node of descendants([svg])) {
        if (!isElement(node) || !node.parent) continue;
        const tag = node.name.toLowerCase();
        if (node !== svg && (stripped.has(tag) || !kept.has(tag))) {
          $(node).remove();
          continue;
        }
        cleanAttributes(node);
      }
      // Nothing left to draw.
      if (!svg.children.some(isElement)) $(svg).remove();
    }
  },
};

function cleanAttributes(el: Element): void {
  for (const [name, value] of Object.entries(el.attribs)) {
    const attr = name.toLowerCase();
    if (attr === 'id' || attr === 'class' || attr.startsWith('on') || svgReference(attr, value)) delete el.attribs[name];
  }
}
