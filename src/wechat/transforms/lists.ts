import { Element, Text, type AnyNode } from 'domhandler';
import { BLANK, closest, isBlock, isElement, isText, replaceNodes, setChildren, type NodeReplacement } from '../dom.js';
import { parseStyle, serializeStyle } from '../style.js';
import type { WechatTransform } from './types.js';
import { bullet, REST_STYLE } from '../writers.js';

/** A row: hanging indent, so wrapped lines align with the text after the marker. */
export const ROW_STYLE = 'padding-left:1.2em;text-indent:-1.2em';

const isList = (el: Element) => el.name === 'ol' || el.name === 'ul';

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) [n, out] = [n - v, out + s];
  return out;
}

function alpha(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/**
 * The marker of an ordered item: its number in the list's type (`1`, `a`, `A`, `i`, `I`, or
 * the matching `list-style-type`), then a full stop.
 *
 * @example
 * orderedMarker(4, 'i') // → 'iv.'
 */
export function orderedMarker(n: number, type: string): string {
  const t = { 'lower-alpha': 'a', 'lower-latin': 'a', 'upper-alpha': 'A', 'upper-latin': 'A', 'lower-roman': 'i', 'upper-roman': 'I' }[type] ?? type;
  if (n > 0 && t === 'a') return `${alpha(n)}.`;
  if (n > 0 && t === 'A') return `${alpha(n).toUpperCase()}.`;
  if (n > 0 && t === 'i') return `${roman(n)}.`;
  if (n > 0 && t === 'I') return `${roman(n).toUpperCase()}.`;
  return `${n}.`;
}

function listType(list: Element): string {
  const style = parseStyle(list.attribs.style ?? '').filter((d) => d.prop === 'list-style-type' || d.prop === 'list-style').pop();
  return list.attribs.type ?? style?.value.split(/\s+/)[0] ?? '1';
}

/** Splits an item's content into its first line (inline content, or its first paragraph's) and the rest. */
function splitItem(li: Element): { lead: AnyNode[]; rest: AnyNode[] } {
  const nodes = li.children.filter((n) => !(isText(n) && BLANK.test(n.data) && (!n.prev || !n.next || isBlock(n.prev) || isBlock(n.next))));
  const first = nodes.find((n) => !(isText(n) && BLANK.test(n.data)));
  if (isElement(first) && first.name === 'p') return { lead: [...first.children], rest: nodes.slice(nodes.indexOf(first) + 1) };
  const cut = nodes.findIndex((n) => isBlock(n));
  return cut < 0 ? { lead: nodes, rest: [] } : { lead: nodes.slice(0, cut), rest: nodes.slice(cut) };
}

/** The lists inside `list` that no other list inside it holds. */
function childLists(list: Element): Element[] {
  const out: Element[] = [];
  const stack = [...list.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (isList(n)) out.push(n);
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** An element holding `children`. */
function element(name: string, attribs: Record<string, string>, children: AnyNode[]): Element {
  const el = new Element(name, attribs);
  setChildren(el, children);
  return el;
}

/** Converts one native list (its nested lists first) into rows; the list is replaced when `edits` are applied. */
function convert(list: Element, depth: number, edits: Map<AnyNode, NodeReplacement>): void {
  for (const nested of childLists(list)) convert(nested, depth + 1, edits);
  const ordered = list.name === 'ol';
  const type = listType(list);
  let n = Number.parseInt(list.attribs.start ?? '1', 10);
  if (Number.isNaN(n)) n = 1;
  const rows: AnyNode[] = [];
  for (const child of list.children) {
    if (!isElement(child) || child.name !== 'li') {
      if (!(isText(child) && BLANK.test(child.data))) rows.push(child);
      continue;
    }
    const value = Number.parseInt(child.attribs.value ?? '', 10);
    if (ordered && !Number.isNaN(value)) n = value;
    const marker = ordered ? orderedMarker(n++, type) : bullet(depth);
    const { lead, rest } = splitItem(child);
    const content = [new Text(`${marker} `), ...lead];
    if (rest.length) content.push(element('section', { style: REST_STYLE }, rest));
    rows.push(element('section', { style: serializeStyle([...parseStyle(child.attribs.style ?? ''), ...parseStyle(ROW_STYLE)]) }, content));
  }
  // The markers are text now: the list's own marker styles no longer apply.
  const style = serializeStyle(parseStyle(list.attribs.style ?? '').filter((d) => !d.prop.startsWith('list-style')));
  const container = element('section', style ? { style } : {}, rows);
  edits.set(list, () => [container]);
}

/**
 * Native lists → rows. Each `<li>` becomes a `<section>` row whose marker is written as text
 * (`1.`, `a.`, `iv.`, `•`, `◦`, `▪`), numbering, `start`, `value` and `type` kept, nesting
 * shown by indentation; an `<li>` outside a list becomes a `<section>`.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('lists', '<ol start="3"><li>a</li><li>b</li></ol>')
 * // → '<section><section style="padding-left:1.2em;text-indent:-1.2em">3. a</section><section style="padding-left:1.2em;text-indent:-1.2em">4. b</section></section>'
 */
export const listsCleanup: WechatTransform = {
  name: 'lists',
  run({ $ }) {
    const edits = new Map<AnyNode, NodeReplacement>();
    for (const list of $('ol,ul').toArray() as Element[]) {
      // A nested list is converted with the list that holds it (its rows are not in the document yet).
      if (edits.has(list) || !list.parent || closest(list.parent, isList)) continue;
      convert(list, 0, edits);
    }
    replaceNodes(edits);
    for (const li of $('li').toArray() as Element[]) li.name = 'section';
  },
};
