import { parseStyle, type StyleDeclaration } from '../style.js';
import { formatColour, over, parseColour, type Rgba } from './colour.js';
import { IGNORE_ALPHA, READER_COLOURS, readerBackground, readerText } from './model.js';

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

/** What the reader tracks per element, inherited by the children. */
interface State {
  darkBackground?: Rgba;
  lightBackground?: Rgba;
  color?: Rgba;
  lightColor?: Rgba;
  backgroundImage?: boolean;
}

/**
 * Recolours `root` and every element in it in place, as the reader does to an article: text,
 * background, border and text-shadow colours in inline styles. Backgrounds and text colours are
 * inherited down the tree the way the reader tracks them. Returns how many declarations changed.
 * Browser only (it reads colour names through a canvas).
 *
 * Known simplifications: background images keep their colours (the reader also leaves them); a
 * gradient becomes the one colour the reader mixes from its stops; the reader's first-screen
 * scheduling and plugins are left out.
 *
 * @param splitStyle - Splits a style attribute into declarations; `parseStyle` by default.
 * @example
 * // In a page with the reader script: readerDarkmode.convertTree(document.body) recolours it.
 * // The preview page's script carries it:
 * previewPage(renderDigest(digest)).includes('function convertTree(') // → true
 */
export function convertTree(root: Element, splitStyle: (style: string) => StyleDeclaration[] = parseStyle): number {
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
      nameCache.set(key, value === '#010203' ? null : formatColour(parseColour(value) ?? [0, 0, 0, 0]));
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
        const gradientMix = isGradient ? mixStops(tokens.map(parseColour).filter((c): c is Rgba => c !== undefined)) : null;
        let index = 0;
        value = value.replace(/\brgba?\([^)]+\)/gi, (token) => {
          const color = isGradient ? gradientMix : parseColour(token);
          if (!color || color[3] < IGNORE_ALPHA) return isGradient && gradientMix ? formatColour(gradientMix) : token;
          if (isGradient) different = true;
          let next: Rgba | null = null;
          if (isBackground) {
            if (state.backgroundImage && color[3] >= IGNORE_ALPHA) state.backgroundImage = false;
            next = readerBackground(color, state.darkBackground ?? READER_COLOURS.darkBackground);
            if (!hasInlineColor) {
              // No colour of its own: the text it inherits is recomputed against the new background.
              const behind = over(state.darkBackground ?? READER_COLOURS.darkBackground, next);
              const inheritedText = state.lightColor ?? READER_COLOURS.lightText;
              const adjusted = readerText(inheritedText, behind);
              css += `color:${formatColour(adjusted)};`;
              state.color = over(behind, adjusted);
              state.lightColor = inheritedText;
            }
          } else if (textIndex > -1 || isBorder) {
            const behind = (textIndex > -1 && state.darkBackground) || READER_COLOURS.darkBackground;
            if (!state.backgroundImage) next = readerText(color, behind);
          } else if (isShadow && !state.backgroundImage) {
            next = readerBackground(color, state.darkBackground ?? READER_COLOURS.darkBackground);
          }
          const result = next && formatColour(next) !== formatColour(color) && !hasBackgroundImage ? next : null;
          if ((isBackground || textIndex >= 5) && index === 0) {
            const shown = over(state.darkBackground ?? READER_COLOURS.darkBackground, result ?? color);
            if (isBackground) {
              state.lightBackground = over(state.lightBackground ?? READER_COLOURS.lightBackground, color);
              state.darkBackground = shown;
            } else {
              state.color = shown;
              state.lightColor = color;
            }
          }
          if (result) different = true;
          index++;
          return formatColour(result ?? color);
        });
      }
      if (/^(background|(-webkit-)?border-image)/.test(key) && /url\(/i.test(value)) {
        state.backgroundImage = true;
        if (!hasInlineColor) css += `color:${formatColour(state.lightColor ?? READER_COLOURS.lightText)};`;
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
