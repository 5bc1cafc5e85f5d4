import { z } from '../core/zod.js';
import { optionEnum, optionFlag, optionsObject, parseOptions } from '../core/options.js';
import { LOCALE_IDS } from '../digest/locale.js';
import { NUMBERINGS } from '../digest/numbering.js';
import type { CustomTheme } from '../theme/themes.js';
import { CHECK_TARGETS } from '../wechat/check.js';
import { LINK_MODES } from '../wechat/writers.js';
import { RAW_HTML_MODES } from './markdown/env.js';

const customTheme = z.looseObject({ css: z.string(), name: z.string().optional() });
const themeParam = <T>() => z.custom<T>().optional();

/**
 * The schema of `renderDigest`'s options: each field with its doc and default, each list of
 * values imported from its owner. `RenderOptions` is derived from it.
 *
 * @example
 * RENDER_OPTIONS_SCHEMA.safeParse({ links: 'inline' }).success // → true
 */
export const RENDER_OPTIONS_SCHEMA = optionsObject({
  /** A built-in theme id (see `listThemes()`), or `{ css }` for your own. Default `'classic'`. */
  theme: z.union([z.string(), customTheme], { error: 'expected a theme id such as "classic", or { css: "…" }' }).optional() as z.ZodOptional<z.ZodType<string | CustomTheme, string | CustomTheme>>,
  /** Labels and punctuation: `'zh'` or `'en'`. Default: the digest's `locale`, else `'zh'`. */
  locale: optionEnum(LOCALE_IDS).optional(),
  /**
   * External links in Markdown: `'footnotes'` (text + `[n]`, URLs listed at the end; what WeChat
   * accepts), `'inline'` (URL in brackets after the text), `'keep'` (real `<a>`, for other
   * platforms). Default `'footnotes'`.
   */
  links: optionEnum(LINK_MODES).optional(),
  // The accent and the font size are the theme's parameters: the theme checks them
  // (`validateThemeParams`), with the messages `compileTheme` gives.
  /** Accent colour for tags, numbers and rules, e.g. `'#0f766e'`. Default: the theme's. */
  accent: themeParam<string>(),
  /** Base font size in pixels, 14–17. Default: the theme's (15 for classic). */
  fontSize: themeParam<number>(),
  /**
   * `'restart'`: each numbered section starts at 1. `'continue'`: numbers run on. Default: the
   * digest's `numbering`, else `'restart'`.
   */
  numbering: optionEnum(NUMBERINGS).optional(),
  /** Which path the built-in check judges the output for: `'paste'` or `'api'`. Default `'paste'`. */
  target: optionEnum(CHECK_TARGETS).optional(),
  /**
   * Write the title and the meta line (date · account · author) at the top of the body. WeChat
   * shows the title, the account and the date above every article, so by default they are left
   * out (the draft's title and author fields carry them). Default `false`.
   */
  header: optionFlag().optional(),
  /** The longest headline summary built from the items, in characters; the rest is counted (`等 12 项`). Default 100. */
  summaryMax: z
    .number({ error: (issue) => `expected a whole number of characters, 10 or more, received ${JSON.stringify(issue.input)}` })
    .refine((n) => Number.isInteger(n) && n >= 10, { error: (issue) => `expected a whole number of characters, 10 or more, received ${JSON.stringify(issue.input)}` })
    .optional(),
  /**
   * Raw HTML in Markdown fields: `'sanitize'` keeps what the WeChat policy allows (`<u>`, `<sup>`,
   * `<br>`, a coloured `<span>`…) and removes the rest; `'escape'` shows it as text. Default `'sanitize'`.
   */
  rawHtml: optionEnum(RAW_HTML_MODES).optional(),
  /**
   * Colour fenced code that names a language (```` ```rust ````) with the theme's code palette,
   * as inline colours. `false` writes every block in the block's one colour. Default `true`.
   */
  highlight: optionFlag().optional(),
  /** A line-number column beside each code block, left out when a reader copies the code. Default `false`. */
  lineNumbers: optionFlag().optional(),
  /** A window bar above each code block: three dots and the language. Default `false`. */
  codeWindow: optionFlag().optional(),
});

/** Options of `renderDigest`. Every field is optional; defaults are in `DEFAULT_RENDER_OPTIONS`. */
export type RenderOptions = z.input<typeof RENDER_OPTIONS_SCHEMA>;

/** The defaults of every render option. */
export const DEFAULT_RENDER_OPTIONS = {
  theme: 'classic',
  links: 'footnotes',
  target: 'paste',
  header: false,
  summaryMax: 100,
  rawHtml: 'sanitize',
  highlight: true,
  lineNumbers: false,
  codeWindow: false,
} as const satisfies RenderOptions;

/** Options after merging with the defaults. */
export type ResolvedRenderOptions = Required<Pick<RenderOptions, keyof typeof DEFAULT_RENDER_OPTIONS>> & Omit<RenderOptions, keyof typeof DEFAULT_RENDER_OPTIONS>;

/**
 * Merges options with the defaults once, after checking them against `RENDER_OPTIONS_SCHEMA`.
 * `numbering` has no default here: the digest's own `numbering` applies when the option is absent.
 *
 * @throws DigestError `E_INVALID_OPTION` naming each wrong option and what it expects.
 * @example
 * resolveRenderOptions({ links: 'inline' }).links // → 'inline'
 * resolveRenderOptions({}).summaryMax // → 100
 * // every problem, one line each:
 * resolveRenderOptions({ links: 'none', taget: 'api' })
 * // throws: options.links: expected "footnotes" or "inline" or "keep", received "none"…options.taget: unknown option; did you mean "target"? (known: …)
 */
export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  const parsed = parseOptions(RENDER_OPTIONS_SCHEMA, options) as RenderOptions;
  return { ...DEFAULT_RENDER_OPTIONS, ...stripUndefined(parsed) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
