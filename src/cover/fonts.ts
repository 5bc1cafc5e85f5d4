import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The font package covers are set in, and the weights they use. */
export const COVER_FONT = {
  package: '@fontsource/noto-sans-sc',
  family: 'Noto Sans SC',
  weights: [400, 700],
} as const;

/** One font file for satori: a unicode-range subset of Noto Sans SC at one weight, under its own name. */
export interface CoverFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

type Ranges = [number, number][];

let subsets: Promise<{ dir: string; ranges: Map<string, Ranges> }> | undefined;

/** The package's subsets (`[0]`…`[119]`, `latin`, …) and the code points each covers, read once. */
function loadSubsets(): Promise<{ dir: string; ranges: Map<string, Ranges> }> {
  subsets ??= (async () => {
    const require = createRequire(import.meta.url);
    const index = require.resolve(`${COVER_FONT.package}/unicode.json`);
    const json = JSON.parse(await readFile(index, 'utf8')) as Record<string, string>;
    const ranges = new Map<string, Ranges>();
    for (const [subset, list] of Object.entries(json)) {
      ranges.set(
        subset,
        list.split(',').map((range) => {
          const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
          return [parseInt(from, 16), parseInt(to ?? from, 16)];
        }),
      );
    }
    return { dir: dirname(index), ranges };
  })();
  return subsets;
}

/**
 * The font files that draw `text`: only the unicode-range subsets (about 40 KB each) that hold
 * one of its characters, at each weight, in the package's order, so the same text always gets
 * the same fonts. Each subset has its own family name; list them all in `font-family` so satori
 * falls back from one to the next.
 *
 * @example
 * const fonts = await coverFonts('今日 Daily')
 * fonts.slice(-2).map((f) => `${f.name}/${f.weight}`) // → ['wd-cover-latin/400', 'wd-cover-latin/700']
 * fonts[0].data.length < 100_000 // → true
 */
export async function coverFonts(text: string): Promise<CoverFont[]> {
  const { dir, ranges } = await loadSubsets();
  const points = [...new Set([...text].map((ch) => ch.codePointAt(0)!))];
  const needed = [...ranges].filter(([, list]) => points.some((p) => list.some(([a, b]) => p >= a && p <= b))).map(([subset]) => subset);
  const fonts: CoverFont[] = [];
  for (const subset of needed) {
    const file = subset.replace(/^\[(\d+)\]$/, '$1');
    for (const weight of COVER_FONT.weights) {
      const data = await readFile(join(dir, 'files', `noto-sans-sc-${file}-${weight}-normal.woff`));
      fonts.push({ name: `wd-cover-${subset}`, data, weight, style: 'normal' });
    }
  }
  return fonts;
}
