import { parseStyle, type StyleDeclaration } from '../style.js';
import { brightness, formatColour, parseColour, type Rgba } from './colour.js';
import { convertTree } from './convert.js';
import { READER_COLOURS, readerBackground, readerText } from './model.js';

/** The WeChat reader's dark-mode recolouring, re-implemented (see `createReaderDarkmode`). */
export interface ReaderDarkmode {
  /** The reader's default colours: light and dark page background and text. */
  readonly defaults: { lightBackground: Rgba; lightText: Rgba; darkBackground: Rgba; darkText: Rgba };
  /** Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`, `hsl()` and `hsla()`; `null` for anything else. */
  parse(css: string): Rgba | null;
  /** Writes a colour as `rgb(r, g, b)`, or `rgba(r, g, b, a)` when it is translucent. */
  format(color: Rgba): string;
  /** Perceived brightness, 0–255 (the W3C AERT formula the reader uses). */
  brightness(color: Rgba): number;
  /** The dark-mode colour of a background `color` drawn over `under` (default: the dark page). */
  background(color: Rgba, under?: Rgba): Rgba;
  /** The dark-mode colour of text `color` on the dark-mode background `background`. */
  text(color: Rgba, background?: Rgba): Rgba;
  /**
   * Recolours `root` and every element in it in place, as the reader does to an article: text,
   * background, border and text-shadow colours in inline styles. Returns how many declarations
   * changed. Browser only.
   */
  convertTree(root: Element): number;
}

/**
 * The dark-mode algorithm that the WeChat reader runs on articles (wechatjs/mp-darkmode, MIT),
 * as one object: the colour model (`wechat/reader/model.ts`), the one colour parser
 * (`wechat/reader/colour.ts`) and the page recolouring (`wechat/reader/convert.ts`). The preview
 * page gets these modules bundled into its script at build time.
 *
 * @param splitStyle - Splits a style attribute into declarations; `parseStyle` by default.
 * @example
 * const dm = createReaderDarkmode()
 * dm.format(dm.text(dm.parse('#333')!))        // → 'rgb(163, 163, 163)'
 * dm.format(dm.background(dm.parse('#fff')!))  // → 'rgb(25, 25, 25)'
 */
export function createReaderDarkmode(splitStyle: (style: string) => StyleDeclaration[] = parseStyle): ReaderDarkmode {
  return {
    defaults: { ...READER_COLOURS },
    parse: (css) => parseColour(css) ?? null,
    format: formatColour,
    brightness,
    background: readerBackground,
    text: (color, background = READER_COLOURS.darkBackground) => readerText(color, background),
    convertTree: (root) => convertTree(root, splitStyle),
  };
}
