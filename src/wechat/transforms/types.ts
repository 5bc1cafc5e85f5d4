import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { LocaleStrings } from '../../digest/locale.js';
import type { Footnotes } from '../footnotes.js';
import type { LinkMode } from '../writers.js';

/** What every clean-up transformation gets: the one document, the options, the footnotes. */
export interface CleanContext {
  /** The document being cleaned (a fragment). */
  $: CheerioAPI;
  /** How external links are written. */
  links: LinkMode;
  /** Labels and punctuation (the references heading, the colon). */
  strings: LocaleStrings;
  /** External links collected as footnotes. */
  footnotes: Footnotes;
}

/** One named clean-up step over a cheerio document. */
export interface WechatTransform {
  /** Stable name, used in docs, tests and fixture folders. */
  name: string;
  /** Changes the document in place. */
  run(ctx: CleanContext): void;
}

/**
 * The root element of the fragment (the first top-level element), if any.
 *
 * @example
 * import { loadFragment } from '../fragment.js'
 * rootElement({ $: loadFragment('<section><p>a</p></section>') } as CleanContext)?.name // → 'section'
 */
export function rootElement(ctx: CleanContext): Element | undefined {
  return ctx.$.root().children().toArray()[0] as Element | undefined;
}
