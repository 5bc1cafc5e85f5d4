import { createHash } from 'node:crypto';
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { escapeHtml } from '../core/escape.js';
import type { DrawnFormula } from '../render/math/render-math.js';
import { parseStyle } from '../wechat/style.js';
import { rasteriseFormula, type FormulaPaint } from './formula-raster.js';
import type { MathImageMode } from './image-policy.js';
import { sniffImage, type ImageFile } from './images.js';
import type { UploadRecord } from './progress.js';

/** What `formulaImages` needs. */
export interface FormulaImageJob {
  /** The whole article, its image sources already WeChat's. */
  html: string;
  /** The render's drawn formulas (`RenderResult.formulas`). */
  formulas: DrawnFormula[];
  mode: MathImageMode;
  /** For `heavy`: the size of drawing (characters of its `<svg>`) from which a formula becomes an image. */
  minChars: number;
  /** True when an article's HTML fits the draft API's limits. */
  fits: (html: string) => boolean;
  /** Uploads one image made here (see `uploadGenerated`). */
  upload: (file: ImageFile) => Promise<UploadRecord>;
}

/** What `formulaImages` decided: how to put the images in an article, and their uploads. */
export interface FormulaImages {
  /** Replaces each formula made an image by its `<img>`, in the whole article or in a part of it. */
  replace: (html: string) => string;
  /** One record per formula made an image, heaviest first. */
  records: UploadRecord[];
}

interface Candidate {
  formula: DrawnFormula;
  /** Characters the formula's drawings take in the article (its size times its repeats). */
  weight: number;
}

/**
 * Turns drawn formulas into images (the third tier of math): each chosen formula is drawn as
 * an opaque PNG in the text and background colours around it (`rasteriseFormula`), uploaded as
 * a body image (cached by its bytes, so a rerun uploads nothing again) and put in place of its
 * `<svg>`, with its TeX as the `alt` text, at the size and baseline the drawing had. Which ones:
 * see `MathImageMode`; with `fit`, the heaviest are taken one at a time until the article fits.
 * An image does not follow the reader's dark mode and its text cannot be copied, which is why
 * the default takes them only to make an article fit.
 *
 * @param job - The article, its formulas, the mode, and how to check the size and upload.
 * @example
 * import { renderDigest } from '../render/render.js'
 * import { checkContentSize } from '../wechat/check.js'
 * const rendered = renderDigest({ title: 'T', sections: [{ items: [{ title: 'A', points: ['$\\begin{bmatrix}a&b\\\\c&d\\end{bmatrix}$'] }] }] })
 * const upload = async (file) => ({ kind: 'image', source: file.source, status: 'pending', url: 'https://mmbiz.qpic.cn/m/1' })
 * const job = { html: rendered.html, formulas: rendered.formulas, mode: 'all', minChars: 2000, fits: (h) => checkContentSize(h).length === 0, upload }
 * const { replace, records } = await formulaImages(job)
 * records.map((r) => r.source) // → ['(formula \\begin{bmatrix}a&b\\\\c&d\\end{bmatrix})']
 * replace(rendered.html).match(/<img[^>]*>/)[0]
 * // → '<img src="https://mmbiz.qpic.cn/m/1" alt="\\begin{bmatrix}a&amp;b\\\\c&amp;d\\end{bmatrix}" style="width:7.04ex;vertical-align:-2.15ex">'
 */
export async function formulaImages(job: FormulaImageJob): Promise<FormulaImages> {
  const { html, mode } = job;
  const candidates = weigh(html, job.formulas);
  const images = new Map<string, string>();
  const records: UploadRecord[] = [];
  const replace = (text: string) => {
    let out = text;
    for (const [svg, img] of images) out = out.split(svg).join(img);
    return out;
  };
  if (mode === 'never' || !candidates.length) return { replace, records };

  const paints = paintsAround(html, new Set(candidates.map((c) => c.formula.svg)));
  const take = async ({ formula }: Candidate) => {
    const drawn = await rasteriseFormula(formula.svg, paints.get(formula.svg) ?? { color: '#333', background: '#fff' });
    const sha256 = createHash('sha256').update(drawn.png).digest('hex');
    const file: ImageFile = { source: `(formula ${formula.tex.trim().replace(/\s+/g, ' ')})`, bytes: drawn.png, sha256, ...sniffImage(drawn.png)! };
    const record = await job.upload(file);
    records.push(record);
    const style = `width:${ex(drawn.widthEx)}ex;vertical-align:${ex(-drawn.depthEx)}ex`;
    images.set(formula.svg, `<img src="${escapeHtml(record.url ?? '')}" alt="${escapeHtml(formula.tex.trim())}" style="${style}">`);
  };

  const chosen = mode === 'all' ? candidates : mode === 'heavy' ? candidates.filter((c) => c.formula.svg.length >= job.minChars) : [];
  for (const c of chosen) await take(c);
  // Then, while the article is over the limit, the heaviest formula still drawn.
  for (const c of candidates) {
    if (job.fits(replace(html))) break;
    if (!images.has(c.formula.svg)) await take(c);
  }
  return { replace, records };
}

/** The distinct drawn formulas of the article, heaviest first (size of the drawing × repeats). */
function weigh(html: string, formulas: DrawnFormula[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const formula of formulas) {
    if (seen.has(formula.svg)) continue;
    const repeats = html.split(formula.svg).length - 1;
    if (repeats > 0) seen.set(formula.svg, { formula, weight: formula.svg.length * repeats });
  }
  return [...seen.values()].sort((a, b) => b.weight - a.weight);
}

/**
 * The text colour and background around the first drawing of each formula: the nearest
 * `color` and the nearest background colour among the elements that hold it (white when no
 * element sets one: WeChat's page).
 */
function paintsAround(html: string, svgs: Set<string>): Map<string, FormulaPaint> {
  const starts = new Map<number, string>();
  for (const svg of svgs) starts.set(html.indexOf(svg), svg);
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: false, withStartIndices: true } }, false);
  const paints = new Map<string, FormulaPaint>();
  for (const el of $('svg').toArray()) {
    const svg = el.startIndex === null ? undefined : starts.get(el.startIndex);
    if (!svg || paints.has(svg)) continue;
    let color: string | undefined;
    let background: string | undefined;
    for (let node: Element | null = el.parent as Element | null; node && node.type === 'tag'; node = node.parent as Element | null) {
      for (const { prop, value } of parseStyle(node.attribs.style ?? '')) {
        if (prop === 'color') color ??= value;
        if ((prop === 'background-color' || prop === 'background') && isPlainColour(value)) background ??= value;
      }
      if (color && background) break;
    }
    paints.set(svg, { color: color ?? '#333', background: background ?? '#fff' });
  }
  return paints;
}

/** A colour written alone (`#f5f5f5`, `rgb(…)`, `white`), not an image, a gradient or `transparent`. */
function isPlainColour(value: string): boolean {
  return /^(#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\)|[a-z]+)$/i.test(value) && !/^(transparent|none|inherit|initial|unset|revert|currentcolor)$/i.test(value);
}

/** A length in ex with at most two decimals. */
function ex(n: number): string {
  return String(Math.round(n * 100) / 100);
}
