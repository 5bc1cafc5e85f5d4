/** A colour as `[r, g, b, a]`: channels 0–255, alpha 0–1. */
export type Rgba = [number, number, number, number];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A channel: a number, or a percentage of `scale`. */
const channel = (p: string, scale: number) => (p.endsWith('%') ? (parseFloat(p) / 100) * scale : parseFloat(p));

/**
 * Reads a CSS colour: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`, `hsl()` and
 * `hsla()`, with commas or with spaces and a slash before the alpha. Channels are clamped, not
 * rounded. The one colour parser of the package: the theme's accent check and the reader's
 * recolouring both read colours with it.
 *
 * @param css - The colour.
 * @returns `[r, g, b, a]`, or undefined for anything else (names, `currentColor`, typos).
 * @example
 * parseColour('#16a')                      // → [17, 102, 170, 1]
 * parseColour('rgb(10% 20% 100% / 50%)')  // → [25.5, 51, 255, 0.5]
 * parseColour('hsl(174,79%,26%)')?.map(Math.round) // → [14, 119, 108, 1]
 * parseColour('red')                       // → undefined
 */
export function parseColour(css: string): Rgba | undefined {
  const value = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1];
  if (hex !== undefined) {
    if (hex.length === 5 || hex.length === 7) return undefined;
    const digits = hex.length <= 4 ? [...hex].map((c) => parseInt(c + c, 16)) : (hex.match(/../g) ?? []).map((p) => parseInt(p, 16));
    return [digits[0], digits[1], digits[2], digits.length === 4 ? digits[3] / 255 : 1];
  }
  const fn = /^(rgba?|hsla?)\(([^()]*)\)$/.exec(value);
  if (!fn) return undefined;
  const parts = fn[2].split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return undefined;
  const alpha = parts[3] === undefined ? 1 : channel(parts[3], 1);
  if (fn[1].startsWith('rgb')) {
    const rgba = [channel(parts[0], 255), channel(parts[1], 255), channel(parts[2], 255), alpha];
    if (rgba.some((n) => Number.isNaN(n))) return undefined;
    return [clamp(rgba[0], 0, 255), clamp(rgba[1], 0, 255), clamp(rgba[2], 0, 255), clamp(rgba[3], 0, 1)];
  }
  const [h, s, l] = [parseFloat(parts[0]) % 360, clamp(parseFloat(parts[1]), 0, 100) / 100, clamp(parseFloat(parts[2]), 0, 100) / 100];
  if ([h, s, l, alpha].some((n) => Number.isNaN(n))) return undefined;
  const k = (n: number) => (n + h / 30) % 12;
  const f = (n: number) => (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))) * 255;
  return [f(0), f(8), f(4), clamp(alpha, 0, 1)];
}

/**
 * Writes a colour as `rgb(r, g, b)`, or `rgba(r, g, b, a)` when it is translucent.
 *
 * @example
 * formatColour([1.4, 2.6, 300, 1]) // → 'rgb(1, 3, 255)'
 * formatColour([0, 0, 0, 0.5])     // → 'rgba(0, 0, 0, 0.5)'
 */
export function formatColour(c: Rgba): string {
  const [r, g, b] = [c[0], c[1], c[2]].map((v) => Math.round(clamp(v, 0, 255)));
  return c[3] >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round(c[3] * 1000) / 1000})`;
}

/**
 * Perceived brightness, 0–255 (the W3C AERT formula the reader uses).
 *
 * @example
 * brightness([255, 255, 255, 1]) // → 255
 */
export function brightness(c: Rgba): number {
  return (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000;
}

/**
 * A colour as `[hue 0–360, saturation %, lightness %, alpha]`.
 *
 * @example
 * toHsl([255, 0, 0, 1]) // → [0, 100, 50, 1]
 */
export function toHsl(c: Rgba): Rgba {
  const [r, g, b] = [c[0] / 255, c[1] / 255, c[2] / 255];
  const min = Math.min(r, g, b);
  const max = Math.max(r, g, b);
  const delta = max - min;
  let h = 0;
  if (delta !== 0) {
    if (max === r) h = (g - b) / delta;
    else if (max === g) h = 2 + (b - r) / delta;
    else h = 4 + (r - g) / delta;
  }
  h = Math.min(h * 60, 360);
  if (h < 0) h += 360;
  const l = (min + max) / 2;
  const s = delta === 0 ? 0 : l <= 0.5 ? delta / (max + min) : delta / (2 - max - min);
  return [h, s * 100, l * 100, c[3]];
}

/**
 * The colour of `[hue, saturation %, lightness %, alpha]` (see `toHsl`).
 *
 * @example
 * fromHsl([0, 0, 50, 1]) // → [127.5, 127.5, 127.5, 1]
 */
export function fromHsl(hsl: Rgba): Rgba {
  const [h, s, l] = [hsl[0] / 360, hsl[1] / 100, hsl[2] / 100];
  if (s === 0) return [l * 255, l * 255, l * 255, hsl[3]];
  const t2 = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const t1 = 2 * l - t2;
  const ch = (offset: number) => {
    let t = h + offset;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (6 * t < 1) return (t1 + (t2 - t1) * 6 * t) * 255;
    if (2 * t < 1) return t2 * 255;
    if (3 * t < 2) return (t1 + (t2 - t1) * (2 / 3 - t) * 6) * 255;
    return t1 * 255;
  };
  return [ch(1 / 3), ch(0), ch(-1 / 3), hsl[3]];
}

/**
 * `top` painted over `bottom` (normal blending with alpha).
 *
 * @example
 * over([255, 255, 255, 1], [0, 0, 0, 0.5]) // → [127.5, 127.5, 127.5, 1]
 */
export function over(bottom: Rgba, top: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const ch = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
  return [ch(0), ch(1), ch(2), a];
}

/** WCAG 2 relative luminance of an opaque colour. */
function luminance([r, g, b]: Rgba): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * The WCAG 2 contrast ratio of two opaque colours, from 1 to 21.
 *
 * @example
 * contrastRatio([255, 255, 255, 1], [17, 102, 170, 1]).toFixed(2) // → '5.99'
 */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
