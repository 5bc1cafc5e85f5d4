import { parseStyle, type StyleDeclaration } from '../wechat/style.js';

/** A colour as `[r, g, b, a]`: channels 0–255, alpha 0–1. */
export type Rgba = [number, number, number, number];

/** The WeChat reader's dark-mode recolouring, re-implemented (see `createReaderDarkmode`). */
export interface ReaderDarkmode {
  /** The reader's default colours: light and dark page background and text. */
  readonly defaults: { lightBackground: Rgba; lightText: Rgba; darkBackground: Rgba; darkText: Rgba };
  /** Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()` and `rgba()`; `null` for anything else. */
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
 * A small re-implementation of the dark-mode algorithm that the WeChat reader runs on articles
 * (wechatjs/mp-darkmode, MIT): white and grey backgrounds are inverted towards #191919, other
 * bright backgrounds are dimmed to a perceived brightness of 190, very dark ones lifted; text and
 * border colours are changed only where their brightness is too close to the background (below 65
 * apart) or too far (more than the default dark text, #a3a3a3), keeping their hue. Backgrounds and
 * text colours are inherited down the tree the way the reader tracks them.
 *
 * Known simplifications: background images keep their colours (the reader also leaves them);
 * a gradient becomes the one colour the reader mixes from its stops; the reader's first-screen
 * scheduling and plugins are left out.
 *
 * The function is self-contained (no outer variables) so that the preview page can embed its
 * source; the one thing it needs from outside, the style splitter (`parseStyle`), is a
 * parameter, which the page embeds beside it.
 *
 * @param splitStyle - Splits a style attribute into declarations; `parseStyle` by default.
 *
 * @example
 * const dm = createReaderDarkmode()
 * dm.format(dm.text(dm.parse('#333')!))        // → 'rgb(163, 163, 163)'
 * dm.format(dm.background(dm.parse('#fff')!))  // → 'rgb(25, 25, 25)'
 */
export function createReaderDarkmode(splitStyle: (style: string) => StyleDeclaration[] = parseStyle): ReaderDarkmode {
  const WHITE_LIKE_BRIGHTNESS = 250;
  const MAX_BACKGROUND_BRIGHTNESS = 190;
  const MIN_OFFSET_BRIGHTNESS = 65;
  const HIGH_BACKGROUND_BRIGHTNESS = 100;
  const HIGH_GREY_LIGHTNESS = 40;
  const LOW_GREY_LIGHTNESS = 22;
  const IGNORE_ALPHA = 0.05;

  const BACKGROUND_PROPS = ['background-color', 'background-image', 'background'];
  const SHADOW_PROPS = ['text-shadow'];
  // The reader's order matters: from index 5 on, a text colour is inherited by the children.
  const TEXT_PROPS = ['-webkit-text-stroke', '-webkit-text-stroke-color', 'text-decoration', 'text-decoration-color', 'text-emphasis-color', 'color', '-webkit-text-fill-color'];
  const BORDER_PROPS = [
    'border-image', '-webkit-border-image', 'border', 'border-top', 'border-right', 'border-bottom', 'border-left',
    'border-color', 'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
    'border-block-color', 'border-block-start-color', 'border-block-end-color', 'border-inline-color',
    'border-inline-start-color', 'border-inline-end-color', 'outline', 'outline-color', 'box-shadow',
    'column-rule', 'column-rule-color',
  ];
  const TABLE_TAGS = ['TABLE', 'TR', 'TD', 'TH'];
  const NOT_COLOUR_NAMES = ['currentcolor', 'inherit', 'initial', 'unset', 'revert', 'none', 'auto'];

  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

  function parse(css: string): Rgba | null {
    const value = css.trim().toLowerCase();
    const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1];
    if (hex !== undefined) {
      if (hex.length === 3 || hex.length === 4) {
        const d = [...hex].map((c) => parseInt(c + c, 16));
        return [d[0], d[1], d[2], d.length === 4 ? d[3] / 255 : 1];
      }
      if (hex.length === 6 || hex.length === 8) {
        const d = (hex.match(/../g) ?? []).map((p) => parseInt(p, 16));
        return [d[0], d[1], d[2], d.length === 4 ? d[3] / 255 : 1];
      }
      return null;
    }
    const args = /^rgba?\(([^)]*)\)$/.exec(value)?.[1];
    if (args === undefined) return null;
    const parts = args.split(/[\s,/]+/).filter(Boolean);
    if (parts.length < 3 || parts.length > 4) return null;
    const num = (p: string, scale: number) => (p.endsWith('%') ? (parseFloat(p) / 100) * scale : parseFloat(p));
    const rgba = [num(parts[0], 255), num(parts[1], 255), num(parts[2], 255), parts[3] === undefined ? 1 : num(parts[3], 1)];
    if (rgba.some((n) => Number.isNaN(n))) return null;
    return [clamp(rgba[0], 0, 255), clamp(rgba[1], 0, 255), clamp(rgba[2], 0, 255), clamp(rgba[3], 0, 1)];
  }

  function format(c: Rgba): string {
    const [r, g, b] = [c[0], c[1], c[2]].map((v) => Math.round(clamp(v, 0, 255)));
    return c[3] >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round(c[3] * 1000) / 1000})`;
  }

  function brightness(c: Rgba): number {
    return (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000;
  }

  /** [hue 0–360, saturation %, lightness %, alpha]. */
  function toHsl(c: Rgba): Rgba {
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

  function fromHsl(hsl: Rgba): Rgba {
    const [h, s, l] = [hsl[0] / 360, hsl[1] / 100, hsl[2] / 100];
    if (s === 0) return [l * 255, l * 255, l * 255, hsl[3]];
    const t2 = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const t1 = 2 * l - t2;
    const channel = (offset: number) => {
      let t = h + offset;
      if (t < 0) t += 1;
      if (t > 1) t -= 1;
      if (6 * t < 1) return (t1 + (t2 - t1) * 6 * t) * 255;
      if (2 * t < 1) return t2 * 255;
      if (3 * t < 2) return (t1 + (t2 - t1) * (2 / 3 - t) * 6) * 255;
      return t1 * 255;
    };
    return [channel(1 / 3), channel(0), channel(-1 / 3), hsl[3]];
  }

  /** `top` painted over `bottom` (normal blending with alpha). */
  function over(bottom: Rgba, top: Rgba): Rgba {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const ch = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [ch(0), ch(1), ch(2), a];
  }

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

  /** Colour mixing of gradient stops (weighted by the next stop's alpha). */
  function mixStops(stops: Rgba[]): Rgba | null {
    if (stops.length === 0) return null;
    return stops.reduce((acc, next) => {
      const p = next[3];
      const w = 2 * p - 1;
      const a = next[3] - acc[3];
      const w1 = ((w * a === -1 ? w : (w + a) / (1 + w * a)) + 1) / 2;
      const w2 = 1 - w1;
      return [next[0] * w1 + acc[0] * w2, next[1] * w1 + acc[1] * w2, next[2] * w1 + acc[2] * w2, next[3] * p + acc[3] * (1 - p)];
    });
  }

  const lightBackground: Rgba = [255, 255, 255, 1];
  const lightText: Rgba = [25, 25, 25, 1];
  const darkBackground: Rgba = [25, 25, 25, 1];
  // rgba(255,255,255,.6) on #191919, rounded as the reader stores it: #a3a3a3.
  const darkText = over(darkBackground, [255, 255, 255, 0.6]).map((v, i) => (i < 3 ? Math.round(v) : v)) as Rgba;
  const darkBackgroundLightness = toHsl(darkBackground)[2];
  const darkBackgroundBrightness = brightness(darkBackground);
  const maxOffsetBrightness = Math.max(brightness(darkText) - darkBackgroundBrightness, 0);

  function text(color: Rgba, background: Rgba = darkBackground, retry?: { alpha: number; backgroundBrightness: number }): Rgba {
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
      if (hsl[2] > 90 - HIGH_GREY_LIGHTNESS) return text(fromHsl([hsl[0], hsl[1], 90 - hsl[2], hsl[3]]), background, again);
      return front(toBrightness(Math.min(maxOffsetBrightness, backgroundBrightness - MIN_OFFSET_BRIGHTNESS), mixed), background, alpha);
    }
    if (hsl[2] <= HIGH_GREY_LIGHTNESS) return text(fromHsl([hsl[0], hsl[1], 90 - hsl[2], hsl[3]]), background, again);
    return front(toBrightness(Math.min(maxOffsetBrightness, backgroundBrightness + MIN_OFFSET_BRIGHTNESS), mixed), background, alpha);
  }

  function background(color: Rgba, under: Rgba = darkBackground): Rgba {
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

  /** What the reader tracks per element, inherited by the children. */
  interface State {
    darkBackground?: Rgba;
    lightBackground?: Rgba;
    color?: Rgba;
    lightColor?: Rgba;
    backgroundImage?: boolean;
  }


  function convertTree(root: Element): number {
    const doc = root.ownerDocument;
    const context = doc.createElement('canvas').getContext('2d');
    const nameCache = new Map<string, string | null>();
    /** A colour keyword as rgb(), through the canvas; null when the word is not a colour. */
    const resolveName = (word: string): string | null => {
      const key = word.toLowerCase();
      if (NOT_COLOUR_NAMES.includes(key) || !context) return null;
      if (!nameCache.has(key)) {
        context.fillStyle = '#010203';
        context.fillStyle = key;
        const value = String(context.fillStyle);
        nameCache.set(key, value === '#010203' ? null : format(parse(value) ?? [0, 0, 0, 0]));
      }
      return nameCache.get(key) ?? null;
    };
    /** Named colours → rgb(), outside url(…); `transparent` only in gradients (as the reader). */
    const namesToRgb = (value: string, gradient: boolean) =>
      value
        .split(/(url\([^)]*\))/i)
        .map((part) => (/^url\(/i.test(part) ? part : part.replace(/(^|[^\w#-])([a-z]+)(?![\w(-])/gi, (m, before: string, word: string) => {
          if (word.toLowerCase() === 'transparent' && !gradient) return m;
          const rgb = resolveName(word);
          return rgb ? before + rgb : m;
        })))
        .join('');

    const states = new Map<Element, State>();
    let changed = 0;

    const convertElement = (el: Element & { style?: CSSStyleDeclaration }) => {
      const inherited = el === root || !el.parentElement ? undefined : states.get(el.parentElement);
      const state: State = { ...inherited };
      states.set(el, state);
      const style = el.style;
      if (!style || el.tagName === 'IFRAME') return;

      let decls = splitStyle(style.cssText).map((d): [string, string] => [d.prop, d.value]);
      let hasInlineColor = decls.some(([k]) => k === 'color');
      let hasInlineBackground = decls.some(([k]) => k.includes('background'));
      const hasBackgroundImage = decls.some(([k, v]) => (k.includes('background') || /^(-webkit-)?border-image/.test(k)) && /url\(/i.test(v));
      const rank = (k: string) => (k.startsWith('-webkit-text') ? 0 : k === 'color' ? 3 : k === 'background-image' ? 2 : 1);
      decls = decls
        .filter(([k]) => BACKGROUND_PROPS.includes(k) || SHADOW_PROPS.includes(k) || TEXT_PROPS.includes(k) || BORDER_PROPS.includes(k))
        .sort((a, b) => rank(a[0]) - rank(b[0]));
      // Presentational attributes the reader also reads.
      if (TABLE_TAGS.includes(el.tagName) && !hasInlineBackground && el.getAttribute('bgcolor')) {
        decls.unshift(['background-color', el.getAttribute('bgcolor') ?? '']);
        hasInlineBackground = true;
      }
      if (el.tagName === 'FONT' && !hasInlineColor && el.getAttribute('color')) {
        decls.push(['color', el.getAttribute('color') ?? '']);
        hasInlineColor = true;
      }

      for (const [key, original] of decls) {
        const isBackground = BACKGROUND_PROPS.includes(key);
        const isShadow = SHADOW_PROPS.includes(key);
        const textIndex = TEXT_PROPS.indexOf(key);
        const isBorder = BORDER_PROPS.includes(key);
        const isGradient = /gradient/i.test(original);
        let value = namesToRgb(original, isGradient);
        let css = '';
        let different = false;
        const tokens = value.match(/\brgba?\([^)]+\)/gi) ?? [];
        if (tokens.length) {
          const gradientMix = isGradient ? mixStops(tokens.map(parse).filter((c): c is Rgba => c !== null)) : null;
          let index = 0;
          value = value.replace(/\brgba?\([^)]+\)/gi, (token) => {
            const color = isGradient ? gradientMix : parse(token);
            if (!color || color[3] < IGNORE_ALPHA) return isGradient && gradientMix ? format(gradientMix) : token;
            if (isGradient) different = true;
            let next: Rgba | null = null;
            if (isBackground) {
              if (state.backgroundImage && color[3] >= IGNORE_ALPHA) state.backgroundImage = false;
              next = background(color, state.darkBackground ?? darkBackground);
              if (!hasInlineColor) {
                // No colour of its own: the text it inherits is recomputed against the new background.
                const behind = over(state.darkBackground ?? darkBackground, next);
                const inheritedText = state.lightColor ?? lightText;
                const adjusted = text(inheritedText, behind);
                css += `color:${format(adjusted)};`;
                state.color = over(behind, adjusted);
                state.lightColor = inheritedText;
              }
            } else if (textIndex > -1 || isBorder) {
              const behind = (textIndex > -1 && state.darkBackground) || darkBackground;
              if (!state.backgroundImage) next = text(color, behind);
            } else if (isShadow && !state.backgroundImage) {
              next = background(color, state.darkBackground ?? darkBackground);
            }
            const result = next && format(next) !== format(color) && !hasBackgroundImage ? next : null;
            if ((isBackground || textIndex >= 5) && index === 0) {
              const shown = over(state.darkBackground ?? darkBackground, result ?? color);
              if (isBackground) {
                state.lightBackground = over(state.lightBackground ?? lightBackground, color);
                state.darkBackground = shown;
              } else {
                state.color = shown;
                state.lightColor = color;
              }
            }
            if (result) different = true;
            index++;
            return format(result ?? color);
          });
        }
        if (/^(background|(-webkit-)?border-image)/.test(key) && /url\(/i.test(value)) {
          state.backgroundImage = true;
          if (!hasInlineColor) css += `color:${format(state.lightColor ?? lightText)};`;
        }
        for (const extra of css.split(';').filter(Boolean)) {
          const colon = extra.indexOf(':');
          style.setProperty(extra.slice(0, colon), extra.slice(colon + 1));
          changed++;
        }
        if (different) {
          style.setProperty(key, value.replace(/\s*!\s*important/gi, ''));
          changed++;
        }
      }
    };

    convertElement(root);
    for (const el of Array.from(root.querySelectorAll('*'))) convertElement(el);
    return changed;
  }

  return {
    defaults: { lightBackground, lightText, darkBackground, darkText },
    parse,
    format,
    brightness,
    background,
    text: (color: Rgba, bg: Rgba = darkBackground) => text(color, bg),
    convertTree,
  };
}

/**
 * The source of an expression that creates the reader's recolouring in a browser page: the two
 * functions it needs, embedded. Evaluate it where `__name` is defined (see `previewPage`).
 *
 * @example
 * // in a browser page: page.evaluate(`{const __name=(f)=>f;(${readerDarkmodeSource()}).convertTree(document.body)}`)
 * const dm = new Function('__name', `return ${readerDarkmodeSource()}`)((f: unknown) => f) as ReaderDarkmode
 * dm.format(dm.background(dm.parse('#fff')!)) // → 'rgb(25, 25, 25)'
 */
export function readerDarkmodeSource(): string {
  return `(${createReaderDarkmode.toString()})(${parseStyle.toString()})`;
}
