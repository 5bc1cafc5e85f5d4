import { Parser } from 'htmlparser2';
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

/** Reads an article once for everything `sizeBreakdown` and `apiSize` need. */
function walk(html: string): Walked {
  const out: Walked = { code: 0, images: 0, markers: 0, text: 0, urlDelta: 0, uploads: 0 };
  let codeDepth = 0;
  let codeStart = 0;
  let svgDepth = 0;
  let sup: { start: number; text: string } | undefined;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'img') {
          const src = attributes.src;
          if (src !== undefined && !isWechatHosted(src.trim())) {
            out.uploads++;
            out.urlDelta += WECHAT_POLICY.limits.uploadedImageUrl - src.length;
          }
        }
        if (name === 'pre' || name === 'code') {
          if (codeDepth++ === 0) codeStart = parser.startIndex;
        } else if (name === 'svg') svgDepth++;
        else if (name === 'img' && !codeDepth && !svgDepth) out.images += parser.endIndex - parser.startIndex + 1;
        else if (name === 'sup' && !codeDepth && !svgDepth) sup = { start: parser.startIndex, text: '' };
      },
      ontext(data) {
        if (codeDepth || svgDepth) return;
        out.text += data.length;
        if (sup) sup.text += data;
      },
      onclosetag(name) {
        if ((name === 'pre' || name === 'code') && codeDepth && --codeDepth === 0) out.code += parser.endIndex - codeStart + 1;
        else if (name === 'svg' && svgDepth) svgDepth--;
        else if (name === 'sup' && sup) {
          if (FOOTNOTE_MARKER.test(sup.text)) {
            out.markers += parser.endIndex - sup.start + 1;
            out.text -= sup.text.length;
          }
          sup = undefined;
        }
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return out;
}

/**
 * An article's size, read in one pass: the breakdown (`sizeBreakdown`) and the size on the API
 * path (`apiSize`).
 *
 * @example
 * articleSize('<section><img src="a.png"></section>', { math: { characters: 0, text: 0 }, references: { characters: 0, text: 0 } })
 * // → { size: { text: 0, markup: 19, images: 17, math: 0, code: 0, footnotes: 0 }, api: { characters: 151, uploads: 1 } }
 */
export function articleSize(html: string, measured: MeasuredParts): { size: SizeBreakdown; api: { characters: number; uploads: number } } {
  const walked = walk(html);
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
  return breakdown(html, walk(html), measured);
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
  const { urlDelta, uploads } = walk(html);
  return { characters: html.length + urlDelta, uploads };
}
