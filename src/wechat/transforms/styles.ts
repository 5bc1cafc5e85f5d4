import { cssViolation } from '../policy.js';
import { descendants, isElement } from '../dom.js';
import { parseStyle, serializeStyle, type StyleDeclaration } from '../style.js';
import type { WechatTransform } from './types.js';

/** `var(--x, fallback)` → `fallback`, when every var() in the value has a plain fallback. */
function resolveFallbacks(value: string): string {
  return value.replace(/var\(\s*--[\w-]+\s*,\s*([^()]*(?:\([^()]*\)[^()]*)*)\)/gi, (_m, fallback: string) => fallback.trim());
}

/**
 * One declaration as WeChat can keep it, or undefined: `!important` is dropped (inline styles
 * win anyway), `var()` with a fallback becomes the fallback, and whatever the policy still
 * rejects (positioning, `url()`, gradients, unresolvable `var()`, …) is removed.
 *
 * @example
 * cleanDeclaration({ prop: 'color', value: 'var(--c, #333) !important' }) // → { prop: 'color', value: '#333' }
 * cleanDeclaration({ prop: 'position', value: 'absolute' }) // → undefined
 */
export function cleanDeclaration(decl: StyleDeclaration): StyleDeclaration | undefined {
  let value = decl.value.replace(/\s*!\s*important\s*$/i, '');
  if (/var\(/i.test(value)) value = resolveFallbacks(value);
  value = value.replace(/"/g, "'");
  if (!value || cssViolation(decl.prop, value)) return undefined;
  return { prop: decl.prop, value };
}

/**
 * Style attributes keep only what WeChat keeps: each declaration through `cleanDeclaration`;
 * an empty style attribute is removed.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('styles', '<p style="position:absolute;color:var(--c, #333) !important;margin:0">a</p>')
 * // → '<p style="color:#333;margin:0">a</p>'
 */
export const stylesTransform: WechatTransform = {
  name: 'styles',
  run({ $ }) {
    for (const node of descendants($.root().contents().toArray())) {
      if (!isElement(node) || node.attribs.style === undefined) continue;
      const kept = parseStyle(node.attribs.style).map(cleanDeclaration).filter((d): d is StyleDeclaration => d !== undefined);
      if (kept.length) node.attribs.style = serializeStyle(kept);
      else delete node.attribs.style;
    }
  },
};
