/** A formula found in text: where it is, its TeX and how it was delimited. */
export interface MathSpan {
  /** Index of the opening delimiter. */
  start: number;
  /** Index just after the closing delimiter. */
  end: number;
  /** The TeX between the delimiters, as written. */
  tex: string;
  /** `$$…$$` and `\[…\]` are display math; `$…$` and `\(…\)` inline. */
  display: boolean;
  /** The opening delimiter. */
  markup: '$' | '$$' | '\\(' | '\\[';
}

const SPACE = /\s/;
const DIGIT = /[0-9]/;

/**
 * The formula that starts at `pos`, if one does. Currency is not math: an opening `$` must not
 * be followed by a space, and the closing `$` must not follow a space nor be followed by a
 * digit; the first `$` that cannot close ends the attempt (`$5 and $10` is text), and so does
 * a backtick (`` `$HOME` `` is code). A `\$`
 * inside a formula is TeX's dollar sign, not a delimiter.
 *
 * @param src - The text.
 * @param pos - Where to look.
 * @param max - Where the text ends (defaults to its length).
 * @example
 * mathAt('see $x^2$ here', 4) // → { start: 4, end: 9, tex: 'x^2', display: false, markup: '$' }
 * mathAt('It costs $5 and $10', 9) // → undefined
 */
export function mathAt(src: string, pos: number, max = src.length): MathSpan | undefined {
  const c = src[pos];
  if (c === '$') {
    if (src[pos + 1] === '$') {
      const close = closing(src, pos + 2, '$$', max);
      if (close < 0 || !hasContent(src.slice(pos + 2, close))) return undefined;
      return { start: pos, end: close + 2, tex: src.slice(pos + 2, close), display: true, markup: '$$' };
    }
    const first = src[pos + 1];
    if (first === undefined || pos + 1 >= max || SPACE.test(first)) return undefined;
    for (let i = pos + 1; i < max; i++) {
      if (src[i] === '\\') {
        i++;
        continue;
      }
      // A formula never holds a backtick: a code span starts there (`$HOME`), not TeX.
      if (src[i] === '`') return undefined;
      if (src[i] !== '$') continue;
      if (SPACE.test(src[i - 1]) || DIGIT.test(src[i + 1] ?? '') || i === pos + 1) return undefined;
      return { start: pos, end: i + 1, tex: src.slice(pos + 1, i), display: false, markup: '$' };
    }
    return undefined;
  }
  if (c === '\\' && (src[pos + 1] === '(' || src[pos + 1] === '[')) {
    const display = src[pos + 1] === '[';
    const close = closing(src, pos + 2, display ? '\\]' : '\\)', max);
    if (close < 0 || !hasContent(src.slice(pos + 2, close))) return undefined;
    return { start: pos, end: close + 2, tex: src.slice(pos + 2, close), display, markup: display ? '\\[' : '\\(' };
  }
  return undefined;
}

/**
 * Whether TeX between delimiters holds a formula: more than spaces and line breaks. `\[\\\]`
 * is Markdown's escaped brackets around an escaped backslash, not an empty display formula.
 */
function hasContent(tex: string): boolean {
  return !/^(?:\s|\\\\)*$/.test(tex);
}

/** Index of `delim` after `from`, skipping TeX escapes (`\$`, `\\`), or -1. */
function closing(src: string, from: number, delim: string, max: number): number {
  for (let i = from; i + delim.length <= max; i++) {
    if (src.startsWith(delim, i)) return i;
    if (src[i] === '\\') i++;
  }
  return -1;
}

/** A piece of text: plain, or a formula. */
export type TextPiece = { text: string } | { math: MathSpan };

/**
 * Text cut into plain pieces and formulas (for titles and other plain-text fields).
 *
 * @example
 * splitMath('Bounds for $\\ell_1$ costs $5') // → [{ text: 'Bounds for ' }, { math: { tex: '\\ell_1', … } }, { text: ' costs $5' }]
 */
export function splitMath(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i++) {
    const span = text[i] === '$' || text[i] === '\\' ? mathAt(text, i) : undefined;
    if (!span) {
      // `\$` never opens a formula; a plain-text field keeps it as written.
      if (text[i] === '\\' && text[i + 1] === '$') plain += text[i++];
      plain += text[i];
      continue;
    }
    if (plain) out.push({ text: plain });
    plain = '';
    out.push({ math: span });
    i = span.end - 1;
  }
  if (plain) out.push({ text: plain });
  return out;
}
