import { escapeHtml } from '../../core/escape.js';
import { WECHAT_POLICY } from '../../wechat/policy.js';
import { mathjaxEngine } from './mathjax.js';
import { compactSvg } from './svg-compact.js';
import { evenLines, texToText } from './text-tier.js';

/**
 * How a formula was written: `text` (HTML text with `<i>`, `<sub>`, `<sup>`, a small matrix's
 * rows and columns of text), `svg` (an inline drawing) or `source` (TeX that could not be read,
 * shown as written).
 */
export type MathTier = 'text' | 'svg' | 'source';

/** One rendered formula. */
export interface RenderedMath {
  tier: MathTier;
  /** The formula (display math laid out in its own centred, scrolling box). */
  html: string;
  /** Readable plain text: the text tier's, or the TeX source. */
  text: string;
  /** Why the TeX could not be read (tier `source`). */
  error?: string;
  /** Tier `svg`: the drawing alone (the `<svg>` inside `html`), as it appears in the article. */
  svg?: string;
}

/** A formula the render drew as SVG: its TeX, and its `<svg>` exactly as it appears in the HTML. */
export interface DrawnFormula {
  /** The TeX between the delimiters. */
  tex: string;
  display: boolean;
  /** The `<svg>…</svg>` markup (the same formula drawn twice has the same markup). */
  svg: string;
}

/** Options of `renderMath`. */
export interface MathRenderOptions {
  display: boolean;
  /** Display math inside a paragraph is laid out in a `<span style="display:block">` (a `<p>` cannot hold a `<section>`). */
  inParagraph?: boolean;
  /** Style of inline code in the current theme, for TeX shown as its source. */
  codeStyle?: string;
  /** The delimiters as written, for TeX shown as its source. */
  markup?: string;
}

const TAG = /\\tag(\*?)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/;
const { columnPx, pxPerEx } = WECHAT_POLICY.math;

/**
 * Renders one formula in the cheapest tier that reads right: text when it can be written as
 * text, else a compact SVG drawn by MathJax (loaded on first use), else, for TeX MathJax cannot
 * read, the source in a code style and the reason. Never throws for bad TeX.
 *
 * @param tex - The TeX between the delimiters.
 * @param options - `display`, where it sits, the code style for errors.
 * @example
 * renderMath('O(n \\log n)', { display: false }) // → { tier: 'text', html: '<i>O</i>(<i>n</i> log <i>n</i>)', text: 'O(n log n)' }
 * renderMath('\\frac{a', { display: false }).tier // → 'source'
 */
export function renderMath(tex: string, options: MathRenderOptions): RenderedMath {
  const { display } = options;
  const tagMatch = display ? TAG.exec(tex) : null;
  const body = tagMatch ? tex.replace(TAG, ' ') : tex;
  const tag = tagMatch ? texToText(tagMatch[2], { loose: true }) : undefined;
  const tagLabel = tag && (tagMatch![1] ? tag : { html: `(${tag.html})`, text: `(${tag.text})` });

  const asText = texToText(body, { display });
  if (asText) {
    const text = tagLabel ? `${asText.text} ${tagLabel.text}` : asText.text;
    return { tier: 'text', html: display ? displayBox(asText.html, options, tagLabel?.html) : evenLines(asText.html), text };
  }
  let drawn: ReturnType<typeof compactSvg>;
  try {
    drawn = compactSvg(mathjaxEngine().convert(body, display));
  } catch (e) {
    // MathJax's TeX errors are not Error instances, but carry a message.
    return source(tex, options, (e as { message?: unknown } | null)?.message?.toString() ?? String(e));
  }
  if (!drawn) return source(tex, options, 'MathJax drew something that cannot be made safe for WeChat');
  const plain = texToText(body, { display, loose: true })!.text;
  const text = tagLabel ? `${plain} ${tagLabel.text}` : plain;
  const tooWide = drawn.width * pxPerEx > columnPx;
  if (display) return { tier: 'svg', html: displayBox(drawn.html, options, tagLabel?.html), text, svg: drawn.html };
  // An inline formula wider than the column scrolls inside its own box instead of spilling out.
  const html = tooWide ? `<span style="display:inline-block;max-width:100%;overflow-x:auto;overflow-y:hidden;vertical-align:middle">${drawn.html}</span>` : drawn.html;
  return { tier: 'svg', html, text, svg: drawn.html };
}

/**
 * Display math: centred in its own box, which scrolls sideways when the formula is wider than
 * the column. A `\tag` is written as text at the right, on the formula's line: the formula's
 * box takes the whole line (keeping room for the tag on both sides, so the formula stays in the
 * middle) and the tag, pulled back over that room, sits on the same line, both middle-aligned.
 */
function displayBox(inner: string, options: MathRenderOptions, tag: string | undefined): string {
  const [block, end] = options.inParagraph ? ['span style="display:block;', '</span>'] : ['section style="', '</section>'];
  const scroll = 'text-align:center;overflow-x:auto;overflow-y:hidden';
  if (!tag) return `<${block}${scroll};margin:.5em 0">${inner}${end}`;
  const box = `<${block.replace('display:block;', '')}display:inline-block;width:100%;box-sizing:border-box;padding:0 3em;vertical-align:middle;white-space:normal;${scroll}">${inner}${end}`;
  const label = `<span style="display:inline-block;width:3em;margin-left:-3em;text-align:right;vertical-align:middle">${tag}</span>`;
  return `<${block}margin:.5em 0;white-space:nowrap">${box}${label}${end}`;
}

function source(tex: string, options: MathRenderOptions, error: string): RenderedMath {
  const markup = options.markup ?? (options.display ? '$$' : '$');
  const closing = markup === '\\(' ? '\\)' : markup === '\\[' ? '\\]' : markup;
  const written = `${markup}${tex}${closing}`;
  const code = options.codeStyle ? `<code style="${options.codeStyle}">` : '<code>';
  return { tier: 'source', html: `${code}${escapeHtml(written.replace(/\s+/g, ' '))}</code>`, text: written, error };
}
