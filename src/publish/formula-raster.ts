import { WECHAT_POLICY } from '../wechat/policy.js';

/** Image pixels per CSS pixel of a formula image: sharp on the 3× screens of current phones. */
export const FORMULA_IMAGE_DENSITY = 3;

/** The colours a formula image is drawn in: its text colour on its background. */
export interface FormulaPaint {
  /** The text colour around the formula (a CSS colour). */
  color: string;
  /** The background around it (a CSS colour); the image is opaque. */
  background: string;
}

/** A formula drawn as a PNG, with the size it is shown at. */
export interface FormulaRaster {
  png: Buffer;
  /** Pixels of the PNG. */
  width: number;
  height: number;
  /** The size it is shown at and how far below the baseline it reaches, in ex (as the drawing's own style). */
  widthEx: number;
  depthEx: number;
}

const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\))$/i;

/**
 * Draws a formula's compact SVG (as the render wrote it: `currentColor`, its size and baseline
 * in ex in `style`) as an opaque PNG: its glyphs in the text colour on the background colour,
 * `FORMULA_IMAGE_DENSITY` pixels per CSS pixel at the article's x-height. An image does not
 * follow the reader's dark mode, so it is opaque: it reads in both modes, as a light box in
 * dark mode. resvg is loaded on first use.
 *
 * @param svg - The `<svg>` of a drawn formula (`RenderResult.formulas[n].svg`).
 * @param paint - Text and background colours; anything that is not a plain CSS colour falls back to `#333` on `#fff`.
 * @example
 * import { renderDigest } from '../render/render.js'
 * const tex = '\\begin{bmatrix}a&b\\\\c&d\\end{bmatrix}'
 * const [drawn] = renderDigest({ title: 'T', sections: [{ items: [{ title: 'A', points: [`$${tex}$`] }] }] }).formulas
 * const image = await rasteriseFormula(drawn.svg, { color: '#333', background: '#fff' })
 * image.png.subarray(1, 4).toString() // → 'PNG'
 * image.width // → 169
 * image.height // → 130
 * image.widthEx // → 7.04
 * image.depthEx // → 2.15
 */
export async function rasteriseFormula(svg: string, paint: FormulaPaint): Promise<FormulaRaster> {
  const open = /^<svg\b([^>]*)>/.exec(svg);
  const style = /\bstyle="([^"]*)"/.exec(open?.[1] ?? '')?.[1] ?? '';
  const ex = (prop: string) => Number(new RegExp(`(?:^|;)${prop}:(-?[\\d.]+)ex`).exec(style)?.[1]);
  const widthEx = ex('width'), heightEx = ex('height'), depthEx = -ex('vertical-align');
  if (!open || !(widthEx > 0 && heightEx > 0 && Number.isFinite(depthEx))) {
    throw new TypeError('rasteriseFormula: expected the <svg> of a drawn formula, with its width, height and vertical-align in ex');
  }
  const color = COLOUR.test(paint.color.trim()) ? paint.color.trim() : '#333';
  const background = COLOUR.test(paint.background.trim()) ? paint.background.trim() : '#fff';
  const scale = WECHAT_POLICY.math.pxPerEx * FORMULA_IMAGE_DENSITY;
  const width = Math.max(1, Math.round(widthEx * scale));
  const height = Math.max(1, Math.round(heightEx * scale));
  const attributes = open[1].replace(/\s*\bstyle="[^"]*"/, '');
  const document =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" color="${color}" preserveAspectRatio="none"${attributes}>` +
    svg.slice(open[0].length).replaceAll('currentColor', color);
  // Loaded here: only a publish that turns formulas into images needs it.
  const { Resvg } = await import('@resvg/resvg-js');
  // System fonts only for characters MathJax has no glyph for (kept as <text>).
  const png = new Resvg(document, { background, fitTo: { mode: 'original' }, font: { loadSystemFonts: svg.includes('<text') } }).render().asPng();
  return { png, width, height, widthEx, depthEx };
}
