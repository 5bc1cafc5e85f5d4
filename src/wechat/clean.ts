import { DigestError } from '../core/errors.js';
import { LOCALES, type Locale } from '../digest/locale.js';
import { loadFragment } from './fragment.js';
import { Footnotes } from './footnotes.js';
import { attributesTransform } from './transforms/attributes.js';
import { codeTransform } from './transforms/code.js';
import { dropTransform } from './transforms/drop.js';
import { imagesTransform } from './transforms/images.js';
import { linksTransform } from './transforms/links.js';
import { listsTransform } from './transforms/lists.js';
import { paragraphsTransform } from './transforms/paragraphs.js';
import { pureBlackTransform } from './transforms/pure-black.js';
import { rootBoxTransform } from './transforms/root-box.js';
import { rootTransform } from './transforms/root.js';
import { stylesTransform } from './transforms/styles.js';
import { svgTransform } from './transforms/svg.js';
import { tablesTransform } from './transforms/tables.js';
import { tagsTransform } from './transforms/tags.js';
import type { CleanContext, WechatTransform } from './transforms/types.js';
import { whitespaceTransform } from './transforms/whitespace.js';
import type { LinkMode } from './writers.js';

/** The clean-up, in order. Each step is one file in `src/wechat/transforms/`; no step calls another. */
export const WECHAT_TRANSFORMS: readonly WechatTransform[] = [
  dropTransform, //        script, style, iframe, forms, media: removed with their content
  svgTransform, //         what WeChat strips inside <svg>
  tagsTransform, //        other disallowed tags renamed (div → section) or unwrapped
  rootTransform, //        one root <section>
  listsTransform, //       native lists → rows with text markers (reads start, type, value)
  imagesTransform, //      unusable images removed; width/height into style; max-width:100%
  tablesTransform, //      tables scroll sideways; align → text-align
  paragraphsTransform, //  a <p> holding a block becomes a <section>
  stylesTransform, //      disallowed CSS, var(), !important
  pureBlackTransform, //   #000 → near-black
  attributesTransform, //  class, id, on*, attributes WeChat drops; bare spans unwrapped
  linksTransform, //       external links → footnotes and a references block
  codeTransform, //        <pre> newlines → <br>, spaces → &nbsp;, scrolls sideways
  rootBoxTransform, //     the root's padding and background onto an inner box
  whitespaceTransform, //  no whitespace between block tags, no newlines in text
];

/** Options of `cleanForWechat`. */
export interface CleanOptions {
  /** External links: `'footnotes'` (default), `'inline'` (URL after the text) or `'keep'`. */
  links?: LinkMode;
  /** Labels of the references block: `'zh'` (default, 参考链接) or `'en'` (References). */
  locale?: Locale;
}

const LINK_MODES: readonly LinkMode[] = ['footnotes', 'inline', 'keep'];

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
 * @throws DigestError `E_INVALID_OPTION` when `html` is not a string or an option is unknown.
 * @example
 * cleanForWechat('<div class="post"><h2>Hi</h2>\n<ul><li>see <a href="https://x.org">x</a></li></ul></div>')
 * // → '<section><h2>Hi</h2><section><section style="padding-left:1.2em;text-indent:-1.2em">• see x<sup style="line-height:0">[1]</sup></section></section>'
 * //   + '<section style="margin-top:2em;…"><b>参考链接</b><br>[1] x：https://x.org</section></section>'
 */
export function cleanForWechat(html: string, options: CleanOptions = {}): string {
  if (typeof html !== 'string') throw new DigestError('E_INVALID_OPTION', `html: expected a string of HTML, received ${html === null ? 'null' : typeof html}`);
  const links = options.links ?? 'footnotes';
  if (!LINK_MODES.includes(links)) throw new DigestError('E_INVALID_OPTION', `options.links: expected "footnotes" or "inline" or "keep", received ${JSON.stringify(links)}`);
  const locale = options.locale ?? 'zh';
  if (!(locale in LOCALES)) throw new DigestError('E_INVALID_OPTION', `options.locale: expected "zh" or "en", received ${JSON.stringify(locale)}`);
  const ctx: CleanContext = { $: loadFragment(html), links, strings: LOCALES[locale], footnotes: new Footnotes() };
  for (const t of WECHAT_TRANSFORMS) t.run(ctx);
  return ctx.$.html();
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
  const ctx: CleanContext = { $: loadFragment(html), links: options.links ?? 'footnotes', strings: LOCALES[options.locale ?? 'zh'], footnotes: new Footnotes() };
  t.run(ctx);
  return ctx.$.html();
}
