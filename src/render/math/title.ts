import { textLength } from '../size.js';
import { escapeHtml } from '../../core/escape.js';
import { splitMath } from './delimiters.js';
import { evenLines, texToText } from './text-tier.js';

/** Plain text with its formulas written as text: the HTML, the plain text, how many formulas. */
export interface TextWithMath {
  html: string;
  text: string;
  formulas: number;
  /** Characters of `html` that the formulas take, and of text among them. */
  mathCharacters: number;
  mathText: number;
}

/**
 * A plain-text field (a title, a translated title) with its TeX written as text, never drawn:
 * titles are shown in the feed, the table of contents and share cards, which hold text only.
 * Whatever the text tier cannot write exactly is written loosely (a/b, names of commands).
 *
 * @example
 * titleWithMath('Regret $O(\\sqrt{T})$ for $5') // → { html: 'Regret <i>O</i>(√<i>T</i>) for $5', text: 'Regret O(√T) for $5', formulas: 1, mathCharacters: 19, mathText: 5 }
 */
export function titleWithMath(text: string): TextWithMath {
  let html = '';
  let plain = '';
  let formulas = 0;
  let mathCharacters = 0;
  let mathText = 0;
  for (const piece of splitMath(text)) {
    if ('text' in piece) {
      html += escapeHtml(piece.text);
      plain += piece.text;
      continue;
    }
    const written = texToText(piece.math.tex, { loose: true })!;
    const formula = evenLines(written.html);
    html += formula;
    mathCharacters += formula.length;
    mathText += textLength(formula);
    plain += written.text;
    formulas++;
  }
  return { html, text: plain, formulas, mathCharacters, mathText };
}
