import { escapeHtml } from '../../core/escape.js';
import {
  ACCENTS, BINARY, DELIMITER, FUNCTIONS, GREEK, IGNORED, LARGE, mathLetter, NAMED_OPERATORS, ORDINARY, RELATION,
  scriptText, SPACES, type MathAlphabet,
} from './symbols.js';

/**
 * A formula written as text: HTML (`<i>`, `<sub>`, `<sup>`, `<b>`, and for a matrix the
 * `<span>`s that set its cells in rows and columns) and plain text.
 */
export interface TextMath {
  html: string;
  text: string;
}

/** Options of `texToText`. */
export interface TextTierOptions {
  /** Display math: only a flat formula (no fraction, root or large operator with limits) reads right as text. */
  display?: boolean;
  /**
   * Never give up: write whatever the formula holds as text (fractions as a/b at any length,
   * unknown commands by name). For places that can only hold text, such as titles.
   */
  loose?: boolean;
}

/**
 * Why a formula cannot be written as text; the formula is then drawn (SVG tier). Thrown to
 * unwind the parser and caught in `texToText`, it is not an `Error`: no stack is captured for an
 * outcome as ordinary as a formula that needs drawing.
 */
class NotText {
  constructor(readonly why: string) {}
}

type Kind = 'ord' | 'op' | 'rel' | 'punct' | 'open' | 'close' | 'fn' | 'large' | 'space';

interface Atom {
  kind: Kind;
  html: string;
  text: string;
  italic?: boolean;
  sub?: TextMath;
  sup?: TextMath;
}

type Tok = { t: 'cmd'; v: string } | { t: 'char'; v: string } | { t: '{' | '}' | '^' | '_' | 'ws' };

function tokenize(tex: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') {
      const m = /^[a-zA-Z]+/.exec(tex.slice(i + 1));
      if (m) {
        out.push({ t: 'cmd', v: m[0] });
        i += m[0].length;
      } else if (i + 1 < tex.length) {
        out.push({ t: 'cmd', v: tex[++i] });
      } else throw new NotText('a lone backslash');
    } else if (c === '{' || c === '}' || c === '^' || c === '_') out.push({ t: c });
    else if (/\s/.test(c)) {
      if (out[out.length - 1]?.t !== 'ws') out.push({ t: 'ws' });
    } else {
      const cp = tex.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out.push({ t: 'char', v: ch });
      i += ch.length - 1;
    }
  }
  return out;
}

const CHAR_KIND: Record<string, [Kind, string]> = {
  '+': ['op', '+'], '-': ['op', '−'], '*': ['op', '∗'], '=': ['rel', '='], '<': ['rel', '<'], '>': ['rel', '>'],
  ':': ['rel', ':'], ',': ['punct', ','], ';': ['punct', ';'], '(': ['open', '('], '[': ['open', '['],
  ')': ['close', ')'], ']': ['close', ']'], "'": ['ord', '′'], '~': ['space', '\u00a0'],
};

const FONT_ALPHABET: Record<string, MathAlphabet> = { mathbb: 'bb', mathcal: 'cal', mathscr: 'scr', mathfrak: 'frak' };
const TEXT_COMMANDS = new Set(['text', 'textrm', 'textnormal', 'textup', 'mbox', 'textit', 'textbf', 'texttt', 'textsf', 'mathrm', 'mathup', 'mathsf', 'mathtt', 'mathit', 'mathnormal']);
const BOLD = new Set(['mathbf', 'bm', 'boldsymbol', 'mathbfit', 'pmb']);
const FRACTIONS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
const FRACTION_OPERAND_MAX = 12;

/** Matrix environments the text tier sets, with their fence as text and as the borders of the matrix's box. */
const MATRIX_FENCES: Record<string, { text: [string, string]; style: string }> = {
  matrix: { text: ['', ''], style: '' },
  pmatrix: { text: ['(', ')'], style: 'border:solid;border-width:0 .08em;border-radius:.6em' },
  vmatrix: { text: ['|', '|'], style: 'border:solid;border-width:0 .08em' },
  Vmatrix: { text: ['‖', '‖'], style: 'border:double;border-width:0 3px' },
};
/** Beyond these a matrix is drawn: more cells than a reader takes in as text, or rows wider than the column. */
const MATRIX_MAX = { rows: 6, columns: 6, rowChars: 32 };

class Parser {
  private pos = 0;
  private scriptDepth = 0;
  private fracDepth = 0;
  private inMatrix = false;
  /** Something in the formula that reads right only when drawn in display style. */
  drawnInDisplay = false;

  constructor(private readonly toks: Tok[], private readonly loose: boolean) {}

  private fail(why: string): never {
    throw new NotText(why);
  }

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private skipWs(): void {
    while (this.toks[this.pos]?.t === 'ws') this.pos++;
  }

  /**
   * Atoms up to the end, or up to the closing brace of the group being read; in a matrix cell,
   * up to the `&`, `\\` or `\end` that ends the cell (left for the caller to read).
   */
  list(inGroup: boolean, cell = false): Atom[] {
    const atoms: Atom[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok) {
        if (inGroup) this.fail('an unclosed brace');
        return atoms;
      }
      if (cell && ((tok.t === 'char' && tok.v === '&') || (tok.t === 'cmd' && (tok.v === '\\' || tok.v === 'cr' || tok.v === 'end')))) return atoms;
      this.pos++;
      switch (tok.t) {
        case '}':
          if (!inGroup) this.fail('an unopened brace');
          return atoms;
        case '{':
          atoms.push(...this.list(true));
          break;
        case '^':
        case '_':
          this.script(atoms, tok.t === '^' ? 'sup' : 'sub');
          break;
        case 'ws':
          break;
        case 'char':
          this.char(tok.v, atoms);
          break;
        case 'cmd':
          this.command(tok.v, atoms);
          break;
      }
    }
  }

  private script(atoms: Atom[], kind: 'sup' | 'sub'): void {
    const nested = this.scriptDepth > 0;
    let base = atoms[atoms.length - 1];
    if (!base || base.kind === 'space') atoms.push((base = { kind: 'ord', html: '', text: '' }));
    if (base[kind]) this.fail('a double script');
    this.scriptDepth++;
    const arg = this.arg();
    this.scriptDepth--;
    if (base.kind === 'large' && this.scriptDepth === 0) this.drawnInDisplay = true;
    const written = write(arg, true);
    // A script inside a script reads right only as Unicode characters (2e^{-2nt^2} → 2e<sup>−2nt²</sup>).
    if (nested && !this.loose && !(UNICODE_SCRIPT.test(written.text) && written.html === written.text)) this.fail('a script inside a script');
    base[kind] = written;
  }

  /** One argument: a group, a command or one character. */
  private arg(): Atom[] {
    this.skipWs();
    const tok = this.peek();
    if (!tok) this.fail('a missing argument');
    this.pos++;
    const atoms: Atom[] = [];
    if (tok.t === '{') return this.list(true);
    if (tok.t === 'char') atoms.push(this.charAtom(tok.v));
    else if (tok.t === 'cmd') this.command(tok.v, atoms);
    else this.fail('a missing argument');
    return atoms;
  }

  /** The characters of a group, as written (for `\text{…}`, `\mathbb{…}`, `\operatorname{…}`). */
  private rawArg(): string {
    this.skipWs();
    const tok = this.peek();
    if (!tok) this.fail('a missing argument');
    this.pos++;
    if (tok.t === 'char') return tok.v;
    if (tok.t !== '{') this.fail('a command where text was expected');
    let out = '';
    for (let depth = 1; ; ) {
      const t = this.peek();
      if (!t) this.fail('an unclosed brace');
      this.pos++;
      if (t.t === '{') depth++;
      else if (t.t === '}' && --depth === 0) return out;
      else if (t.t === '}') continue;
      else if (t.t === 'ws') out += ' ';
      else if (t.t === 'char') {
        if (t.v === '$') this.fail('math inside text');
        out += t.v;
      } else if (t.t === 'cmd') {
        const ch = ORDINARY[t.v] ?? SPACES[t.v] ?? (/^[{}]$/.test(t.v) ? t.v : undefined);
        if (ch === undefined) {
          if (!this.loose) this.fail(`\\${t.v} inside text`);
          out += t.v;
        } else out += ch;
      } else out += t.t;
    }
  }

  private charAtom(ch: string): Atom {
    if (/^[a-zA-Z]$/.test(ch)) return { kind: 'ord', html: ch, text: ch, italic: true };
    const known = CHAR_KIND[ch];
    if (known) return { kind: known[0], html: escapeHtml(known[1]), text: known[1] };
    if (ch === '&' || ch === '#' || ch === '%' || ch === '$') {
      if (!this.loose) this.fail(`"${ch}" in a formula`);
      return { kind: 'space', html: ' ', text: ' ' };
    }
    return { kind: 'ord', html: escapeHtml(ch), text: ch };
  }

  private char(ch: string, atoms: Atom[]): void {
    if (/[0-9.]/.test(ch)) {
      let num = ch;
      while (this.peek()?.t === 'char' && /^[0-9.]$/.test((this.peek() as { v: string }).v)) num += (this.toks[this.pos++] as { v: string }).v;
      atoms.push({ kind: 'ord', html: num, text: num });
      return;
    }
    atoms.push(this.charAtom(ch));
  }

  private command(name: string, atoms: Atom[]): void {
    const sym = (kind: Kind, s: string) => atoms.push({ kind, html: escapeHtml(s), text: s });
    if (name in GREEK) return void sym('ord', GREEK[name]);
    if (name in ORDINARY) return void sym('ord', ORDINARY[name]);
    if (name in BINARY) return void sym('op', BINARY[name]);
    if (name in RELATION) return void sym('rel', RELATION[name]);
    if (name in LARGE) return void sym('large', LARGE[name]);
    if (name in DELIMITER) return void sym(DELIMITER[name][1], DELIMITER[name][0]);
    if (FUNCTIONS.has(name)) return void sym('fn', name);
    if (name in NAMED_OPERATORS) return void sym('fn', NAMED_OPERATORS[name]);
    if (name in SPACES) return void sym('space', SPACES[name]);
    if (name === 'mod' || name === 'bmod') return void sym('op', 'mod');
    if (IGNORED.has(name)) {
      // `\left.` and `\right.`: an empty delimiter.
      const next = this.peek();
      if ((name === 'left' || name === 'right' || name === 'middle') && next?.t === 'char' && next.v === '.') this.pos++;
      return;
    }
    if (name in FONT_ALPHABET) {
      let out = '';
      for (const ch of this.rawArg()) {
        if (ch === ' ') continue;
        const letter = mathLetter(FONT_ALPHABET[name], ch);
        if (letter === undefined && !this.loose) this.fail(`\\${name}{${ch}}`);
        out += letter ?? ch;
      }
      return void sym('ord', out);
    }
    if (name === 'operatorname') {
      if (this.peek()?.t === 'char' && (this.peek() as { v: string }).v === '*') this.pos++;
      return void sym('fn', this.rawArg().trim());
    }
    if (TEXT_COMMANDS.has(name)) {
      const text = this.rawArg();
      const italic = name === 'textit' || name === 'mathit' || name === 'mathnormal';
      const atom: Atom = { kind: 'ord', html: escapeHtml(text), text, italic };
      if (name === 'textbf') atom.html = `<b>${atom.html}</b>`;
      return void atoms.push(atom);
    }
    if (BOLD.has(name)) {
      const inner = this.arg();
      if (name === 'mathbf') for (const a of inner) a.italic = false;
      const w = write(inner, true);
      return void atoms.push({ kind: 'ord', html: `<b>${w.html}</b>`, text: w.text });
    }
    if (FRACTIONS.has(name)) return void atoms.push(this.fraction());
    if (name === 'sqrt') return void atoms.push(this.sqrt());
    if (name in ACCENTS) return void atoms.push(this.accent(name));
    if (name === 'begin' && !this.loose) return void atoms.push(this.matrix(atoms));
    if (name === 'not') {
      const next: Atom[] = [];
      this.skipWs();
      const tok = this.peek();
      if (tok?.t === 'char') atoms.push(tok.v === '=' ? { kind: 'rel', html: '≠', text: '≠' } : { ...this.charAtom(tok.v), kind: 'rel' });
      else if (tok?.t === 'cmd') this.command(tok.v, next);
      this.pos++;
      for (const a of next) atoms.push({ ...a, html: `${a.html}\u0338`, text: `${a.text}\u0338` });
      return;
    }
    if (!this.loose) this.fail(`\\${name}`);
    // Loose: environments lose their layout, colours their colour, anything else reads by name.
    if (name === 'begin' || name === 'end') {
      const env = this.rawArg().replace(/\*$/, '');
      const fence = { pmatrix: '()', bmatrix: '[]', Bmatrix: '{}', vmatrix: '||', Vmatrix: '‖‖', cases: '{ ' }[env];
      const ch = fence?.[name === 'begin' ? 0 : 1].trim();
      if (ch) sym(name === 'begin' ? 'open' : 'close', ch);
      return;
    }
    if (name === '\\' || name === 'cr' || name === 'hline') return void sym('punct', ';');
    if (name === 'binom' || name === 'dbinom' || name === 'tbinom' || name === 'choose') {
      const n = name === 'choose' ? { html: '', text: '' } : write(this.arg(), true);
      const k = write(this.arg(), true);
      return void atoms.push({ kind: 'ord', html: `C(${n.html}, ${k.html})`, text: `C(${n.text}, ${k.text})` });
    }
    if (name === 'color' || name === 'tag') {
      const arg = this.rawArg();
      if (name === 'tag') sym('space', ` (${arg})`);
      return;
    }
    if (/^[a-zA-Z]+$/.test(name)) sym('fn', name);
    else sym('ord', name);
  }

  /**
   * A matrix environment whose cells read right as text, set in rows and columns: one
   * inline-block per column, its cells one per line, the fence drawn by the borders of the box
   * around them (`pmatrix`: borders curved into parentheses, `vmatrix`: bars). Line spacing is
   * fixed and scripts take no room, so the rows of every column line up.
   */
  private matrix(before: Atom[]): Atom {
    const env = this.rawArg();
    const fence = MATRIX_FENCES[env];
    if (!fence) this.fail(`the ${env} environment`);
    if (this.scriptDepth > 0 || this.fracDepth > 0 || this.inMatrix) this.fail('a matrix inside a script, fraction or matrix');
    // A fence written around a bare matrix (`\left(` … `\right)`) would stay the height of one line.
    if (!fence.text[0] && before[before.length - 1]?.kind === 'open') this.fail('a fence around a matrix');
    this.inMatrix = true;
    const rows: TextMath[][] = [];
    let row: TextMath[] = [];
    for (;;) {
      const cell = write(this.list(false, true), false);
      row.push(cell);
      const end = this.toks[this.pos++];
      if (!end) this.fail('an unclosed matrix');
      if (end.t === 'char') continue;
      if (end.t === 'cmd' && end.v !== 'end') {
        rows.push(row);
        row = [];
        this.skipWs();
        // `\\[2pt]`: extra space between rows, which text cannot show.
        const next = this.peek();
        if (next?.t === 'char' && next.v === '[') while (this.peek() && !(this.peek()!.t === 'char' && (this.toks[this.pos++] as { v: string }).v === ']'));
        continue;
      }
      if (this.rawArg() !== env) this.fail(`an \\end that does not close ${env}`);
      // A last \\ before \end leaves an empty row, which TeX does not show either.
      if (row.length > 1 || row[0].text) rows.push(row);
      break;
    }
    this.inMatrix = false;
    if (!fence.text[1]) {
      this.skipWs();
      const next = this.peek();
      if (next && ((next.t === 'cmd' && (next.v === 'right' || DELIMITER[next.v]?.[1] === 'close')) || (next.t === 'char' && CHAR_KIND[next.v]?.[0] === 'close'))) {
        this.fail('a fence around a matrix');
      }
    }
    const columns = Math.max(...rows.map((r) => r.length));
    if (!rows.length) this.fail('an empty matrix');
    if (rows.length > MATRIX_MAX.rows || columns > MATRIX_MAX.columns) this.fail('a matrix of more than 6 rows or columns');
    if (rows.some((r) => r.reduce((n, c) => n + [...c.text].length + 2, 0) > MATRIX_MAX.rowChars)) this.fail('a matrix too wide to read as text');
    let html = `<span style="display:inline-block;vertical-align:middle;margin:.2em 0;padding:0 .3em;line-height:1.4;text-align:center;white-space:nowrap${fence.style ? `;${fence.style}` : ''}">`;
    for (let c = 0; c < columns; c++) {
      const cells = rows.map((r) => (r[c]?.html ? r[c].html.replace(/<(su[pb])>/g, '<$1 style="line-height:0">') : '\u00a0'));
      html += `<span style="display:inline-block${c ? ';margin-left:.8em' : ''}">${cells.join('<br>')}</span>`;
    }
    const text = rows.map((r) => r.map((c) => c.text).join(' ')).join('; ');
    return { kind: 'ord', html: `${html}</span>`, text: `${fence.text[0]}${text}${fence.text[1]}` };
  }

  private fraction(): Atom {
    if (!this.loose && (this.fracDepth > 0 || this.scriptDepth > 0)) this.fail('a fraction inside a fraction or script');
    this.drawnInDisplay = true;
    this.fracDepth++;
    const num = this.arg();
    const den = this.arg();
    this.fracDepth--;
    const n = write(num, true);
    const d = write(den, true);
    if (!this.loose && (n.text.length > FRACTION_OPERAND_MAX || d.text.length > FRACTION_OPERAND_MAX)) this.fail('a long fraction');
    const compound = (atoms: Atom[]) => atoms.some((a) => a.kind === 'op' || a.kind === 'rel' || a.kind === 'punct');
    const wrapNum = compound(num);
    const wrapDen = den.length > 1 && !(den[0].text === '∂' || (den[0].text === 'd' && den.length === 2));
    const paren = (w: TextMath, on: boolean) => (on ? { html: `(${w.html})`, text: `(${w.text})` } : w);
    const a = paren(n, wrapNum);
    const b = paren(d, wrapDen || compound(den));
    return { kind: 'ord', html: `${a.html}/${b.html}`, text: `${a.text}/${b.text}` };
  }

  private sqrt(): Atom {
    this.skipWs();
    let index: TextMath | undefined;
    const next = this.peek();
    if (next?.t === 'char' && next.v === '[') {
      this.pos++;
      const atoms: Atom[] = [];
      while (this.peek() && !(this.peek()!.t === 'char' && (this.peek() as { v: string }).v === ']')) {
        const t = this.toks[this.pos++];
        if (t.t === 'char') this.char(t.v, atoms);
        else if (t.t === 'cmd') this.command(t.v, atoms);
      }
      this.pos++;
      index = write(atoms, true);
      if (!this.loose && !['3', '4'].includes(index.text)) this.fail('a root index');
    }
    const body = this.arg();
    const w = write(body, true);
    const wrap = body.length > 1;
    const sign = index ? { 3: '∛', 4: '∜' }[index.text] ?? `${scriptText(index.text, 'sup')}√` : '√';
    if (wrap) this.drawnInDisplay = true;
    return { kind: 'ord', html: `${sign}${wrap ? `(${w.html})` : w.html}`, text: `${sign}${wrap ? `(${w.text})` : w.text}` };
  }

  private accent(name: string): Atom {
    const body = this.arg();
    const only = body[0];
    if (body.length !== 1 || only.sub || only.sup || [...only.text].length !== 1 || only.html.startsWith('<')) {
      if (!this.loose) this.fail(`\\${name} over more than one letter`);
      const w = write(body, true);
      return { kind: 'ord', html: w.html, text: w.text };
    }
    const mark = ACCENTS[name];
    return { ...only, html: `${only.html}${mark}`, text: `${only.text}${mark}` };
  }
}

// Digits and signs have superscript and subscript characters in every font; letters do not
// everywhere, so they get `<sup>`/`<sub>`.
const UNICODE_SCRIPT = /^[0-9+−=()]+$/;

/**
 * A script as Unicode characters (`n²`, no markup, even line spacing) when it is digits and
 * signs, else as `<sup>`/`<sub>`. A star superscript is the asterisk itself (`p*`): the character
 * already sits high.
 */
function scriptHtml(script: TextMath, kind: 'sup' | 'sub'): string {
  if (kind === 'sup' && script.text === '∗') return '*';
  return UNICODE_SCRIPT.test(script.text) && script.html === script.text ? scriptText(script.text, kind) : `<${kind}>${script.html}</${kind}>`;
}

/**
 * Formula HTML with its `<sup>`/`<sub>` kept from pushing its line away from the others
 * (`line-height:0` on one span around it, rather than on every script).
 *
 * @example
 * evenLines('<i>x</i><sub><i>i</i></sub>') // → '<span style="line-height:0"><i>x</i><sub><i>i</i></sub></span>'
 * evenLines('<i>n</i>²') // → '<i>n</i>²'
 */
export function evenLines(html: string): string {
  return /<su[pb]>/.test(html) ? `<span style="line-height:0">${html}</span>` : html;
}

/** What a binary operator after these is: unary. */
const BEFORE_UNARY = new Set<Kind>(['op', 'rel', 'open', 'punct', 'large']);
/** What a binary operator before these is: unary. */
const AFTER_UNARY = new Set<Kind>(['rel', 'close', 'punct']);
/** What a function name or large operator is spaced from. */
const WORDS_BEFORE = new Set<Kind>(['ord', 'close', 'fn']);

interface Seg {
  html: string;
  text: string;
  italic: boolean;
}

/** Writes atoms with TeX's spacing as text: spaces around relations and binary operators (not in scripts), after commas. */
function write(atoms: Atom[], tight: boolean): TextMath {
  const segs: Seg[] = [];
  const space: Seg = { html: ' ', text: ' ', italic: false };
  const visible = atoms.filter((a) => a.kind !== 'space' || a.text);
  for (let i = 0; i < visible.length; i++) {
    const a = visible[i];
    const prev = visible[i - 1];
    const next = visible[i + 1];
    let kind = a.kind;
    // A binary operator with nothing to its left (or nothing to its right) is unary.
    if (kind === 'op' && (!prev || !next || BEFORE_UNARY.has(prev.kind) || AFTER_UNARY.has(next.kind))) kind = 'ord';
    const spaced = !tight && (kind === 'op' || kind === 'rel');
    const wordLike = kind === 'fn' || kind === 'large';
    if ((spaced && prev) || (wordLike && prev && WORDS_BEFORE.has(prev.kind) && !(prev.kind === 'ord' && !prev.text.trim()))) segs.push(space);
    segs.push({ html: a.html, text: a.text, italic: Boolean(a.italic) });
    if (a.sub) segs.push({ html: scriptHtml(a.sub, 'sub'), text: scriptText(a.sub.text, 'sub'), italic: false });
    if (a.sup) segs.push({ html: scriptHtml(a.sup, 'sup'), text: scriptText(a.sup.text, 'sup'), italic: false });
    if ((spaced && next) || (!tight && kind === 'punct' && next)) segs.push(space);
    else if (wordLike && next && (next.kind === 'ord' || next.kind === 'fn' || next.kind === 'large') && next.text.trim()) segs.push(space);
  }
  let html = '';
  let text = '';
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    text += s.text;
    if (s.italic) {
      let run = s.html;
      while (segs[i + 1]?.italic) {
        run += segs[++i].html;
        text += segs[i].text;
      }
      html += `<i>${run}</i>`;
    } else html += s.html;
  }
  // A space alone between two tags goes inside the italic run next to it: the same look, and
  // no whitespace-only text between tags for an editor to drop.
  const joined = html.includes(' ') ? tidy(html).replace(/(<\/\w+>) (<i>)/g, '$1$2 ').replace(/(<\/i>) (<)/g, ' $1$2').replace(/(>) (<)/g, '$1\u00a0$2') : html;
  return { html: joined, text: text.includes(' ') ? tidy(text) : text };
}

/** Runs of spaces as one, none at the ends. */
function tidy(s: string): string {
  return s.replace(/ {2,}/g, ' ').replace(/^ +| +$/g, '');
}

/**
 * A TeX formula written as text (the text tier): italic variables, upright numbers and function
 * names, Unicode for Greek, operators, relations and ℝ/𝒞-style letters, `<sub>`/`<sup>` for
 * simple scripts, `\frac` of short operands as a/b, `\sqrt` as √, small matrices in parentheses,
 * bars or no fence as cells in rows and columns. Undefined when the formula
 * does not read right as text (it is then drawn), unless `loose` is set.
 *
 * @param tex - The formula without its delimiters.
 * @param options - `display`, `loose`.
 * @example
 * texToText('\\mathbb{R}^d') // → { html: 'ℝ<sup><i>d</i></sup>', text: 'ℝᵈ' }
 * texToText('O(n^2)') // → { html: '<i>O</i>(<i>n</i>²)', text: 'O(n²)' }
 * texToText('O(n \\log n)') // → { html: '<i>O</i>(<i>n</i> log <i>n</i>)', text: 'O(n log n)' }
 * texToText('\\begin{pmatrix}a\\\\b\\end{pmatrix}')?.text // → '(a; b)'
 * texToText('\\begin{bmatrix}a\\end{bmatrix}') // → undefined
 */
export function texToText(tex: string, options: TextTierOptions = {}): TextMath | undefined {
  const attempt = (loose: boolean): TextMath => {
    const parser = new Parser(tokenize(tex), loose);
    const atoms = parser.list(false);
    if (options.display && parser.drawnInDisplay && !loose) throw new NotText('display style');
    return write(atoms, false);
  };
  try {
    return attempt(false);
  } catch (e) {
    if (!(e instanceof NotText)) throw e;
    if (!options.loose) return undefined;
  }
  try {
    return attempt(true);
  } catch (e) {
    if (!(e instanceof NotText)) throw e;
    // Unbalanced braces even read loosely: the source, as written.
    return { html: escapeHtml(tex), text: tex };
  }
}
