import type { Element } from 'domhandler';
import { WECHAT_POLICY } from './policy.js';
import type { CheckRule } from './rules.js';
import { cssFunctions, parseStyle } from './style.js';

type Add = (rule: CheckRule, detail: string, excerpt: string) => void;

/** Paint values the reader's dark mode needs nothing done to. */
const RECOLOURED = new Set(['currentcolor', 'none', 'transparent', 'inherit', '']);
const PAINT = ['fill', 'stroke', 'stop-color', 'color'];
/**
 * Shapes whose fill is decoration, not ink: a filled dot or box in a fixed colour (a code
 * window's three dots) reads the same on the light and the dark page. Glyph outlines, text and
 * strokes are ink, and must follow the text colour.
 */
const DECORATION = new Set(['circle', 'ellipse', 'rect']);

/**
 * True when an attribute of an element inside `<svg>` points elsewhere: an `href` or
 * `xlink:href` (an `<image>` fetched from a server, a link, a part of the drawing), or a value
 * that calls `url(…)` (`fill="url(#g)"`, `fill="url(https://…)"`, `<set to="url(…)">`), escapes
 * decoded. WeChat removes ids, so a reference inside the drawing points nowhere, and one outside
 * is fetched from wherever it points.
 *
 * @example
 * svgReference('fill', 'url(https://example.com/p.svg#g)') // → true
 * svgReference('xlink:href', '#a') // → true
 * svgReference('fill', 'currentColor') // → false
 */
export function svgReference(attribute: string, value: string): boolean {
  const attr = attribute.toLowerCase();
  return attr === 'href' || attr.endsWith(':href') || (/url|\\/i.test(value) && cssFunctions(value).includes('url'));
}

/**
 * Checks one element inside an `<svg>`: what points elsewhere or embeds HTML (svg-unsafe) and
 * fixed colours that dark mode will not recolour (svg-fixed-colour).
 *
 * @example
 * import { parseDocument } from 'htmlparser2'
 * const svg = parseDocument('<svg><path fill="#333" d="M0 0h9"></path></svg>').children[0]
 * const found = []
 * checkSvgElement(svg.children[0], (rule, detail) => found.push([rule, detail]), '<path fill="#333">')
 * // found → [['svg-fixed-colour', 'fill="#333"']]
 */
export function checkSvgElement(el: Element, add: Add, excerpt: string): void {
  const tag = el.name.toLowerCase();
  // A stripped element (`<use href>`, `<linearGradient>`) is reported as svg-stripped already.
  if ((WECHAT_POLICY.svg.stripped as readonly string[]).includes(tag)) return;
  if (tag === 'foreignobject') add('svg-unsafe', '<foreignObject>', excerpt);
  const fixed = (paint: string) => !(paint === 'fill' && DECORATION.has(tag));
  for (const [name, value] of Object.entries(el.attribs)) {
    const attr = name.toLowerCase();
    if (svgReference(attr, value)) add('svg-unsafe', `${attr}="${value.slice(0, 60)}"`, excerpt);
    else if (PAINT.includes(attr) && fixed(attr) && !RECOLOURED.has(value.trim().toLowerCase())) add('svg-fixed-colour', `${attr}="${value}"`, excerpt);
    else if (attr === 'style') {
      for (const d of parseStyle(value)) {
        if (PAINT.includes(d.prop) && d.prop !== 'color' && fixed(d.prop) && !RECOLOURED.has(d.value.trim().toLowerCase()) && !/url\(/i.test(d.value)) {
          add('svg-fixed-colour', `${d.prop}:${d.value}`, excerpt);
        }
      }
    }
  }
}

/**
 * The width of an `<svg>` in CSS pixels at the phone's text size, from its `style` (or its
 * `width` attribute): `px`, `em`, `ex`, or the `viewBox` width when nothing else says.
 * Undefined for a relative width (`100%`), which never spills out.
 *
 * @example
 * svgWidthPx('width:50ex;height:2ex', undefined, undefined) // → 400
 */
export function svgWidthPx(style: string, widthAttr: string | undefined, viewBox: string | undefined): number | undefined {
  const fromStyle = parseStyle(style).find((d) => d.prop === 'width')?.value;
  const raw = (fromStyle ?? widthAttr ?? '').trim().toLowerCase();
  const m = /^(-?[\d.]+)(px|em|ex|rem)?$/.exec(raw);
  const { pxPerEx, pxPerEm } = WECHAT_POLICY.math;
  if (m) {
    const n = parseFloat(m[1]);
    return m[2] === 'ex' ? n * pxPerEx : m[2] === 'em' || m[2] === 'rem' ? n * pxPerEm : n;
  }
  if (raw) return undefined;
  const vb = viewBox?.trim().split(/[\s,]+/).map(Number);
  return vb && vb.length === 4 && Number.isFinite(vb[2]) ? vb[2] : undefined;
}

/**
 * True when a style makes its element scroll sideways (so a wide child stays inside it).
 *
 * @example
 * scrollsSideways('overflow-x:auto') // → true
 */
export function scrollsSideways(style: string): boolean {
  return parseStyle(style).some((d) => (d.prop === 'overflow-x' || d.prop === 'overflow') && /^(auto|scroll)\b/.test(d.value.trim().toLowerCase()));
}
