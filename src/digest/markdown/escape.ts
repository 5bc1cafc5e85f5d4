/**
 * Writing plain text into Markdown so that it reads back as itself: what markdown-it would
 * take as markup gets a backslash, what it would drop or trim (line breaks, spaces at either
 * end) becomes a numeric character reference. The writer checks every field it writes by
 * reading it back, so these rules only have to be right for the usual cases.
 */

/** Characters that start inline markup wherever they stand. */
const ALWAYS = new Set(['\\', '`', '*', '[', ']', '<', '~']);
const ENTITY = /^&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const WORD = /[\p{L}\p{N}]/u;

/**
 * A numeric character reference.
 *
 * @example
 * entity('\n') // → '&#10;'
 */
export function entity(char: string): string {
  return `&#${char.codePointAt(0)};`;
}

/** Options of `escapeText`. */
export interface EscapeOptions {
  /** Characters that separate values where the text stands (`,` between names): written as references. */
  separators?: readonly string[];
  /** Also escape these characters with a backslash (`{` in a section title, `&` between affiliations). */
  extra?: readonly string[];
}

/**
 * Plain text as inline Markdown that markdown-it reads back as the same text.
 *
 * @example
 * escapeText(' C++ *fast*_path ') // → '&#32;C++ \\*fast\\*\\_path&#32;'
 */
export function escapeText(text: string, options: EscapeOptions = {}): string {
  const chars = [...text];
  let out = '';
  chars.forEach((c, i) => {
    const edge = i === 0 || i === chars.length - 1;
    if (c === '\n' || c === '\r' || (edge && /\s/u.test(c))) out += entity(c);
    else if (options.separators?.includes(c)) out += entity(c);
    else if (ALWAYS.has(c) || options.extra?.includes(c)) out += `\\${c}`;
    else if (c === '_' && !(WORD.test(chars[i - 1] ?? '') && WORD.test(chars[i + 1] ?? ''))) out += '\\_';
    else if (c === '&' && ENTITY.test(chars.slice(i, i + 40).join(''))) out += '\\&';
    else out += c;
  });
  return out;
}

/**
 * Text that starts a line of a paragraph: also guards the first character, which could open a
 * heading, a quote, a list or a code block.
 *
 * @example
 * escapeLineStart('1. Lin') // → '&#49;. Lin'
 */
export function escapeLineStart(text: string, options: EscapeOptions = {}): string {
  const escaped = escapeText(text, options);
  const first = escaped[0] ?? '';
  if (/[0-9]/.test(first)) return entity(first) + escaped.slice(1);
  if (/[#>+\-=|:]/.test(first)) return `\\${escaped}`;
  return escaped;
}

/**
 * A link or image destination: bare when markdown-it reads it back unchanged, otherwise in
 * angle brackets with `<`, `>` and `\` escaped.
 *
 * @example
 * escapeDestination('https://arxiv.org/abs/2302.06675') // → 'https://arxiv.org/abs/2302.06675'
 * escapeDestination('images/fig 1.png') // → '<images/fig 1.png>'
 */
export function escapeDestination(url: string): string {
  if (/^[^\s\p{Cc}<>\\]+$/u.test(url) && !/&[#a-z0-9]+;/i.test(url) && balanced(url)) return url;
  return `<${escapeChars(url, ['<', '>', '\\'])}>`;
}

function balanced(url: string): boolean {
  let depth = 0;
  for (const c of url) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A link or image title in double quotes.
 *
 * @example
 * escapeTitle('How "signals" work') // → '"How \\"signals\\" work"'
 */
export function escapeTitle(title: string): string {
  return `"${escapeChars(title, ['"', '\\'])}"`;
}

/** Backslashes before `special` and before `&` that would start a reference; line breaks as references. */
function escapeChars(text: string, special: readonly string[]): string {
  const chars = [...text];
  return chars
    .map((c, i) => {
      if (special.includes(c)) return `\\${c}`;
      if (c === '\n' || c === '\r') return entity(c);
      if (c === '&' && ENTITY.test(chars.slice(i, i + 40).join(''))) return '\\&';
      return c;
    })
    .join('');
}

/**
 * The longest run of `char` in `text`, to make a code fence longer than any inside it.
 *
 * @example
 * longestRun('a ``` b ````', '`') // → 4
 */
export function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
