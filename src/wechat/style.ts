import { tokenize, tokenTypes as T } from 'css-tree/tokenizer';

/** One CSS declaration of a `style` attribute. */
export interface StyleDeclaration {
  /** Lower-cased property name, escapes decoded. */
  prop: string;
  /** The value: comments removed, whitespace runs as one space, trimmed, ending in `!important` when so marked. */
  value: string;
}

/** One token of CSS: its type (css-tree's `tokenTypes`) and where it stands in the source. */
export interface CssToken {
  type: number;
  start: number;
  end: number;
}

/**
 * Splits CSS into tokens as the CSS Syntax Module Level 3 does (css-tree's tokenizer): a
 * string ends at a newline (a bad string), a comment hides quotes, `url(` without quotes is one
 * token, escapes are part of the token they stand in.
 *
 * @example
 * // ident, colon, bad string (it ends at the newline), semicolon, ident:
 * cssTokens("a:'x\n;b").map((t) => t.type) // → [1, 16, 6, 17, 1]
 */
export function cssTokens(css: string): CssToken[] {
  const out: CssToken[] = [];
  tokenize(css, (type: number, start: number, end: number) => {
    out.push({ type, start, end });
  });
  return out;
}

/** The closing token of each token that opens a block. */
const CLOSER: Record<number, number> = {
  [T.Function]: T.RightParenthesis,
  [T.LeftParenthesis]: T.RightParenthesis,
  [T.LeftSquareBracket]: T.RightSquareBracket,
  [T.LeftCurlyBracket]: T.RightCurlyBracket,
};
const CLOSERS = new Set([T.RightParenthesis, T.RightSquareBracket, T.RightCurlyBracket]);

/**
 * Decodes CSS escapes (`\72` → `r`, `\;` → `;`) as a browser reads them; an escaped newline
 * is removed, an invalid code point becomes U+FFFD.
 *
 * @example
 * cssUnescape('u\\72l') // → 'url'
 */
export function cssUnescape(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?|(\r\n|[\n\r\f])|([\s\S]))/g, (_m, hex?: string, _nl?: string, ch?: string) => {
    if (hex === undefined) return ch ?? '';
    const cp = parseInt(hex, 16);
    return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
  });
}

/**
 * The value tokens of one declaration as text: comments dropped (a space where they separated
 * two tokens), whitespace runs as one space, no leading or trailing space. Undefined when a
 * browser would drop the declaration or could read it otherwise than written: a bad string or
 * bad URL, a `{}` block, a closing bracket that closes nothing, a block left open.
 */
function valueText(css: string, tokens: readonly CssToken[], from: number, to: number): string | undefined {
  const open: number[] = [];
  let out = '';
  let space = false;
  for (let i = from; i < to; i++) {
    const { type, start, end } = tokens[i];
    if (type === T.BadString || type === T.BadUrl || type === T.LeftCurlyBracket || type === T.CDO || type === T.CDC) return undefined;
    if (type === T.WhiteSpace || type === T.Comment) {
      space = true;
      continue;
    }
    if (CLOSERS.has(type)) {
      if (open.pop() !== type) return undefined;
    } else if (CLOSER[type] !== undefined) open.push(CLOSER[type]);
    if (space && out) out += ' ';
    space = false;
    out += css.slice(start, end);
  }
  return open.length ? undefined : out;
}

/** The index of the `;` that ends the declaration starting at `from` (outside any block), or the token count. */
function declarationEnd(tokens: readonly CssToken[], from: number): number {
  const open: number[] = [];
  for (let i = from; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === T.Semicolon && !open.length) return i;
    if (CLOSER[type] !== undefined) open.push(CLOSER[type]);
    else if (open.length && type === open[open.length - 1]) open.pop();
  }
  return tokens.length;
}

const skippable = (type: number) => type === T.WhiteSpace || type === T.Comment;

/** One declaration from `from` to `to` (exclusive), or undefined when a browser would drop it. */
function declaration(css: string, tokens: readonly CssToken[], from: number, to: number): StyleDeclaration | undefined {
  const name = tokens[from];
  if (name.type !== T.Ident) return undefined;
  let i = from + 1;
  while (i < to && skippable(tokens[i].type)) i++;
  if (i >= to || tokens[i].type !== T.Colon) return undefined;
  // `!important` at the end: a `!` delim, then the ident `important`, comments and spaces around.
  let end = to;
  while (end > i + 1 && skippable(tokens[end - 1].type)) end--;
  let important = false;
  if (end > i + 1 && tokens[end - 1].type === T.Ident && cssUnescape(css.slice(tokens[end - 1].start, tokens[end - 1].end)).toLowerCase() === 'important') {
    let bang = end - 2;
    while (bang > i && skippable(tokens[bang].type)) bang--;
    if (bang > i && tokens[bang].type === T.Delim && css[tokens[bang].start] === '!') {
      important = true;
      end = bang;
    }
  }
  const value = valueText(css, tokens, i + 1, end);
  if (value === undefined || (!value && !important)) return undefined;
  const raw = cssUnescape(css.slice(name.start, name.end));
  return { prop: raw.startsWith('--') ? raw : raw.toLowerCase(), value: important ? `${value}!important` : value };
}

/**
 * Reads a style attribute into declarations the way a browser does (CSS Syntax Level 3: "parse
 * a list of declarations"), so that what is judged is what a browser applies. Declarations a
 * browser drops are left out: one without a colon, with a bad string (a newline inside quotes),
 * a bad `url(`, a `{}` block or unbalanced brackets. Everything after such a declaration is read
 * on from its `;`, as a browser does.
 *
 * @example
 * parseStyle("font-family:'A;B',serif; COLOR : #333")
 * // → [{ prop: 'font-family', value: "'A;B',serif" }, { prop: 'color', value: '#333' }]
 * // the string ends at the newline, the declaration holding it is dropped, and a browser reads on:
 * parseStyle("font-family:'x\n;position:fixed") // → [{ prop: 'position', value: 'fixed' }]
 */
export function parseStyle(style: string): StyleDeclaration[] {
  // A render writes the same few dozen style attributes (one per theme role) over and over: each
  // is read once. Declarations are frozen and each caller gets its own array.
  const known = readStyles.get(style);
  if (known) return known.slice();
  const decls = readStyle(style);
  for (const d of decls) Object.freeze(d);
  if (readStyles.size >= READ_STYLES_MAX) readStyles.clear();
  if (style.length <= READ_STYLE_MAX_LENGTH) readStyles.set(style, decls);
  return decls.slice();
}

/** Style attributes already read, up to `READ_STYLES_MAX` of them (then it starts again), each up to `READ_STYLE_MAX_LENGTH` characters. */
const readStyles = new Map<string, StyleDeclaration[]>();
const READ_STYLES_MAX = 2048;
const READ_STYLE_MAX_LENGTH = 1024;

function readStyle(style: string): StyleDeclaration[] {
  const tokens = cssTokens(style);
  const decls: StyleDeclaration[] = [];
  let i = 0;
  while (i < tokens.length) {
    const type = tokens[i].type;
    if (type === T.WhiteSpace || type === T.Comment || type === T.Semicolon) {
      i++;
      continue;
    }
    const end = declarationEnd(tokens, i);
    const decl = declaration(style, tokens, i, end);
    if (decl) decls.push(decl);
    i = end + 1;
  }
  return decls;
}

/**
 * The CSS functions a value calls, lower-cased with escapes decoded; `url(…)` written without
 * quotes (one token) counts as `url`.
 *
 * @example
 * cssFunctions('rgb(1,2,3) -webkit-image-set(u\\72l(x) 1x)') // → ['rgb', '-webkit-image-set', 'url']
 */
export function cssFunctions(value: string): string[] {
  const out: string[] = [];
  for (const { type, start, end } of cssTokens(value)) {
    if (type === T.Function) out.push(cssUnescape(value.slice(start, end - 1)).toLowerCase());
    else if (type === T.Url || type === T.BadUrl) out.push('url');
  }
  return out;
}

/**
 * Writes declarations back as a compact style attribute value.
 *
 * @example
 * serializeStyle([{ prop: 'color', value: '#333' }, { prop: 'margin', value: '0' }]) // → 'color:#333;margin:0'
 */
export function serializeStyle(decls: readonly StyleDeclaration[]): string {
  return decls.map((d) => `${d.prop}:${d.value}`).join(';');
}
