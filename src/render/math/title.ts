import { escapeHtml } from '../../core/escape.js';
import { splitMath } from './delimiters.js';
import { evenLines, texToText } from './text-tier.js';

/** Plain text with its formulas written as text: the HTML, the plain text, how many formulas. */
export interface TextWithMath {
  html: string;
  text: string;
  formulas: number;
}

/**
 * A plain-text field (a title, a translated title) with its TeX written as text, never drawn:
 * titles are shown in the feed, the table of contents and share cards, which hold text only.
 * Whatever the text tier cannot write exactly is written loosely (a/b, names of commands).
 *
 * @example
 * titleWithMath('Regret $O(\\sqrt{T})$ for $5') // → { html: 'Regret <i>O</i>(√<i>T</i>) for $5', text: 'Regret O(√T) for $5', formulas: 1 }
 */
export function titleWithMath(text: string): TextWithMath {
  let html = '';
  let plain = '';
  let formulas = 0;
  for (const piece of splitMath(text)) {
    if ('text' in piece) {
      html += escapeHtml(piece.text);
      plain += piece.text;
      continue;
    }
    const written = texToText(piece.math.tex, { loose: true })!;
    html += evenLines(written.html);
    plain += written.text;
    formulas++;
  }
  return { html, text: plain, formulas };
}
