import { parseStyle, serializeStyle } from '../../wechat/style.js';

/**
 * Properties that style the text of a block line by line. Two blocks styled alike with nothing
 * but these (and margins) read the same as one block holding both, their lines one after the
 * other: the writer writes them as one (see `ArticleWriter.open`).
 */
const LINE_PROPERTIES = new Set([
  'color', 'font-size', 'font-weight', 'font-style', 'font-family', 'line-height', 'letter-spacing', 'word-spacing',
  'text-align', 'text-decoration', 'text-transform', 'word-break', 'overflow-wrap', 'word-wrap',
  'margin', 'margin-top', 'margin-bottom', 'margin-left', 'margin-right',
]);

/**
 * True when blocks with this style may share one block: every declaration styles lines of text,
 * or is a margin (kept around the shared block; only the gap between the two goes).
 *
 * @example
 * sharesBlock('font-size:.9em;color:#555') // → true
 * sharesBlock('margin:.5em 0') // → true
 * sharesBlock('padding:.6em 0;border-top:1px solid #ccc') // → false
 */
export function sharesBlock(style: string): boolean {
  return parseStyle(style).every((d) => LINE_PROPERTIES.has(d.prop));
}

/**
 * True when a block with this style can be written as `<p>` rather than `<section>` (12
 * characters shorter): its style sets both vertical margins, so the paragraph margins of the
 * browser and the reader never show.
 *
 * @example
 * paragraphStyle('margin:.5em 0;color:#16a') // → true
 * paragraphStyle('color:#555') // → false
 */
export function paragraphStyle(style: string): boolean {
  return parseStyle(style).some((d) => d.prop === 'margin');
}

/** Opening tags of the blocks that may appear in rendered Markdown: such content is not a line of text. */
const BLOCK_MARKUP = /<(p|section|h[1-6]|pre|table|blockquote|hr|figure|ol|ul)[\s>]/;

/**
 * True when rendered HTML holds a block of its own (a paragraph, a list, code…): a block holding
 * it is not written as `<p>` and takes no following lines.
 *
 * @example
 * holdsBlocks('a <b>b</b>') // → false
 * holdsBlocks('<p style="margin:0">a</p>') // → true
 */
export function holdsBlocks(html: string): boolean {
  return BLOCK_MARKUP.test(html);
}

/** Line properties that also style a run of text inside a line. Not `font-size`: the lines of a smaller run would keep the block's line height. */
const RUN_PROPERTIES = new Set(['color', 'font-weight', 'font-style', 'font-family', 'letter-spacing', 'word-spacing', 'text-decoration', 'text-transform']);

const isMargin = (prop: string) => prop === 'margin' || prop.startsWith('margin-');

/**
 * How two blocks written one after the other can share one block when they are styled alike
 * but for how their text looks: the same margins, and otherwise only properties a run of text
 * takes (`color`, `font-weight`…). Gives the shared block's style and the run style of each
 * (empty when it has none), or undefined when they cannot share.
 *
 * @example
 * sharedBlock('margin:.5em 0;font-weight:bold;color:#16a', 'margin:.5em 0')
 * // → { block: 'margin:.5em 0', first: 'font-weight:bold;color:#16a', second: '' }
 * sharedBlock('margin:.5em 0', 'margin:1em 0') // → undefined
 */
export function sharedBlock(first: string, second: string): { block: string; first: string; second: string } | undefined {
  const a = parseStyle(first);
  const b = parseStyle(second);
  const margins = (ds: typeof a) => serializeStyle(ds.filter((d) => isMargin(d.prop)));
  if (margins(a) !== margins(b)) return undefined;
  const runs = (ds: typeof a) => ds.filter((d) => !isMargin(d.prop));
  if (![...runs(a), ...runs(b)].every((d) => RUN_PROPERTIES.has(d.prop))) return undefined;
  return { block: margins(a), first: serializeStyle(runs(a)), second: serializeStyle(runs(b)) };
}

/**
 * The opening and closing tags of a run styled `style`: `<b>` for bold (with the rest as its
 * style), else a `<span>`; nothing for an empty style.
 *
 * @example
 * runTags('font-weight:bold;color:#16a') // → ['<b style="color:#16a">', '</b>']
 * runTags('color:#555') // → ['<span style="color:#555">', '</span>']
 */
export function runTags(style: string): [string, string] {
  if (!style) return ['', ''];
  const decls = parseStyle(style);
  const bold = decls.find((d) => d.prop === 'font-weight' && /^(bold|700)$/.test(d.value));
  const rest = serializeStyle(decls.filter((d) => d !== bold));
  const tag = bold ? 'b' : 'span';
  return [rest ? `<${tag} style="${rest}">` : `<${tag}>`, `</${tag}>`];
}
