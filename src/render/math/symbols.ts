/**
 * What TeX commands read as in plain Unicode text: the tables the text tier writes from. Each
 * entry is one command (without its backslash) and its character; the kind says how it spaces.
 */

/** Greek letters (TeX's lower case is italic; as text they read best upright). */
export const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', varkappa: 'ϰ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ',
  omicron: 'ο', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ',
  upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};

/** Ordinary symbols. */
export const ORDINARY: Readonly<Record<string, string>> = {
  infty: '∞', partial: '∂', nabla: '∇', forall: '∀', exists: '∃', nexists: '∄', emptyset: '∅', varnothing: '∅',
  ell: 'ℓ', hbar: 'ℏ', imath: 'ı', jmath: 'ȷ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', wp: '℘',
  prime: '′', dagger: '†', ddagger: '‡', top: '⊤', bot: '⊥', angle: '∠', triangle: '△', neg: '¬', lnot: '¬',
  ldots: '…', dots: '…', cdots: '⋯', vdots: '⋮', ddots: '⋱', dotsc: '…', dotsb: '⋯',
  '%': '%', $: '$', '&': '&', '#': '#', _: '_', backslash: '\\', '|': '‖', Vert: '‖', vert: '|',
  checkmark: '✓', surd: '√', degree: '°', S: '§', P: '¶', natural: '♮', sharp: '♯', flat: '♭',
};

/** Binary operators. */
export const BINARY: Readonly<Record<string, string>> = {
  pm: '±', mp: '∓', times: '×', div: '÷', cdot: '·', ast: '∗', star: '⋆', circ: '∘', bullet: '•',
  oplus: '⊕', ominus: '⊖', otimes: '⊗', odot: '⊙', oslash: '⊘', cup: '∪', cap: '∩', sqcup: '⊔', sqcap: '⊓',
  vee: '∨', lor: '∨', wedge: '∧', land: '∧', setminus: '∖', smallsetminus: '∖', uplus: '⊎', amalg: '⨿',
  diamond: '⋄', wr: '≀', bigcirc: '◯',
};

/** Relations. */
export const RELATION: Readonly<Record<string, string>> = {
  le: '≤', leq: '≤', ge: '≥', geq: '≥', leqslant: '⩽', geqslant: '⩾', ne: '≠', neq: '≠', lt: '<', gt: '>',
  approx: '≈', sim: '∼', simeq: '≃', cong: '≅', equiv: '≡', propto: '∝', asymp: '≍', doteq: '≐',
  ll: '≪', gg: '≫', lesssim: '≲', gtrsim: '≳', prec: '≺', succ: '≻', preceq: '⪯', succeq: '⪰',
  in: '∈', notin: '∉', ni: '∋', subset: '⊂', supset: '⊃', subseteq: '⊆', supseteq: '⊇', subsetneq: '⊊', supsetneq: '⊋',
  to: '→', rightarrow: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔', Rightarrow: '⇒', Leftarrow: '⇐',
  Leftrightarrow: '⇔', implies: '⟹', impliedby: '⟸', iff: '⟺', mapsto: '↦', longrightarrow: '⟶', longleftarrow: '⟵',
  longmapsto: '⟼', uparrow: '↑', downarrow: '↓', hookrightarrow: '↪', rightharpoonup: '⇀', leadsto: '⇝',
  mid: '|', nmid: '∤', parallel: '∥', nparallel: '∦', perp: '⊥', vdash: '⊢', models: '⊨', coloneqq: '≔',
  triangleq: '≜', defeq: '≝', sqsubseteq: '⊑', sqsupseteq: '⊒', bowtie: '⋈',
};

/** Large operators: inline, their limits are scripts at the side, as the text tier writes them. */
export const LARGE: Readonly<Record<string, string>> = {
  sum: '∑', prod: '∏', coprod: '∐', int: '∫', iint: '∬', iiint: '∭', oint: '∮',
  bigcup: '⋃', bigcap: '⋂', bigoplus: '⨁', bigotimes: '⨂', bigvee: '⋁', bigwedge: '⋀', bigsqcup: '⨆',
};

/** Delimiters, written as themselves (`\left`/`\right` and `\big` add nothing as text). */
export const DELIMITER: Readonly<Record<string, [string, 'open' | 'close' | 'ord']>> = {
  '{': ['{', 'open'], '}': ['}', 'close'], lbrace: ['{', 'open'], rbrace: ['}', 'close'],
  langle: ['⟨', 'open'], rangle: ['⟩', 'close'], lfloor: ['⌊', 'open'], rfloor: ['⌋', 'close'],
  lceil: ['⌈', 'open'], rceil: ['⌉', 'close'], lvert: ['|', 'open'], rvert: ['|', 'close'],
  lVert: ['‖', 'open'], rVert: ['‖', 'close'], lbrack: ['[', 'open'], rbrack: [']', 'close'],
};

/** Function names written upright (`\log n` → log n). */
export const FUNCTIONS = new Set([
  'log', 'ln', 'lg', 'exp', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'sinh', 'cosh', 'tanh', 'coth',
  'arcsin', 'arccos', 'arctan', 'max', 'min', 'sup', 'inf', 'lim', 'liminf', 'limsup', 'arg', 'det', 'dim',
  'ker', 'deg', 'gcd', 'hom', 'Pr',
]);

/** Named operators beyond TeX's own that papers define, written as these words. */
export const NAMED_OPERATORS: Readonly<Record<string, string>> = { argmax: 'arg max', argmin: 'arg min' };

/** Spacing commands. */
export const SPACES: Readonly<Record<string, string>> = {
  ',': '\u2009', ':': ' ', '>': ' ', ';': ' ', ' ': ' ', quad: '\u2003', qquad: '\u2003\u2003', '!': '',
  thinspace: '\u2009', enspace: '\u2002', medspace: ' ', thickspace: ' ', negthinspace: '',
};

/** Accents over one character, as Unicode combining marks. */
export const ACCENTS: Readonly<Record<string, string>> = {
  hat: '\u0302', widehat: '\u0302', tilde: '\u0303', widetilde: '\u0303', bar: '\u0304', overline: '\u0304',
  vec: '\u20d7', dot: '\u0307', ddot: '\u0308', check: '\u030c', breve: '\u0306', acute: '\u0301', grave: '\u0300',
  mathring: '\u030a',
};

/** Commands that change nothing a reader of text sees. */
export const IGNORED = new Set([
  'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits', 'left', 'right', 'big', 'Big', 'bigg', 'Bigg',
  'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'middle', 'nonumber', 'notag',
]);

const offsets = { bb: [0x1d538, 0x1d552, 0x1d7d8], cal: [0x1d49c, 0x1d4b6, -1], frak: [0x1d504, 0x1d51e, -1], scr: [0x1d49c, 0x1d4b6, -1] };
// Letters that Unicode placed in the Letterlike Symbols block before the math alphabets.
const HOLES: Record<keyof typeof offsets, Record<string, string>> = {
  bb: { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
  cal: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  scr: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  frak: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
};

/** The Unicode math alphabet of a font command. */
export type MathAlphabet = keyof typeof offsets;

/**
 * One character in a Unicode math alphabet (`\mathbb{R}` → ℝ), or undefined when the alphabet
 * has no such letter (it is then drawn, not written).
 *
 * @example
 * mathLetter('bb', 'R') // → 'ℝ'
 * mathLetter('cal', 'C') // → '𝒞'
 * mathLetter('cal', '1') // → undefined
 */
export function mathLetter(alphabet: MathAlphabet, ch: string): string | undefined {
  const hole = HOLES[alphabet][ch];
  if (hole) return hole;
  const [upper, lower, digit] = offsets[alphabet];
  if (ch >= 'A' && ch <= 'Z') return String.fromCodePoint(upper + ch.charCodeAt(0) - 65);
  if (ch >= 'a' && ch <= 'z') return String.fromCodePoint(lower + ch.charCodeAt(0) - 97);
  if (ch >= '0' && ch <= '9' && digit > 0) return String.fromCodePoint(digit + ch.charCodeAt(0) - 48);
  return undefined;
}

const SUP = ' 0⁰1¹2²3³4⁴5⁵6⁶7⁷8⁸9⁹+⁺−⁻=⁼(⁽)⁾aᵃbᵇcᶜdᵈeᵉfᶠgᵍhʰiⁱjʲkᵏlˡmᵐnⁿoᵒpᵖrʳsˢtᵗuᵘvᵛwʷxˣyʸzᶻTᵀ′′∗*';
const SUB = ' 0₀1₁2₂3₃4₄5₅6₆7₇8₈9₉+₊−₋=₌(₍)₎aₐeₑhₕiᵢjⱼkₖlₗmₘnₙoₒpₚrᵣsₛtₜuᵤvᵥxₓβᵦγᵧρᵨφᵩχᵪ';
const pairs = (s: string) => new Map([...s.trim()].reduce<[string, string][]>((acc, c, i, all) => (i % 2 ? acc : [...acc, [c, all[i + 1]]]), []));
const SUP_MAP = pairs(SUP);
const SUB_MAP = pairs(SUB);

/**
 * A script written with Unicode superscript or subscript characters when every character has
 * one, else `^x` / `_x` (one character) or `^(…)` / `_(…)`.
 *
 * @example
 * scriptText('2', 'sup') // → '²'
 * scriptText('i+1', 'sub') // → 'ᵢ₊₁'
 * scriptText('*', 'sup') // → '^*'
 */
export function scriptText(text: string, kind: 'sup' | 'sub'): string {
  const map = kind === 'sup' ? SUP_MAP : SUB_MAP;
  const chars = [...text];
  if (chars.length && chars.every((c) => map.has(c))) return chars.map((c) => map.get(c)).join('');
  const mark = kind === 'sup' ? '^' : '_';
  return chars.length === 1 ? `${mark}${text}` : `${mark}(${text})`;
}
