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
 * Reads an article once for everything `sizeBreakdown` and `apiSize` need, from its parsed tree
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
 * An article's size, read in one pass: the breakdown (`sizeBreakdown`) and the size on the API
 * path (`apiSize`).
 *
 * @example
 * articleSize('<section><img src="a.png"></section>', { math: { characters: 0, text: 0 }, references: { characters: 0, text: 0 } })
 * // → { size: { text: 0, markup: 19, images: 17, math: 0, code: 0, footnotes: 0 }, api: { characters: 151, uploads: 1 } }
 */
export function articleSize(html: string, measured: MeasuredParts, nodes: readonly AnyNode[] = parseHtml(html)): { size: SizeBreakdown; api: { characters: number; uploads: number } } {
  const walked = walk(html, nodes);
  return { size: breakdown(html, walked, measured), api: { characters: html.length + walked.urlDelta, uploads: walked.uploads } };
}

/**
 * Breaks an article's size down by what the characters are spent on (see `SizeBreakdown`). Code
 * (`<pre>`, `<code>`), images and footnote markers are found in the HTML; formulas and the
 * references block are measured by the render as it writes them.
 *
 * @example
 * sizeBreakdown('<section style="color:#333">Hi<img src="a.png"><code>x</code></section>', { math: { characters: 0, text: 0 }, references: { characters: 0, text: 0 } })
 * // → { text: 2, markup: 38, images: 17, math: 0, code: 14, footnotes: 0 }
 */
export function sizeBreakdown(html: string, measured: MeasuredParts): SizeBreakdown {
  return breakdown(html, walk(html, parseHtml(html)), measured);
}

function breakdown(html: string, walked: Walked, measured: MeasuredParts): SizeBreakdown {
  // Formulas drawn as SVG were skipped by the walk; those written as text were counted as text and markup.
  const footnotes = walked.markers + measured.references.characters;
  const reader = walked.text - measured.math.text - measured.references.text;
  return {
    text: reader,
    markup: html.length - reader - walked.images - measured.math.characters - walked.code - footnotes,
    images: walked.images,
    math: measured.math.characters,
    code: walked.code,
    footnotes,
  };
}

/**
 * The size of an article on the API path: what `publish` sends to draft/add. Every image not yet
 * on WeChat's host is uploaded first and its URL replaced by the one media/uploadimg returns,
 * about `WECHAT_POLICY.limits.uploadedImageUrl` characters long.
 *
 * @returns The estimated characters and the number of images whose URL changes.
 * @example
 * apiSize('<section><img src="a.png"></section>') // → { characters: 151, uploads: 1 }
 */
export function apiSize(html: string): { characters: number; uploads: number } {
  const { urlDelta, uploads } = walk(html, parseHtml(html));
  return { characters: html.length + urlDelta, uploads };
}
