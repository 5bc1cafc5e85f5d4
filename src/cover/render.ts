import { DigestError } from '../core/errors.js';
import { resolveRenderOptions, type RenderOptions } from '../render/options.js';
import type { Digest, DigestInput } from '../digest/schema.js';
import { parseDigest } from '../digest/schema.js';
import { parseColour } from '../wechat/reader/colour.js';
import { builtinThemeCss } from '../theme/themes.js';
import { coverFonts } from './fonts.js';
import { COVER_LAYOUT, COVER_STYLES, coverContent, coverCrops, coverText, coverTree, type CoverStyle } from './layout.js';

/** A cover made from a digest. */
export interface RenderedCover {
  /** The PNG file. */
  png: Buffer;
  width: number;
  height: number;
  /** The draft's crop fields for this cover. */
  crops: { pic_crop_235_1: string; pic_crop_1_1: string };
}

/** The accent: the `accent` option, else the theme's `--wd-accent`. */
function themeAccent(theme: string | { css: string }, accent: string | undefined): string {
  if (accent !== undefined) {
    if (typeof accent !== 'string' || !parseColour(accent)) {
      throw new DigestError('E_INVALID_OPTION', `accent: expected a colour such as #0f766e, rgb(15,118,110) or hsl(174,79%,26%), received ${JSON.stringify(accent)}`);
    }
    return accent.trim();
  }
  const css = typeof theme === 'string' ? builtinThemeCss(theme) : theme.css;
  const found = /--wd-accent\s*:\s*([^;}]+)/.exec(css)?.[1]?.trim();
  return found && parseColour(found) ? found : '#16a';
}

function themeStyle(theme: string | { css: string }): CoverStyle {
  return typeof theme === 'string' ? (COVER_STYLES[theme] ?? 'solid') : 'solid';
}

/**
 * Draws the cover of a digest: 900 × 383 PNG with the account, title, subtitle and date inside
 * the centre square that WeChat's 1:1 crop keeps, the category tags on the left and the day on
 * the right, in the theme's accent. Text is set in Noto Sans SC from an npm package (never a
 * system font), so the same digest and options give the same bytes on every machine.
 *
 * @param input - A digest (validated here).
 * @param render - The render options: `theme` (its accent and cover style), `accent` and `locale`.
 * @throws DigestError `E_INVALID_DIGEST` or `E_INVALID_OPTION` (an unknown theme).
 * @example
 * const { png, width, height, crops } = await renderCover(digest, { theme: 'modern' })
 * // width → 900
 * // height → 383
 * // crops → { pic_crop_235_1: '0_0_1_1', pic_crop_1_1: '0.287222_0_0.712778_1' }
 * png.subarray(1, 4).toString() // → 'PNG'
 */
export async function renderCover(input: DigestInput | Digest, render: RenderOptions = {}): Promise<RenderedCover> {
  const opts = resolveRenderOptions(render);
  const digest = parseDigest(input);
  const content = coverContent(digest, themeAccent(opts.theme, opts.accent), themeStyle(opts.theme), opts.locale ?? digest.locale ?? 'zh');
  const fonts = await coverFonts(coverText(content));
  const tree = coverTree(content, fonts.map((f) => f.name).filter((n, i, all) => all.indexOf(n) === i).join(', '));
  // Loaded here: only a cover needs them.
  const [{ default: satori }, { Resvg }] = await Promise.all([import('satori'), import('@resvg/resvg-js')]);
  const { width, height } = COVER_LAYOUT;
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], { width, height, fonts });
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return { png, width, height, crops: coverCrops() };
}
