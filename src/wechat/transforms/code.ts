import { Element, Text, type AnyNode } from 'domhandler';
import { WECHAT_POLICY } from '../policy.js';
import { closest, descendants, inSvg, isBlock, isElement, isText, lineEdge, mergeTexts, replaceNodes, type NodeReplacement } from '../dom.js';
import { parseStyle, serializeStyle } from '../style.js';
import type { WechatTransform } from './types.js';
import { codeLineText, expandTabs } from '../writers.js';

const preserving = new Set<string>(WECHAT_POLICY.css.preservingWhiteSpace);

/** True for `<pre>` and for elements whose `white-space` keeps spaces and newlines. */
function isPreformatted(el: Element): boolean {
  if (el.name === 'pre') return true;
  const ws = parseStyle(el.attribs.style ?? '').filter((d) => d.prop === 'white-space').pop();
  return ws !== undefined && preserving.has(ws.value.toLowerCase());
}

/** A line break inside a preformatted block: a `<br>`, or the edge of a block element. */
const BREAK = 'break';

/** The text leaves of a preformatted block and its line breaks, in order. */
function leaves(el: Element): (Text | typeof BREAK)[] {
  const out: (Text | typeof BREAK)[] = [];
  const visit = (n: AnyNode) => {
    if (isText(n)) out.push(n);
    else if (isElement(n) && n.name === 'br') out.push(BREAK);
    else if (isElement(n)) {
      if (isBlock(n)) out.push(BREAK);
      n.children.forEach(visit);
      if (isBlock(n)) out.push(BREAK);
    }
  };
  el.children.forEach(visit);
  return out;
}

/** Code text as nodes: lines separated by `<br>`, runs of spaces (and leading ones at a line start) as no-break spaces. */
function lineNodes(lines: string[], lineStart: boolean): AnyNode[] {
  const out: AnyNode[] = [];
  lines.forEach((line, j) => {
    if (j > 0) out.push(new Element('br', {}));
    if (line) out.push(new Text(codeLineText(line, lineStart || j > 0)));
  });
  return out;
}

/** Rewrites a preformatted block so that both paths keep its layout. */
function rewriteBlock(block: Element, edits: Map<AnyNode, NodeReplacement>): void {
  const list = leaves(block);
  const last = list.reduce((at, leaf, i) => (leaf === BREAK ? at : i), -1);
  let lineStart = true;
  let first = true;
  list.forEach((leaf, i) => {
    if (leaf === BREAK) {
      lineStart = true;
      return;
    }
    let data = expandTabs(leaf.data.replace(/\r\n?/g, '\n'));
    // An HTML parser drops the newline right after <pre>; one at the very end ends the last line.
    if (first && block.name === 'pre') data = data.replace(/^\n/, '');
    first = false;
    if (i === last) data = data.replace(/\n$/, '');
    const lines = data.split('\n');
    const nodes = lineNodes(lines, lineStart);
    if (lines.length > 1 || lines[0]) lineStart = lines[lines.length - 1] === '' && (lines.length > 1 || lineStart);
    edits.set(leaf, () => nodes);
  });
  if (block.name === 'pre') {
    const decls = parseStyle(block.attribs.style ?? '');
    if (!decls.some((d) => d.prop === 'white-space')) decls.push({ prop: 'white-space', value: 'nowrap' });
    if (!decls.some((d) => d.prop === 'overflow' || d.prop === 'overflow-x')) decls.push({ prop: 'overflow-x', value: 'auto' });
    block.attribs.style = serializeStyle(decls);
  }
}

/** Inline code outside a block: a newline is a space; leading spaces and runs of spaces → no-break spaces. */
function rewriteInline(text: Text): void {
  const data = expandTabs(text.data.replace(/[ \t]*[\r\n]+[ \t]*/g, ' '));
  text.data = / {2}|^ /.test(data) ? codeLineText(data, lineEdge(text, 'prev')) : data;
}

/**
 * Code keeps its layout on both paths: in `<pre>` (and `white-space:pre…` blocks) newlines
 * become `<br>`, tabs 4 spaces, leading spaces and runs of spaces `&nbsp;`; a `<pre>` scrolls
 * sideways instead of wrapping. In inline `<code>`, runs of spaces become `&nbsp;`.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('code', '<pre>if x:\n\tgo()</pre>')
 * // → '<pre style="white-space:nowrap;overflow-x:auto">if x:<br>&nbsp;&nbsp;&nbsp;&nbsp;go()</pre>'
 */
export const codeCleanup: WechatTransform = {
  name: 'code',
  run({ $ }) {
    mergeTexts(descendants($.root().contents().toArray()));
    const blocks = new Set(($('*').toArray() as Element[]).filter((el) => !inSvg(el) && isPreformatted(el)));
    const edits = new Map<AnyNode, NodeReplacement>();
    for (const block of blocks) {
      // The outermost block rewrites everything inside it.
      if (block.parent && closest(block.parent, (e) => blocks.has(e))) continue;
      rewriteBlock(block, edits);
    }
    replaceNodes(edits);
    for (const code of $('code').toArray() as Element[]) {
      if (closest(code, (e) => blocks.has(e))) continue;
      for (const node of descendants(code.children)) if (isText(node)) rewriteInline(node);
    }
  },
};
