import type { AnyNode, Element, Text } from 'domhandler';
import { isElement, parseHtml } from '../wechat/dom.js';
import { isWechatHosted } from '../wechat/image-host.js';
import { WECHAT_POLICY } from '../wechat/policy.js';

/**
 * What an article's characters are spent on; the parts add up to `html.length`. `text` is the
 * text a reader reads (as written in the HTML, `&amp;` and all); `markup` the tags and styles
 * around it; `images` the `<img>` tags (their URLs most of all); `math` the formulas; `code`
 * code blocks and inline code; `footnotes` the markers `[n]` and the references block.
 */
export interface SizeBreakdown {
  text: number;
  markup: number;
  images: number;
  math: number;
  code: number;
  footnotes: number;
}

/** What the render measured as it wrote: the formulas, and the references block. */
export interface MeasuredParts {
  math: { characters: number; text: number };
  references: { characters: number; text: number };
}

/**
 * Characters of text in a fragment written by the renderer: everything outside its tags.
 *
 * @example
 * textLength('<b style="color:#333">a&amp;b</b>') // → 7
 */
export function textLength(html: string): number {
  let n = 0;
  let inTag = false;
  for (const c of html) {
    if (c === '<') inTag = true;
    else if (c === '>') inTag = false;
    else if (!inTag) n += c.length;
  }
  return n;
}

const FOOTNOTE_MARKER = /^\[\d+\]$/;

/** What one pass over an article finds: the characters of its code, images and footnote markers, its text, and what its images' uploads change. */
interface Walked {
  code: number;
  images: number;
  markers: number;
  text: number;
  /** Characters the uploaded URLs add (negative when they are shorter), and how many images are uploaded. */
  urlDelta: number;
  uploads: number;
}

/**
 * Reads an article once for everything `articleSize` needs, from its parsed tree
 * (`parseHtml`): lengths are the source ranges of the nodes, as written (entities not decoded).
 */
function walk(html: string, nodes: readonly AnyNode[]): Walked {
  const out: Walked = { code: 0, images: 0, markers: 0, text: 0, urlDelta: 0, uploads: 0 };
  const written = (node: AnyNode) => node.endIndex! - node.startIndex! + 1;
  // Depth first, without recursion: the stack holds what is still to read, last first.
  const stack: AnyNode[] = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      out.text += written(node);
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.name;
    if (name === 'pre' || name === 'code') {
      out.code += written(node);
      uploadsIn(html, node, out);
      continue;
    }
    if (name === 'svg') {
      uploadsIn(html, node, out);
      continue;
    }
    if (name === 'img') {
      out.images += written(node);
      upload(html, node, out);
      continue;
    }
    if (name === 'sup') {
      const text = textOf(node);
      if (FOOTNOTE_MARKER.test(text)) {
        out.markers += written(node);
        continue;
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

/** A `src` attribute's value as written in a tag (entities not decoded). */
const WRITTEN_SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** What uploading an image changes: its URL, as written, becomes one on WeChat's host. */
function upload(html: string, img: Element, out: Walked): void {
  const src = img.attribs.src;
  if (src === undefined || isWechatHosted(src.trim())) return;
  const m = WRITTEN_SRC.exec(html.slice(img.startIndex!, img.endIndex! + 1));
  out.uploads++;
  out.urlDelta += WECHAT_POLICY.limits.uploadedImageUrl - (m ? (m[1] ?? m[2] ?? m[3]).length : src.length);
}

/** Images inside code or a drawing (counted with it, uploaded all the same). */
function uploadsIn(html: string, node: Element, out: Walked): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === 'img') upload(html, child, out);
    else uploadsIn(html, child, out);
  }
}

/** The text of a node as written. */
function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as Text).data;
  return isElement(node) ? node.children.map(textOf).join('') : '';
}

/**
 * An article's size, read in one pass over its tree (`parseHtml`, or the render's own parse):
 * - the breakdown by what the characters are spent on (see `SizeBreakdown`): code (`<pre>`,
 *   `<code>`), images and footnote markers are found in the HTML; formulas and the references
 *   block are measured by the render as it writes them;
 * - the size on the API path, what `publish` sends to draft/add: every image not yet on
 *   WeChat's host is uploaded first and its URL replaced by the one media/uploadimg returns,
 *   about `WECHAT_POLICY.limits.uploadedImageUrl` characters long (`uploads` counts them).
 *
 * @example
 * const none = { math: { characters: 0, text: 0 }, references: { characters: 0, text: 0 } }
 * articleSize('<section><img src="a.png"></section>', none)
 * // → { size: { text: 0, markup: 19, images: 17, math: 0, code: 0, footnotes: 0 }, api: { characters: 151, uploads: 1 } }
 * articleSize('<section style="color:#333">Hi<img src="a.png"><code>x</code></section>', none).size
 * // → { text: 2, markup: 38, images: 17, math: 0, code: 14, footnotes: 0 }
 */
export function articleSize(html: string, measured: MeasuredParts, nodes: readonly AnyNode[] = parseHtml(html)): { size: SizeBreakdown; api: { characters: number; uploads: number } } {
  const walked = walk(html, nodes);
  // Formulas drawn as SVG were skipped by the walk; those written as text were counted as text and markup.
  const footnotes = walked.markers + measured.references.characters;
  const reader = walked.text - measured.math.text - measured.references.text;
  const size = {
    text: reader,
    markup: html.length - reader - walked.images - measured.math.characters - walked.code - footnotes,
    images: walked.images,
    math: measured.math.characters,
    code: walked.code,
    footnotes,
  };
  return { size, api: { characters: html.length + walked.urlDelta, uploads: walked.uploads } };
}
