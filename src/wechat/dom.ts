import { Parser } from 'htmlparser2';
import { DomHandler, type AnyNode, type Element, type ParentNode, type Text } from 'domhandler';
import { isBlockTag, WECHAT_POLICY } from './policy.js';
import { DigestError } from '../core/errors.js';
import { formatCount } from '../core/format.js';

/** ASCII whitespace only: a `&nbsp;` is written on purpose and is not blank. */
export const BLANK = /^[ \t\n\r\f]*$/;

/**
 * True for an element node (including `<script>` and `<style>`, which domhandler types apart).
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * isElement(loadFragment('<p>a</p>')('p')[0]) // → true
 */
export function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag' || node?.type === 'script' || node?.type === 'style';
}

/**
 * True for a text node.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * isText(loadFragment('<p>a</p>')('p')[0].children[0]) // → true
 */
export function isText(node: AnyNode | null | undefined): node is Text {
  return node?.type === 'text';
}

/**
 * True for an element whose tag is a block tag of the policy.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * isBlock(loadFragment('<section></section>')('section')[0]) // → true
 * isBlock(loadFragment('<b></b>')('b')[0]) // → false
 */
export function isBlock(node: AnyNode | null | undefined): boolean {
  return isElement(node) && isBlockTag(node.name);
}

/**
 * `<tag attr="…">`: the opening tag of an element, for excerpts.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * openTagOf(loadFragment('<p title="a&quot;b">x</p>')('p')[0]) // → '<p title="a&quot;b">'
 */
export function openTagOf(el: Element): string {
  const attrs = Object.entries(el.attribs).map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
  return `<${el.name}${attrs}>`;
}

/**
 * True when what sits on `side` of `node` ends a line or is whitespace anyway (a block edge,
 * `<br>`, a space), so a newline or space at that end of `node` joins nothing.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * const [a, br, b] = loadFragment('<p>a<br>\nb</p>')('p')[0].children
 * // before the text "\nb" stands a <br>; after the text "a" too:
 * lineEdge(b, 'prev') // → true
 * lineEdge(a, 'next') // → true
 * lineEdge(loadFragment('<p>a<b>\nb</b></p>')('b')[0].children[0], 'prev') // → false
 */
export function lineEdge(node: AnyNode, side: 'prev' | 'next'): boolean {
  for (let n: AnyNode = node; ; n = n.parent!) {
    const sibling = n[side];
    if (isText(sibling)) return side === 'prev' ? /\s$/.test(sibling.data) : /^\s/.test(sibling.data);
    if (sibling) return isElement(sibling) && (isBlockTag(sibling.name) || sibling.name === 'br');
    if (!n.parent || isBlock(n.parent)) return true;
  }
}

/**
 * True when a blank text node sits between two block tags, or between a block tag and the
 * edge of the block that holds it: there WeChat turns it into a blank line or an empty item.
 * Leading and trailing whitespace of the whole fragment (a file's last newline) is harmless.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * // the " " between the two blocks:
 * betweenBlocks(loadFragment('<section><p>a</p> <p>b</p></section>')('section')[0].children[1] as Text) // → true
 * // the " " between two words:
 * betweenBlocks(loadFragment('<p><b>a</b> <i>b</i></p>')('p')[0].children[1] as Text) // → false
 */
export function betweenBlocks(node: Text): boolean {
  const parent = node.parent?.type === 'root' ? null : node.parent;
  if (!node.prev && !node.next) return false;
  if (!parent && (!node.prev || !node.next)) return false;
  if (parent && !isBlock(parent)) return false;
  return (!node.prev || isBlock(node.prev)) && (!node.next || isBlock(node.next));
}

/**
 * Every node under `nodes`, in document order (a snapshot: safe to change the tree while iterating).
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * descendants(loadFragment('<p>x<b>y</b></p>').root().children().toArray()).map((n) => (isText(n) ? n.data : (n as Element).name))
 * // → ['p', 'x', 'b', 'y']
 */
export function descendants(nodes: readonly AnyNode[]): AnyNode[] {
  const out: AnyNode[] = [];
  const visit = (list: readonly AnyNode[]) => {
    for (const n of list) {
      out.push(n);
      if ('children' in n) visit(n.children);
    }
  };
  visit(nodes);
  return out;
}

/**
 * True when `node` is an `<svg>` or inside one.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * inSvg(loadFragment('<svg><circle></circle></svg>')('circle')[0]) // → true
 */
export function inSvg(node: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (isElement(n) && n.name === 'svg') return true;
  return false;
}

/**
 * The first ancestor of `node` (itself included) that `test` accepts.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * const text = loadFragment('<pre><code>x</code></pre>')('code')[0].children[0]
 * closest(text, (el) => el.name === 'pre')?.name // → 'pre'
 * closest(text, (el) => el.name === 'p') // → undefined
 */
export function closest(node: AnyNode, test: (el: Element) => boolean): Element | undefined {
  for (let n: AnyNode | null = node; n; n = n.parent) if (isElement(n) && test(n)) return n;
  return undefined;
}

/**
 * Joins each run of adjacent text nodes (left where an element was removed or unwrapped) into
 * one, and returns the text nodes that remain, in order.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * const $ = loadFragment('<p>x<a>y</a></p>')
 * $('a').replaceWith($('a').contents()) // the <a> unwrapped: the <p> holds the texts "x" and "y"
 * mergeTexts(descendants($.root().contents().toArray())).map((t) => t.data) // → ['xy']
 * $('p')[0].children.length // → 1
 */
export function mergeTexts(nodes: readonly AnyNode[]): Text[] {
  const texts: Text[] = [];
  // Children lists are rebuilt once at the end: removing nodes one by one from a long list is quadratic.
  const changed = new Set<ParentNode>();
  for (const node of nodes) {
    if (!isText(node) || !node.parent) continue;
    const prev = node.prev;
    if (isText(prev) && prev.parent === node.parent) {
      prev.data += node.data;
      changed.add(node.parent);
      prev.next = node.next;
      if (node.next) node.next.prev = prev;
      node.parent = null;
    } else texts.push(node);
  }
  for (const parent of changed) parent.children = parent.children.filter((c) => c.parent === parent);
  return texts;
}

/** What a node becomes in `replaceNodes`: the nodes in its place (none: removed). */
export type NodeReplacement = (node: AnyNode) => readonly AnyNode[];

/**
 * Replaces many nodes at once, each by what its function returns (an empty list removes it),
 * rebuilding each parent's children once: replacing nodes one at a time in a long list of
 * siblings is quadratic. Deeper parents are rebuilt first, so a function that unwraps a node
 * (returns its children) sees them already replaced.
 *
 * @example
 * import { loadFragment } from './fragment.js'
 * const $ = loadFragment('<p>a<b>b</b><i>c</i></p>')
 * replaceNodes(new Map([[$('b')[0], (b) => (b as Element).children], [$('i')[0], () => []]]))
 * $.html() // → '<p>ab</p>'
 */
export function replaceNodes(edits: ReadonlyMap<AnyNode, NodeReplacement>): void {
  const depthOf = (node: AnyNode) => {
    let d = 0;
    for (let n = node.parent; n; n = n.parent) d++;
    return d;
  };
  const parents = new Map<ParentNode, number>();
  for (const node of edits.keys()) if (node.parent && !parents.has(node.parent)) parents.set(node.parent, depthOf(node.parent));
  for (const parent of [...parents.keys()].sort((a, b) => parents.get(b)! - parents.get(a)!)) {
    const children: AnyNode[] = [];
    for (const child of parent.children) {
      const replace = edits.get(child);
      if (!replace) {
        children.push(child);
        continue;
      }
      const instead = replace(child);
      for (const n of instead) children.push(n);
      if (!instead.includes(child)) child.parent = child.prev = child.next = null;
    }
    setChildren(parent, children);
  }
}

/**
 * Makes `children` the children of `parent`, linking each to its parent and siblings.
 *
 * @example
 * import { Text } from 'domhandler'
 * import { loadFragment } from './fragment.js'
 * const $ = loadFragment('<p>a</p>')
 * setChildren($('p')[0], [new Text('x'), new Text('y')])
 * $.html() // → '<p>xy</p>'
 */
export function setChildren(parent: ParentNode, children: AnyNode[]): void {
  parent.children = children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    c.parent = parent;
    c.prev = children[i - 1] ?? null;
    c.next = children[i + 1] ?? null;
  }
}

/** Stops a parse at the first element nested too deep; not an `Error`, so no stack is captured. */
class TooDeep {}

/**
 * htmlparser2's tree builder, with each node's source range, stopping the parser at the first
 * element nested deeper than the policy reads. The parser keeps its open elements in an array
 * it adds to at the front, so every level costs as much as the levels above it: left to finish,
 * 80,000 nested `<b>` took over a second, most of it after the limit was long passed.
 */
class DepthLimitedHandler extends DomHandler {
  private depth = 0;
  constructor() {
    super(undefined, { withStartIndices: true, withEndIndices: true });
  }
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (++this.depth > WECHAT_POLICY.nesting.html) throw new TooDeep();
    super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

/**
 * Parses HTML into htmlparser2's tree, each node with the range of the source it was read from
 * (`startIndex`, `endIndex`), refusing markup nested deeper than the policy's `nesting.html`
 * (as browsers do) as soon as the parser reaches it. The one parse behind the check, the size
 * breakdown and the clean-up.
 *
 * @param html - The HTML.
 * @param field - How to name the input in the message (`html`).
 * @throws DigestError `E_INVALID_OPTION` naming the field and the limit.
 * @example
 * const section = parseHtml('<section>Hi</section>')[0]
 * section.startIndex // → 0
 * section.endIndex // → 20
 * parseHtml('<div>'.repeat(600))
 * // throws: html: elements nested more than 512 levels deep; at most 512 are read (as in browsers): flatten the markup
 */
export function parseHtml(html: string, field = 'html'): AnyNode[] {
  const handler = new DepthLimitedHandler();
  try {
    new Parser(handler).end(html);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    const limit = WECHAT_POLICY.nesting.html;
    throw new DigestError('E_INVALID_OPTION', `${field}: elements nested more than ${formatCount(limit)} levels deep; at most ${limit} are read (as in browsers): flatten the markup`, { details: { depth: limit + 1, limit } });
  }
  return handler.root.children;
}
