import { escapeHtml } from '../../core/escape.js';
import type { LiteNode } from './mathjax.js';
import { multiply, parsePath, parseTransform, transformSegments, writePath, type Affine, type Segment } from './path.js';

/**
 * MathJax units (thousandths of an em) per unit of the compact drawing. At 10, one unit is
 * 0.01 em, a sixth of a pixel at 15 px: finer than a phone shows, and two digits fewer per
 * coordinate than MathJax writes.
 */
export const GRID = 10;

/** How far (in drawing units) a curve's control point may move so that it can be written as `t`. */
export const TOLERANCE = 1;

/** MathJax's x-height in its units (0.442 em): how its `ex` sizes relate to its coordinates. */
const EX_UNITS = 442;

/** A compact, WeChat-safe drawing of one formula. */
export interface CompactSvg {
  /** `<svg viewBox style><path …></path>…</svg>`: no id, class, defs, use, href, style element or data-*. */
  html: string;
  /** Size in ex, as in its `style`. */
  width: number;
  height: number;
  /** How far below the baseline it reaches, in ex. */
  depth: number;
}

interface Paint {
  /** Stroke width in drawing units, 0 for a filled shape. */
  stroke: number;
}

interface Glyph {
  x: number;
  y: number;
  size: number;
  family: string;
  text: string;
}

/**
 * Glyph outlines read once per process: MathJax draws every glyph from one fixed table of path
 * data (its font), so reading a glyph's path is the same work every time it appears. Keyed by
 * the path data and bounded (a few thousand entries, more than the glyphs papers use); once
 * full, further paths are read each time. Segments are never changed in place
 * (`transformSegments` writes new ones), so sharing them is safe.
 */
const GLYPH_PATHS = new Map<string, Segment[] | undefined>();
const GLYPH_PATHS_MAX = 4096;

function readPath(d: string): Segment[] | undefined {
  const known = GLYPH_PATHS.get(d);
  if (known || GLYPH_PATHS.has(d)) return known;
  const segs = parsePath(d);
  if (GLYPH_PATHS.size < GLYPH_PATHS_MAX) GLYPH_PATHS.set(d, segs);
  return segs;
}

/** Thrown for MathJax output this pass does not know how to flatten (the caller falls back). */
class Unflattenable extends Error {}

/**
 * Flattens MathJax's SVG for one formula into as few elements as it can: every glyph, rule
 * and bar with the same paint becomes one `<path>` (each `<g transform>` applied to the
 * coordinates), coordinates become integers on a `GRID` (the `viewBox` scaled to match) and
 * relative, colours become `currentColor` (the reader's dark mode recolours text, never SVG
 * fills), and the size and baseline go into `style`. Characters MathJax has no glyph for stay
 * `<text>`. Undefined when the output holds something else (a nested `<svg>`, a rotation).
 *
 * @param container - What `MathJaxEngine.convert` returns.
 * @example
 * import { mathjaxEngine } from './mathjax.js'
 * compactSvg(mathjaxEngine().convert('x', false))?.html
 * // → '<svg viewBox="0 -45 58 47" fill="currentColor" style="width:1.31ex;height:1.06ex;vertical-align:-.05ex"><path d="M5-29q1-4 6-10…z"></path></svg>'
 */
export function compactSvg(container: LiteNode): CompactSvg | undefined {
  const svg = container.kind === 'svg' ? container : container.children?.find((c) => c.kind === 'svg');
  const box = String(svg?.attributes?.viewBox ?? '').split(/[\s,]+/).map(Number);
  if (!svg || box.length !== 4 || box.some((n) => !Number.isFinite(n))) return undefined;
  const buckets = new Map<number, Segment[]>();
  const glyphs: Glyph[] = [];
  try {
    for (const child of svg.children ?? []) walk(child, [1 / GRID, 0, 0, 1 / GRID, 0, 0], { stroke: 0 }, buckets, glyphs);
  } catch (e) {
    if (e instanceof Unflattenable) return undefined;
    throw e;
  }
  const [minX, minY, w, h] = box;
  const x0 = Math.floor(minX / GRID), y0 = Math.floor(minY / GRID);
  const x1 = Math.ceil((minX + w) / GRID), y1 = Math.ceil((minY + h) / GRID);
  const ex = (units: number) => (units * GRID) / EX_UNITS;
  const width = ex(x1 - x0), height = ex(y1 - y0), depth = ex(y1);
  let body = '';
  for (const [stroke, segs] of [...buckets].sort((a, b) => a[0] - b[0])) {
    if (!segs.length) continue;
    const paint = stroke ? ` fill="none" stroke="currentColor" stroke-width="${stroke}"` : '';
    body += `<path${paint} d="${writeSegments(segs)}"></path>`;
  }
  for (const g of glyphs) {
    body += `<text x="${g.x}" y="${g.y}" font-size="${g.size}" font-family="${escapeHtml(g.family)}">${escapeHtml(g.text)}</text>`;
  }
  const style = `width:${num(width)}ex;height:${num(height)}ex;vertical-align:${num(-depth)}ex`;
  return {
    html: `<svg viewBox="${x0} ${y0} ${x1 - x0} ${y1 - y0}" fill="currentColor" style="${style}">${body}</svg>`,
    width,
    height,
    depth,
  };
}

function walk(node: LiteNode, parent: Affine, paint: Paint, buckets: Map<number, Segment[]>, glyphs: Glyph[]): void {
  if (node.kind === '#text' || node.kind === '#comment') return;
  const a = node.attributes ?? {};
  let m = parent;
  if (a.transform !== undefined) {
    const t = parseTransform(String(a.transform));
    if (!t) throw new Unflattenable('a rotation or skew');
    m = multiply(parent, t);
  }
  const own: Paint = { ...paint };
  if (a['stroke-width'] !== undefined) {
    const sw = Number(a['stroke-width']);
    own.stroke = sw > 0 && a.stroke !== 'none' ? Math.max(1, Math.round((sw * Math.abs(m[0])) || 0)) : 0;
  }
  if (a.fill === 'none' && own.stroke === 0) return;
  const add = (segs: Segment[] | undefined) => {
    if (!segs) throw new Unflattenable('unreadable path data');
    const list = buckets.get(own.stroke) ?? [];
    list.push(...transformSegments(segs, m));
    buckets.set(own.stroke, list);
  };
  switch (node.kind) {
    case 'g':
      for (const child of node.children ?? []) walk(child, m, own, buckets, glyphs);
      return;
    case 'path':
      if (a.d) add(readPath(String(a.d)));
      return;
    case 'rect': {
      const x = Number(a.x ?? 0), y = Number(a.y ?? 0), rw = Number(a.width ?? 0), rh = Number(a.height ?? 0);
      add([{ cmd: 'M', pts: [x, y] }, { cmd: 'L', pts: [x + rw, y] }, { cmd: 'L', pts: [x + rw, y + rh] }, { cmd: 'L', pts: [x, y + rh] }, { cmd: 'Z', pts: [] }]);
      return;
    }
    case 'svg': {
      // A stretchy delimiter's middle piece: an extender glyph clipped to a small viewport.
      // Extenders are straight bars, so clamping their points into the viewport clips them exactly.
      const vb = String(a.viewBox ?? '').split(/[\s,]+/).map(Number);
      const w = Number(a.width), h = Number(a.height), x = Number(a.x ?? 0), y = Number(a.y ?? 0);
      if (vb.length !== 4 || !(vb[2] > 0 && vb[3] > 0 && w > 0 && h > 0) || Math.abs(w / vb[2] - h / vb[3]) > 1e-6) throw new Unflattenable('a nested <svg>');
      if (m[1] !== 0 || m[2] !== 0) throw new Unflattenable('a rotated viewport');
      const s = w / vb[2];
      const inner = multiply(m, [s, 0, 0, s, x - vb[0] * s, y - vb[1] * s]);
      const corners = [m[0] * x + m[4], m[0] * (x + w) + m[4], m[3] * y + m[5], m[3] * (y + h) + m[5]];
      const [x0, x1] = [Math.round(Math.min(corners[0], corners[1])), Math.round(Math.max(corners[0], corners[1]))];
      const [y0, y1] = [Math.round(Math.min(corners[2], corners[3])), Math.round(Math.max(corners[2], corners[3]))];
      const local = new Map<number, Segment[]>();
      for (const child of node.children ?? []) walk(child, inner, own, local, glyphs);
      for (const [paint, segs] of local) {
        const clamped = segs.map((seg) => ({ cmd: seg.cmd, pts: seg.pts.map((p, k) => (k % 2 ? Math.min(y1, Math.max(y0, p)) : Math.min(x1, Math.max(x0, p)))) }));
        buckets.set(paint, [...(buckets.get(paint) ?? []), ...clamped]);
      }
      return;
    }
    case 'line':
      add([{ cmd: 'M', pts: [Number(a.x1 ?? 0), Number(a.y1 ?? 0)] }, { cmd: 'L', pts: [Number(a.x2 ?? 0), Number(a.y2 ?? 0)] }]);
      return;
    case 'text': {
      if (m[1] !== 0 || m[2] !== 0 || m[0] <= 0 || Math.abs(m[0] - m[3]) > 1e-9) throw new Unflattenable('scaled text');
      const text = (node.children ?? []).map((c) => c.value ?? '').join('');
      const size = parseFloat(String(a['font-size'] ?? '1000')) * m[0];
      glyphs.push({ x: Math.round(m[4]), y: Math.round(m[5]), size: Math.round(size), family: String(a['font-family'] ?? 'serif'), text });
      return;
    }
    default:
      throw new Unflattenable(`<${node.kind}>`);
  }
}

function writeSegments(segs: Segment[]): string {
  // Drop moves that lead nowhere (a glyph rounded away entirely).
  return writePath(segs.filter((s, i) => s.cmd !== 'M' || (segs[i + 1] !== undefined && segs[i + 1].cmd !== 'M')), TOLERANCE);
}

/** A length in ex with at most two decimals, without a leading zero. */
function num(n: number): string {
  const s = (Math.round(n * 100) / 100).toString();
  return s.replace(/^(-?)0\./, '$1.');
}
