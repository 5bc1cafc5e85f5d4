/**
 * Whitespace helpers that run in linear time on any input. A regular expression such as
 * `/[ \t]+$/` or `/[ \t]*\n/` backtracks over every run of spaces it cannot finish, which is
 * quadratic in the length of the run; these walk the string once.
 */

const ASCII_SPACE = new Set([' ', '\t', '\n', '\r', '\f']);
const LINE_SPACE = new Set([' ', '\t', '\f']);

/**
 * Removes leading ASCII whitespace (space, tab, newline, CR, form feed); a no-break space stays.
 *
 * @example
 * trimAsciiStart(' \n\u00a0a ') // → '\u00a0a '
 */
export function trimAsciiStart(text: string): string {
  let i = 0;
  while (i < text.length && ASCII_SPACE.has(text[i])) i++;
  return text.slice(i);
}

/**
 * Removes trailing ASCII whitespace (space, tab, newline, CR, form feed); a no-break space stays.
 *
 * @example
 * trimAsciiEnd(' a\u00a0 \n') // → ' a\u00a0'
 */
export function trimAsciiEnd(text: string): string {
  let end = text.length;
  while (end > 0 && ASCII_SPACE.has(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Turns each run of line breaks, with the spaces, tabs and form feeds around it, into one space.
 *
 * @example
 * collapseNewlines('a  \n\r\n  b c') // → 'a b c'
 */
export function collapseNewlines(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  const lines = text.split(/[\r\n]+/);
  const last = lines.length - 1;
  return lines
    .map((line, i) => {
      let start = 0;
      let end = line.length;
      if (i > 0) while (start < end && LINE_SPACE.has(line[start])) start++;
      if (i < last) while (end > start && LINE_SPACE.has(line[end - 1])) end--;
      return line.slice(start, end);
    })
    .join(' ');
}
