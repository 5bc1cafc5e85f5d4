import { brightness, fromHsl, over, toHsl, type Rgba } from './colour.js';

// The WeChat reader's dark-mode colour model, re-implemented from wechatjs/mp-darkmode (MIT):
// white and grey backgrounds are inverted towards #191919, other bright backgrounds are dimmed
// to a perceived brightness of 190, very dark ones lifted; text and border colours change only
// where their brightness is too close to the background (below 65 apart) or too far (more than
// the default dark text, #a3a3a3), keeping their hue. `convertTree` applies it to a page.

const WHITE_LIKE_BRIGHTNESS = 250;
const MAX_BACKGROUND_BRIGHTNESS = 190;
const MIN_OFFSET_BRIGHTNESS = 65;
const HIGH_BACKGROUND_BRIGHTNESS = 100;
const HIGH_GREY_LIGHTNESS = 40;
const LOW_GREY_LIGHTNESS = 22;
/** Colours more transparent than this are left alone. */
export const IGNORE_ALPHA = 0.05;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The colour that, painted with `alpha` over `under`, looks like `result`. */
function front(result: Rgba, under: Rgba, alpha: number): Rgba {
  const ch = (i: number) => Math.round(result[i] + (under[3] * (1 - alpha) * (result[i] - under[i])) / alpha);
  return [ch(0), ch(1), ch(2), alpha];
}

/** Scales a colour to a perceived brightness, fixing the channel that clipped. */
function toBrightness(target: number, c: Rgba): Rgba {
  const ratio = target / (brightness(c) || 1);
  let r = Math.min(255, c[0] * ratio);
  let g = Math.min(255, c[1] * ratio);
  let b = Math.min(255, c[2] * ratio);
  if (g === 0 || r === 255 || b === 255) g = (target * 1000 - r * 299 - b * 114) / 587;
  else if (r === 0) r = (target * 1000 - g * 587 - b * 114) / 299;
  else if (b === 0 || g === 255) b = (target * 1000 - r * 299 - g * 587) / 114;
  return [clamp(r, 0, 255), clamp(g, 0, 255), clamp(b, 0, 255), c[3] || 1];
}

const lightBackground: Rgba = [255, 255, 255, 1];
const lightText: Rgba = [25, 25, 25, 1];
const darkBackground: Rgba = [25, 25, 25, 1];
// rgba(255,255,255,.6) on #191919, rounded as the reader stores it: #a3a3a3.
const darkText = over(darkBackground, [255, 255, 255, 0.6]).map((v, i) => (i < 3 ? Math.round(v) : v)) as Rgba;
const darkBackgroundLightness = toHsl(darkBackground)[2];
const darkBackgroundBrightness = brightness(darkBackground);
const maxOffsetBrightness = Math.max(brightness(darkText) - darkBackgroundBrightness, 0);

/**
 * The reader's default colours: light and dark page background and text.
 *
 * @example
 * READER_COLOURS.darkText // → [163, 163, 163, 1]
 */
export const READER_COLOURS: { readonly lightBackground: Rgba; readonly lightText: Rgba; readonly darkBackground: Rgba; readonly darkText: Rgba } = {
  lightBackground,
  lightText,
  darkBackground,
  darkText,
};

function textOn(color: Rgba, background: Rgba, retry?: { alpha: number; backgroundBrightness: number }): Rgba {
  const alpha = retry?.alpha || color[3];
  const mixed = retry ? color : over(background, color);
  const hsl = toHsl(mixed);
  const textBrightness = brightness(mixed);
  const backgroundBrightness = retry?.backgroundBrightness || brightness(background);
  const offset = Math.abs(backgroundBrightness - textBrightness);
  const keep = () => (retry ? front(color, background, alpha) : color);
  // Near-white text stays as the author chose it.
  if (textBrightness >= WHITE_LIKE_BRIGHTNESS) return keep();
  if (offset > maxOffsetBrightness && backgroundBrightness <= darkBackgroundBrightness + 2) {
    return front(toBrightness(maxOffsetBrightness + backgroundBrightness, mixed), background, alpha);
  }
  if (offset >= MIN_OFFSET_BRIGHTNESS) return keep();
  const again = { alpha, backgroundBrightness };
  if (backgroundBrightness >= HIGH_BACKGROUND_BRIGHTNESS) {
    // A bright background: darken the text, first through its lightness.
    if (hsl[2] > 90 - HIGH_GREY_LIGHTNESS) return textOn(fromHsl([hsl[0], hsl[1], 90 - hsl[2], hsl[3]]), background, again);
    return front(toBrightness(Math.min(maxOffsetBrightness, backgroundBrightness - MIN_OFFSET_BRIGHTNESS), mixed), background, alpha);
  }
  if (hsl[2] <= HIGH_GREY_LIGHTNESS) return textOn(fromHsl([hsl[0], hsl[1], 90 - hsl[2], hsl[3]]), background, again);
  return front(toBrightness(Math.min(maxOffsetBrightness, backgroundBrightness + MIN_OFFSET_BRIGHTNESS), mixed), background, alpha);
}

/**
 * The dark-mode colour of a background `color` drawn over `under` (default: the dark page).
 * White and greys are inverted towards #191919, other bright colours dimmed to a perceived
 * brightness of 190, very dark ones lifted.
 *
 * @example
 * import { formatColour } from './colour.js'
 * formatColour(readerBackground([255, 255, 255, 1])) // → 'rgb(25, 25, 25)'
 */
export function readerBackground(color: Rgba, under: Rgba = darkBackground): Rgba {
  const mixed = over(under, color);
  const hsl = toHsl(mixed);
  const b = brightness(mixed);
  let result = mixed;
  if ((hsl[1] === 0 && hsl[2] > HIGH_GREY_LIGHTNESS) || b > WHITE_LIKE_BRIGHTNESS) {
    // White and greys: invert the lightness towards the dark page.
    result = fromHsl([0, 0, Math.min(100, 100 + darkBackgroundLightness - hsl[2]), hsl[3] || 1]);
  } else if (b > MAX_BACKGROUND_BRIGHTNESS) {
    result = toBrightness(MAX_BACKGROUND_BRIGHTNESS, mixed);
  } else if (hsl[2] < LOW_GREY_LIGHTNESS) {
    result = fromHsl([hsl[0], hsl[1], LOW_GREY_LIGHTNESS, hsl[3]]);
  }
  return front(result, under, color[3]);
}

/**
 * The dark-mode colour of text `color` on the dark-mode background `background` (default: the
 * dark page).
 *
 * @example
 * import { formatColour } from './colour.js'
 * formatColour(readerText([51, 51, 51, 1])) // → 'rgb(163, 163, 163)'
 */
export function readerText(color: Rgba, background: Rgba = darkBackground): Rgba {
  return textOn(color, background);
}
