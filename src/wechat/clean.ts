import { DigestError } from '../core/errors.js';
import { optionEnum, optionsObject, parseOptions } from '../core/options.js';
import { LOCALE_IDS, LOCALES } from '../digest/locale.js';
import type { z } from 'zod';
import type { AnyNode } from 'domhandler';
import { parseHtml } from './dom.js';
import { loadFragment } from './fragment.js';
import { Footnotes } from './footnotes.js';
import { attributesCleanup } from './transforms/attributes.js';
import { codeCleanup } from './transforms/code.js';
import { dropCleanup } from './transforms/drop.js';
import { imagesCleanup } from './transforms/images.js';
import { linksCleanup } from './transforms/links.js';
import { listsCleanup } from './transforms/lists.js';
import { paragraphsCleanup } from './transforms/paragraphs.js';
import { pureBlackCleanup } from './transforms/pure-black.js';
import { rootBoxCleanup } from './transforms/root-box.js';
import { rootCleanup } from './transforms/root.js';
import { stylesCleanup } from './transforms/styles.js';
import { svgCleanup } from './transforms/svg.js';
import { tablesCleanup } from './transforms/tables.js';
import { tagsCleanup } from './transforms/tags.js';
import type { CleanContext, WechatTransform } from './transforms/types.js';
import { whitespaceCleanup } from './transforms/whitespace.js';
import { LINK_MODES } from './writers.js';

/** The clean-up, in order. Each step is one file in `src/wechat/transforms/`; no step calls another. */
export const WECHAT_TRANSFORMS: readonly WechatTransform[] = [
  dropCleanup,         // script, style, iframe, forms, media: removed with their content
  svgCleanup,          // what WeChat strips inside <svg>
  tagsCleanup,         // other disallowed tags renamed (div → section) or unwrapped
  rootCleanup,         // one root <section>
  listsCleanup,        // native lists → rows with text markers (reads start, type, value)
  imagesCleanup,       // unusable images removed; width/height into style; max-width:100%
  tablesCleanup,       // tables scroll sideways; align → text-align
  paragraphsCleanup,   // a <p> holding a block becomes a <section>
  stylesCleanup,       // disallowed CSS, var(), !important
  pureBlackCleanup,    // #000 → near-black
  attributesCleanup,   // class, id, on*, attributes WeChat drops; bare spans unwrapped
  linksCleanup,        // external links → footnotes and a references block
  codeCleanup,         // <pre> newlines → <br>, spaces → &nbsp;, scrolls sideways
  rootBoxCleanup,      // the root's padding and background onto an inner box
  whitespaceCleanup,   // no whitespace between block tags, no newlines in text
];

/**
 * The schema of `cleanForWechat`'s options; `CleanOptions` is derived from it.
 *
 * @example
 * CLEAN_OPTIONS_SCHEMA.safeParse({ links: 'keep' }).success // → true
 */
export const CLEAN_OPTIONS_SCHEMA = optionsObject({
  /** External links: `'footnotes'` (default), `'inline'` (URL after the text) or `'keep'`. */
  links: optionEnum(LINK_MODES).optional(),
  /** Labels of the references block: `'zh'` (default, 参考链接) or `'en'` (References). */
  locale: optionEnum(LOCALE_IDS).optional(),
});

/** Options of `cleanForWechat`. */
export type CleanOptions = z.input<typeof CLEAN_OPTIONS_SCHEMA>;

/**
 * Makes arbitrary HTML fit for WeChat by applying the policy on one document: tags WeChat
 * removes are dropped (script, iframe, …) or unwrapped with their text kept, attributes and
 * CSS declarations it drops are removed, no `var()` or `!important`, pure black becomes
 * near-black, native lists become rows with text markers, `<pre>` keeps its lines with `<br>`
 * and `&nbsp;`, external links become footnotes, the root's padding and background move inward
 * and no whitespace is left between block tags. For HTML written elsewhere; `renderDigest`
 * writes safe HTML by construction.
 *
 * @param html - An HTML fragment (or a whole page: head and scripts are dropped).
 * @param options - `links` and `locale`.
 * @returns One root `<section>` that `checkWechat` passes, images aside (a WebP stays WebP).
 * @throws DigestError `E_INVALID_OPTION` when `html` is not a string, an option is unknown, or
 *   elements nest deeper than `WECHAT_POLICY.nesting.html`.
 * @example
 * cleanForWechat('<div class="post"><h2>Hi</h2>\n<ul><li>see <a href="https://x.org">x</a></li></ul></div>')
 * // → '<section><h2>Hi</h2><section><section style="padding-left:1.2em;text-indent:-1.2em">• see x<sup style="line-height:0">[1]</sup></section></section>'
 * //   + '<section style="margin-top:2em;…"><b>参考链接</b><br>[1] x：https://x.org</section></section>'
 */
export function cleanForWechat(html: string, options: CleanOptions = {}): string {
  if (typeof html !== 'string') throw new DigestError('E_INVALID_OPTION', `html: expected a string of HTML, received ${html === null ? 'null' : typeof html}`);
  const resolved = parseOptions(CLEAN_OPTIONS_SCHEMA, options);
  const ctx = cleanContext(parseHtml(html), resolved);
  for (const t of WECHAT_TRANSFORMS) t.run(ctx);
  return ctx.$.html();
}

function cleanContext(html: string | AnyNode[], options: CleanOptions): CleanContext {
  return { $: loadFragment(html), links: options.links ?? 'footnotes', strings: LOCALES[options.locale ?? 'zh'], footnotes: new Footnotes() };
}

/**
 * Runs one clean-up step alone on a fragment (for tests and for seeing what a step does).
 *
 * @example
 * runWechatTransform('pure-black', '<p style="color:#000">a</p>') // → '<p style="color:#1a1a1a">a</p>'
 */
export function runWechatTransform(name: string, html: string, options: CleanOptions = {}): string {
  const t = WECHAT_TRANSFORMS.find((x) => x.name === name);
  if (!t) throw new DigestError('E_INVALID_OPTION', `transform: "${name}" is not one of ${WECHAT_TRANSFORMS.map((x) => x.name).join(', ')}`);
  const ctx = cleanContext(html, parseOptions(CLEAN_OPTIONS_SCHEMA, options));
  t.run(ctx);
  return ctx.$.html();
}
