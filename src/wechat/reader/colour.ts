/** A colour as `[r, g, b, a]`: channels 0–255, alpha 0–1. */
export type Rgba = [number, number, number, number];

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const FUNC = /^(rgba?|hsla?)\(([^()]*)\)$/i;

/**
 * Reads a CSS colour written as `#rgb`, `#rrggbb`, `rgb()`, `rgba()`, `hsl()` or `hsla()`
 * (comma-separated, the forms the `accent` option accepts).
 *
 * @param css - The colour.
 * @returns `[r, g, b, a]`, or undefined for anything else.
 * @example
 * parseColour('#16a')               // → [17, 102, 170, 1]
 * parseColour('hsl(174,79%,26%)')   // → [14, 119, 108, 1]
 */
export function parseColour(css: string): Rgba | undefined {
  const value = css.trim();
  const hex = HEX.exec(value)?.[1];
  if (hex) {
    const pairs = hex.length === 3 ? [...hex].map((c) => c + c) : [hex.slice(0, 2), hex.slice(2, 4), hex.slice(4, 6)];
    const [r, g, b] = pairs.map((p) => parseInt(p, 16));
    return [r, g, b, 1];
  }
  const m = FUNC.exec(value);
  if (!m) return undefined;
  const parts = m[2].split(',').map((p) => p.trim());
  if (parts.length < 3 || parts.length > 4 || parts.some((p) => !/^\d*\.?\d+(%|deg)?$/.test(p))) return undefined;
  const alpha = parts.length === 4 ? Math.min(1, parseFloat(parts[3])) : 1;
  if (m[1].toLowerCase().startsWith('rgb')) {
    const [r, g, b] = parts.slice(0, 3).map((p) => Math.min(255, p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p)));
    return [Math.round(r), Math.round(g), Math.round(b), alpha];
  }
  const [h, s, l] = [parseFloat(parts[0]) % 360, Math.min(100, parseFloat(parts[1])) / 100, Math.min(100, parseFloat(parts[2])) / 100];
  const k = (n: number) => (n + h / 30) % 12;
  const f = (n: number) => l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255), alpha];
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
