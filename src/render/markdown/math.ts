import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import { mathAt } from '../math/delimiters.js';
import { renderMath, type DrawnFormula, type MathTier, type RenderedMath } from '../math/render-math.js';
import { ruleFinding } from '../../wechat/rules.js';
import type { Finding } from '../../wechat/findings.js';
import { mdRule, type MarkdownEnv } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/** What the math of one render produced: formulas per tier, the drawn ones, and the findings for bad TeX. */
export interface MathRecord {
  tiers: Record<MathTier, number>;
  /** Every formula drawn as SVG, in the order rendered (repeats included). */
  drawn: DrawnFormula[];
  findings: Finding[];
}

/**
 * A fresh record for one render.
 *
 * @example
 * newMathRecord() // → { tiers: { text: 0, svg: 0, source: 0 }, drawn: [], findings: [] }
 */
export function newMathRecord(): MathRecord {
  return { tiers: { text: 0, svg: 0, source: 0 }, drawn: [], findings: [] };
}

// Inline: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`. Runs before `escape`, `backticks` and `emphasis`, so
// that Markdown never acts inside a formula (`$p^*$ vs $q^*$`, `\|x\|_2`, `\{x\}`, `\\`).
function mathInline(state: StateInline, silent: boolean): boolean {
  const span = mathAt(state.src, state.pos, state.posMax);
  if (!span) return false;
  if (!silent) {
    const token = state.push(span.display ? 'math_display' : 'math_inline', 'math', 0);
    token.content = span.tex;
    token.markup = span.markup;
  }
  state.pos = span.end;
  return true;
}

// Block: a line starting with `$$` or `\[`, up to the line that ends with `$$` or `\]`.
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const open = state.src.startsWith('$$', pos) ? '$$' : state.src.startsWith('\\[', pos) ? '\\[' : '';
  if (!open) return false;
  const close = open === '$$' ? '$$' : '\\]';
  pos += 2;
  let tex: string | undefined;
  let line = startLine;
  const firstRest = state.src.slice(pos, max);
  const sameLine = firstRest.trimEnd();
  if (sameLine.endsWith(close) && sameLine.length >= close.length + 1) {
    tex = sameLine.slice(0, -close.length);
  } else {
    const parts = [firstRest];
    for (line = startLine + 1; line < endLine; line++) {
      const text = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
      if (state.sCount[line] < state.blkIndent) return false;
      const trimmed = text.trimEnd();
      if (trimmed.endsWith(close)) {
        parts.push(trimmed.slice(0, -close.length));
        tex = parts.join('\n');
        break;
      }
      parts.push(text);
    }
  }
  if (tex === undefined || !tex.trim()) return false;
  if (silent) return true;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = tex;
  token.markup = open;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

function record(env: MarkdownEnv, token: Token, math: RenderedMath): string {
  token.meta = { ...(token.meta ?? {}), text: math.text };
  const rec = env.math;
  if (rec) {
    rec.tiers[math.tier]++;
    if (math.svg) rec.drawn.push({ tex: token.content, display: token.type !== 'math_inline', svg: math.svg });
    // The source tier's text is the TeX as written, delimiters included.
    // The finding names the field it comes from, as data (`source`).
    if (math.error) rec.findings.push({ ...ruleFinding('math-invalid', math.error, math.text), ...(env.path ? { source: env.path } : {}) });
  }
  return math.html;
}

const codeStyle = (env: MarkdownEnv) => env.styles[`${env.container}>code`];

/**
 * Math: TeX between `$…$`, `$$…$$`, `\(…\)` and `\[…\]` in every Markdown field, written as
 * text where that reads right and as compact inline SVG otherwise (see `renderMath`). Bad TeX
 * is shown as its source in the code style, with a `math-invalid` finding naming the field.
 */
export const mathTransform: MarkdownTransform = {
  name: 'math',
  install(md: MarkdownIt) {
    md.inline.ruler.before('escape', 'math', mathInline);
    md.block.ruler.before('paragraph', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
    md.renderer.rules.math_inline = mdRule((tokens, idx, env) =>
      record(env, tokens[idx], renderMath(tokens[idx].content, { display: false, codeStyle: codeStyle(env), markup: tokens[idx].markup })));
    md.renderer.rules.math_display = mdRule((tokens, idx, env) =>
      record(env, tokens[idx], renderMath(tokens[idx].content, { display: true, inParagraph: true, codeStyle: codeStyle(env), markup: tokens[idx].markup })));
    md.renderer.rules.math_block = mdRule((tokens, idx, env) =>
      record(env, tokens[idx], renderMath(tokens[idx].content, { display: true, codeStyle: codeStyle(env), markup: tokens[idx].markup })));
  },
};
