import { escapeHtml } from '../../../core/escape.js';
import type { CodeToken } from './highlighter.js';

/** One piece of the stream written: HTML, and the style it needs (`null`: any style will do). */
interface Piece {
  html: string;
  style: string | null;
}

/**
 * Writes coloured tokens as code both paste and the draft API keep: newlines as `<br>`, leading
 * spaces and runs of spaces as `&nbsp;` (decided over the whole line, so a run split between two
 * tokens is kept too), each colour as an inline `<span style="…">`. Adjacent runs of one style
 * are merged into one span, across spaces and line breaks, which take any colour (and stay in
 * the run before them, so no whitespace stands between two tags); tokens in the
 * block's own colour get no span at all.
 *
 * @param tokens - From `highlightCode`; tabs already expanded, newlines as `\n`.
 * @param styleOf - The inline style of a token kind (`''`: the block's colour).
 * @example
 * codeSpans([{ text: 'let', kind: 'keyword' }, { text: ' x = ' }, { text: '1', kind: 'number' }], (k) => (k === 'keyword' ? 'color:#b31d28' : ''))
 * // → '<span style="color:#b31d28">let</span> x = 1'
 */
export function codeSpans(tokens: readonly CodeToken[], styleOf: (kind: NonNullable<CodeToken['kind']>) => string): string {
  const pieces: Piece[] = [];
  let line: { text: string; style: string }[] = [];
  const endLine = () => {
    const text = line.map((t) => t.text).join('');
    // A space is kept as &nbsp; when it leads the line or stands next to another space.
    const lead = /^ */.exec(text)![0].length;
    const nbsp = (at: number) => at < lead || text[at - 1] === ' ' || text[at + 1] === ' ';
    let start = 0;
    for (const t of line) {
      const html = t.text.replace(/[&<>" ]/g, (c, i: number) => (c !== ' ' ? escapeHtml(c) : nbsp(start + i) ? '&nbsp;' : ' '));
      pieces.push({ html, style: /^ *$/.test(t.text) ? null : t.style });
      start += t.text.length;
    }
    line = [];
  };
  for (const token of tokens) {
    const style = token.kind ? styleOf(token.kind) : '';
    token.text.split('\n').forEach((part, i) => {
      if (i > 0) {
        endLine();
        pieces.push({ html: '<br>', style: null });
      }
      if (part) line.push({ text: part, style });
    });
  }
  endLine();

  let out = '';
  let open = '';
  let pending = '';
  for (const piece of pieces) {
    if (piece.style === null) {
      pending += piece.html;
      continue;
    }
    // Spaces and line breaks stay inside the run before them: no whitespace between two tags.
    if (piece.style !== open) {
      out += pending;
      if (open) out += '</span>';
      if (piece.style) out += `<span style="${piece.style}">`;
      open = piece.style;
    } else out += pending;
    pending = '';
    out += piece.html;
  }
  return out + pending + (open ? '</span>' : '');
}
